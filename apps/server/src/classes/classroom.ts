/**
 * The classroom plugged into the server: the hooks the room registry takes (each
 * room's current generation, the write guard, goal watching), who may open a room,
 * and the `/api/classes` routes. Without a class store (the in-memory fake) rooms are
 * as before and no class routes are served.
 */
import type { JsonObject } from '@vnetlab/shared';
import { Hono } from 'hono';
import type { Evaluate } from '../engine/evaluate';
import type { RateLimiter } from '../http/rateLimit';
import { createRateLimiter } from '../http/rateLimit';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { CloseEvent } from '../sync/closeCodes';
import type { Room } from '../sync/Room';
import type { RoomRegistry, RoomRegistryOptions } from '../sync/RoomRegistry';
import { type RoomAccess, roomAccess } from './access';
import { ClassService, type ConnectionSelector } from './ClassService';
import { classRoutes } from './classRoutes';
import { Generations } from './generations';
import { lessonRoutes } from './lessonRoutes';
import { predictRoutes } from './predictRoutes';
import { watchGoals } from './progress';
import { createWriteGuard } from './writeGuard';

export interface ClassroomOptions {
  readonly store: Store;
  readonly rooms: () => RoomRegistry;
  readonly log: Logger;
  readonly emptyLab: JsonObject;
  readonly scenarios: ReadonlyMap<string, JsonObject>;
  readonly creationLimiter: RateLimiter;
  readonly evaluate: Evaluate;
  /** Cluster mode: tell the other processes, which cache class state too. */
  readonly announce?: {
    classChanged(classId: string): void;
    generationStarted(room: string): void;
    connectionsClosed(room: string, which: ConnectionSelector, event: CloseEvent): void;
  };
}

export interface Classroom {
  readonly access: RoomAccess;
  readonly registryHooks: Pick<RoomRegistryOptions, 'prepare'>;
  /** What another process announced: read the class again (all classes: undefined) … */
  classChanged(classId: string | undefined): Promise<void>;
  /** … or forget the room's generation state (it unloads the room itself). */
  generationStarted(room: string): void;
  routes(): Hono;
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const { store, log } = options;
  const classes = store.classes;
  const access = roomAccess(store, classes);
  if (!classes) {
    return {
      access,
      registryHooks: {},
      classChanged: async () => {},
      generationStarted: () => {},
      routes: () => new Hono(),
    };
  }
  const generations = new Generations(classes, store, options.rooms, options.announce?.generationStarted);
  const service = new ClassService({
    classes,
    directory: store,
    rooms: options.rooms,
    generations,
    emptyLab: options.emptyLab,
    log,
    onStateChanged: options.announce?.classChanged,
    onClose: options.announce?.connectionsClosed,
  });
  return {
    access,
    classChanged: (classId) => service.refresh(classId),
    generationStarted: (room) => generations.forget(room),
    registryHooks: {
      async prepare(room) {
        const [labDoc, place] = await Promise.all([generations.docOf(room), classes.placeOfRoom(room)]);
        if (!place) return { labDoc };
        // What the guard reads on every update is read into memory now.
        await Promise.all([generations.loadRetired(room), service.loadPaused(place.classId)]);
        const writeGuard = createWriteGuard({
          room,
          log,
          retiredClients: () => generations.retiredClients(room),
          paused: () => service.isPaused(place.classId),
        });
        if (place.kind !== 'group') return { labDoc, writeGuard };
        // A goal turning green is noted in the background: the room does not wait for it.
        const failed = (error: unknown) => log('class-note-failed', { room, error: String(error) });
        const onLoad = (loaded: Room) =>
          watchGoals(loaded, {
            green: (at) => void classes.setLastGreen(room, at).catch(failed),
            solved: (at) => void service.faultSolved(place.classId, place.group, at).catch(failed),
          });
        return { labDoc, writeGuard, onLoad };
      },
    },
    routes() {
      const app = new Hono();
      app.route(
        '/',
        classRoutes({
          service,
          scenarios: options.scenarios,
          log,
          creationLimiter: options.creationLimiter,
          // A class of 60 behind one school address joins in well under a minute.
          joinLimiter: createRateLimiter({ capacity: 200, perMinute: 200 }),
          wrongCodeLimiter: createRateLimiter({ capacity: 20, perMinute: 20 }),
        }),
      );
      app.route('/', predictRoutes({ classes, scenarios: options.scenarios, evaluate: options.evaluate }));
      // Last: its guard takes every other `/:class/*` path for the instructor.
      app.route(
        '/',
        lessonRoutes({ service, rooms: options.rooms(), store, scenarios: options.scenarios, log }),
      );
      return app;
    },
  };
}
