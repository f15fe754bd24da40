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
import { anonymizedView } from './anonymize';
import { ClassService, type ConnectionSelector } from './ClassService';
import { classRoutes } from './classRoutes';
import { type ClassRules, classRules } from './classRules';
import { compactWhenCrowded, staleGenerationGuard } from './compaction';
import { Generations, NewGeneration } from './generations';
import { stampClassIdentity } from './identityStamp';
import { lessonRoutes } from './lessonRoutes';
import { predictRoutes } from './predictRoutes';
import { watchGoals } from './progress';
import { RoundHold } from './roundHold';
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
  /** Cluster mode: tell the other processes, which cache class state too. */
  readonly announce?: {
    classChanged(classId: string): void;
    generationStarted(room: string): void;
    connectionsClosed(room: string, which: ConnectionSelector, event: CloseEvent): void;
    /** Whether the other processes hear these now (Redis reachable). */
    heard(): boolean;
  };
  /**
   * Cluster mode: the class timers (faults on a timer) run on one process at a time,
   * told by `keepTimers` (the holder of the cluster's timer lease). Otherwise here, from the start.
   */
  readonly timersByLease?: boolean;
  /** Cluster mode: what the other live processes report of each room (who is there, what they edit). */
  readonly remotePresence?: (rooms: readonly string[]) => Promise<Map<string, unknown[]>>;
}

export interface Classroom {
  readonly access: RoomAccess;
  /** What the labs API refuses a class's students besides (classRules.ts). */
  readonly rules: ClassRules;
  readonly registryHooks: Pick<RoomRegistryOptions, 'prepare'>;
  /** What another process announced: read the class again (all classes: undefined) … */
  classChanged(classId: string | undefined): Promise<void>;
  /** … or forget the room's generation state (it unloads the room itself). */
  generationStarted(room: string): void;
  /**
   * Cluster mode, back on Redis after an outage: what other processes announced meanwhile
   * may be lost, so read it from the store again (class state, generations, who may stay).
   */
  resync(): Promise<void>;
  routes(): Hono;
  /** Cluster mode: this process takes up (or gives up) the class timers. */
  keepTimers(keep: boolean): void;
  /** Faults armed on this process, waiting for their time (the operator's health). */
  armedFaults(): number;
  /** Cluster mode: what this process reports of a loaded room to the others (undefined: nothing). */
  presenceReport(room: string): unknown;
  /** Stops the class's timers (faults waiting to be planted stay stored). */
  close(): void;
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const { store, log } = options;
  const classes = store.classes;
  const access = roomAccess(store, classes);
  const rules = classRules(classes);
  if (!classes) {
    return {
      access,
      rules,
      registryHooks: {},
      classChanged: async () => {},
      generationStarted: () => {},
      resync: async () => {},
      routes: () => new Hono(),
      keepTimers() {},
      armedFaults: () => 0,
      presenceReport: () => undefined,
      close() {},
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
    faultLab: (fault) => (fault.startsWith('fault-') ? options.scenarios.get(fault) : undefined),
    onStateChanged: options.announce?.classChanged,
    onClose: options.announce?.connectionsClosed,
    announcementsHeard: options.announce?.heard,
    remotePresence: options.remotePresence,
  });
  const roundHold = new RoundHold(classes, options.rooms, log);
  const keepTimers = (keep: boolean) =>
    void service
      .keepTimers(keep)
      .catch((error: unknown) => log('class-faults-rearm-failed', { error: String(error) }));
  // Faults planted on a timer before a restart: armed again (CLASS-11).
  if (!options.timersByLease) keepTimers(true);
  return {
    close: () => service.close(),
    keepTimers,
    armedFaults: () => service.armedFaults,
    presenceReport: (room) => service.presenceReport(room),
    access,
    rules,
    classChanged: async (classId) => {
      await Promise.all([service.refresh(classId), roundHold.refresh(classId)]);
    },
    generationStarted: (room) => generations.forget(room),
    async resync() {
      await Promise.all([service.resync(), roundHold.refresh(undefined), generations.refreshRetired()]);
      const rooms = options.rooms();
      await Promise.all(
        rooms.loadedRooms().map(async (room) => {
          const current = await generations.docOf(room.id);
          // Another process started a generation: this one serves the old document.
          if (current !== room.lab.name) {
            if (rooms.loaded(room.id) === room) rooms.unload(room.id, NewGeneration);
            return;
          }
          await service.recheckConnections(room.id);
        }),
      );
    },
    registryHooks: {
      async prepare(room) {
        const [labDoc, place] = await Promise.all([generations.docOf(room), classes.placeOfRoom(room)]);
        // What the guards read on every update is read into memory now.
        await generations.loadRetired(room);
        // Any room near the client-id cap starts a new generation of itself (HOSTILE-23).
        const compact = (loaded: Room) => compactWhenCrowded(loaded, options.maxClientIds, generations, log);
        if (!place) {
          return {
            labDoc,
            writeGuard: staleGenerationGuard(() => generations.retiredClients(room)),
            onLoad: compact,
          };
        }
        await Promise.all([
          service.loadPaused(place.classId),
          service.loadEdits(room),
          roundHold.load(place.classId),
        ]);
        const writeGuard = createWriteGuard({
          room,
          log,
          retiredClients: () => generations.retiredClients(room),
          paused: () => service.isPaused(place.classId),
          edited: (principal, path, at) => service.noteEdit(room, principal, path, at),
        });
        const kept = (loaded: Room) => {
          compact(loaded);
          // Who each person is in awareness is their token's to say, not their page's.
          loaded.lab.awarenessStamp = stampClassIdentity;
          roundHold.attach(loaded, place.classId);
        };
        if (place.kind !== 'group') return { labDoc, writeGuard, onLoad: kept };
        // A goal turning green is noted in the background: the room does not wait for it.
        const failed = (error: unknown) => log('class-note-failed', { room, error: String(error) });
        const onLoad = (loaded: Room) => {
          kept(loaded);
          watchGoals(loaded, {
            green: (at) => void classes.setLastGreen(room, at).catch(failed),
            solved: (at) => void service.faultSolved(place.classId, place.group, at).catch(failed),
          });
          // On an anonymized stage, whoever watches (read access) sees aliases, not names.
          const anonymized = anonymizedView(() => service.aliasesOf(place.classId));
          loaded.lab.awarenessView = (connection) =>
            connection.access === 'read' && service.anonymizes(place.classId, place.group)
              ? anonymized
              : undefined;
        };
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
      app.route(
        '/',
        predictRoutes({
          classes,
          scenarios: options.scenarios,
          evaluate: options.evaluate,
          // Students' results are withheld while the round is open, here and on the other processes.
          onRoundChanged: async (classId) => {
            await roundHold.load(classId);
            options.announce?.classChanged(classId);
          },
        }),
      );
      // Last: its guard takes every other `/:class/*` path for the instructor.
      app.route(
        '/',
        lessonRoutes({ service, rooms: options.rooms(), store, scenarios: options.scenarios, log }),
      );
      return app;
    },
  };
}
