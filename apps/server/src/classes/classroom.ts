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
import type { RoomRegistry, RoomRegistryOptions } from '../sync/RoomRegistry';
import { type RoomAccess, roomAccess } from './access';
import { ClassService } from './ClassService';
import { classRoutes } from './classRoutes';
import { compactWhenCrowded, staleGenerationGuard } from './compaction';
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
  /** The rooms' client-id cap (Limits.maxClientIds): a room near it compacts (HOSTILE-23). */
  readonly maxClientIds: number;
}

export interface Classroom {
  readonly access: RoomAccess;
  readonly registryHooks: Pick<RoomRegistryOptions, 'labDocOf' | 'writeGuard' | 'onLoad'>;
  routes(): Hono;
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const { store, log } = options;
  const classes = store.classes;
  const access = roomAccess(store, classes);
  if (!classes) return { access, registryHooks: {}, routes: () => new Hono() };
  const generations = new Generations(classes, store, options.rooms);
  const service = new ClassService({
    classes,
    directory: store,
    rooms: options.rooms,
    generations,
    emptyLab: options.emptyLab,
    log,
  });
  return {
    access,
    registryHooks: {
      labDocOf: (room) => generations.docOf(room),
      writeGuard(room) {
        const place = classes.placeOfRoom(room);
        if (!place) return staleGenerationGuard(() => generations.retiredClients(room));
        return createWriteGuard({
          room,
          log,
          retiredClients: () => generations.retiredClients(room),
          paused: () => classes.getClass(place.classId)?.state.paused === true,
        });
      },
      onLoad(room) {
        compactWhenCrowded(room, options.maxClientIds, generations, log);
        const place = classes.placeOfRoom(room.id);
        if (place?.kind !== 'group') return;
        watchGoals(room, {
          green: (at) => classes.setLastGreen(room.id, at),
          solved: (at) => service.faultSolved(place.classId, place.group, at),
        });
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
      app.route('/', lessonRoutes({ service, rooms: options.rooms(), store, scenarios: options.scenarios }));
      return app;
    },
  };
}
