/**
 * The whole server as a value: `createApp(options)` builds the store, the rooms and the
 * Hono app (API, sync, web app) and the WebSocket server to hand to `serve`, so tests
 * and the bench start it on port 0 and main.ts on PORT.
 */
import { type JsonObject, parseLab } from '@vnetlab/shared';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { WebSocketServer } from 'ws';
import { closeConnections } from './classes/ClassService';
import { createClassroom } from './classes/classroom';
import { NewGeneration } from './classes/generations';
import { Cluster } from './cluster/Cluster';
import type { CheckLab } from './engine/checkLab';
import type { Evaluate } from './engine/evaluate';
import { type Exec, execInProcess } from './engine/runConsole';
import { probesInProcess, type RunProbes } from './engine/runProbes';
import { labsRoutes } from './http/labsRoutes';
import { probeRoutes } from './http/probeRoutes';
import { createRateLimiter, type RateLimitOptions } from './http/rateLimit';
import { scenarioCheckRoute } from './http/scenarioCheck';
import { scenarioRoutes } from './http/scenarioRoutes';
import { allowedOrigins, checkOrigin, jsonBodiesOnly, securityHeaders } from './http/security';
import { staticRoutes } from './http/staticRoutes';
import { syncRoute } from './http/syncRoute';
import { type Logger, stderrLogger } from './log';
import { createServerMetrics } from './metrics/serverMetrics';
import { isStoreUnavailable } from './store/errors';
import type { Store, StoreHealth } from './store/types';
import { ServerShuttingDown } from './sync/closeCodes';
import { socketTag } from './sync/connectionTags';
import { answerOversizedFrames } from './sync/frameLimit';
import { startHeartbeat } from './sync/heartbeat';
import type { Room } from './sync/Room';
import { RoomRegistry } from './sync/RoomRegistry';
import { defaultLimits, type Limits } from './sync/types';

export interface AppOptions {
  readonly store: Store;
  readonly evaluate: Evaluate;
  /** The console (`POST /api/labs/:room/exec`): the worker pool's `exec` in production. */
  readonly exec?: Exec;
  /** The probes of the packet animation and the picked matrix: the worker pool's in production. */
  readonly probes?: RunProbes;
  /** A big lab body's check before it is stored (`POST`/`PUT`): the worker pool's in production. */
  readonly checkLab?: CheckLab;
  readonly log?: Logger;
  readonly limits?: Partial<Limits>;
  readonly roomCreation?: RateLimitOptions;
  readonly idleMs?: number;
  /** Ping every socket this often; terminate one that missed the previous ping. */
  readonly heartbeatMs?: number;
  /** The built web app; not served when absent. */
  readonly webDist?: string;
  /** The scenario library offered on the start page (file name without .json -> lab). */
  readonly scenarios?: ReadonlyMap<string, JsonObject>;
  /** Origins allowed besides the server's own, comma-separated (`VNETLAB_ORIGINS`). */
  readonly allowedOrigins?: string;
  /** `GET /api/health` with this bearer token also counts rooms (`VNETLAB_HEALTH_TOKEN`). */
  readonly healthToken?: string;
  /**
   * `GET /metrics` (Prometheus text) with this bearer token (`VNETLAB_METRICS_TOKEN`, by
   * default the health token); without one, nothing is collected and it answers 404.
   */
  readonly metricsToken?: string;
  /** Called once a room is loaded, after the classroom's own hook (the bench listens to its computations). */
  readonly onRoomLoaded?: (room: Room) => void;
  /**
   * Cluster mode (`VNETLAB_REDIS_URL`): processes sharing one store (PostgreSQL) fan
   * changes out and hold each room's engine lease through this Redis.
   */
  readonly redisUrl?: string;
  /** Lease timings in cluster mode (tests); see cluster/LeaseKeeper.ts for the defaults. */
  readonly lease?: { readonly ttlMs?: number; readonly tickMs?: number };
}

export interface ServerApp {
  readonly app: Hono;
  /** Pass as `serve({ websocket: { server } })`. */
  readonly websocketServer: WebSocketServer;
  readonly rooms: RoomRegistry;
  readonly limits: Limits;
  /** Set in cluster mode. */
  readonly cluster: Cluster | undefined;
  /** Unloads every room (compacting it), waits for their last writes, releases its leases, closes the store. */
  close(): Promise<void>;
}

/** The cluster's duty of keeping the class timers (faults on a timer): one process at a time. */
const CLASS_TIMERS_DUTY = 'class-timers';

export const EMPTY_LAB: JsonObject = { format: 'vnetlab/1', vms: {} };

/** The store's own answer; one that throws is unreachable. */
async function storeHealth(store: Store): Promise<StoreHealth> {
  try {
    return await store.health();
  } catch {
    return { kind: store.kind, state: 'unreachable' };
  }
}

export function createApp(options: AppOptions): ServerApp {
  const log = options.log ?? stderrLogger;
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const metrics = options.metricsToken
    ? createServerMetrics({
        roomsLoaded: () => rooms.loadedCount,
        clientsConnected: () => websocketServer.clients.size,
      })
    : undefined;
  const store = metrics ? metrics.countStoreErrors(options.store) : options.store;
  const scenarios = options.scenarios ?? new Map();
  const creationLimiter = createRateLimiter(options.roomCreation ?? { capacity: 20, perMinute: 20 });
  const cluster = options.redisUrl
    ? new Cluster({
        redisUrl: options.redisUrl,
        log,
        leaseTtlMs: options.lease?.ttlMs,
        leaseTickMs: options.lease?.tickMs,
      })
    : undefined;
  const classroom = createClassroom({
    announce: cluster && {
      classChanged: (classId) => cluster.announceClass(classId),
      generationStarted: (room) => cluster.announceUnload(room, NewGeneration),
      connectionsClosed: (room, which, event) => cluster.announceClose(room, which, event),
      heard: () => cluster.redisReachable(),
    },
    timersByLease: cluster !== undefined,
    remotePresence: cluster && ((rooms) => cluster.presenceOf(rooms)),
    store,
    rooms: () => rooms,
    log,
    emptyLab: EMPTY_LAB,
    scenarios,
    creationLimiter,
    evaluate: options.evaluate,
    maxClientIds: limits.maxClientIds,
  });
  const rooms: RoomRegistry = new RoomRegistry({
    ...classroom.registryHooks,
    onLoad(room) {
      cluster?.attach(room);
      metrics?.watchRoom(room);
      options.onRoomLoaded?.(room);
    },
    store,
    evaluate: options.evaluate,
    limits,
    log,
    idleMs: options.idleMs ?? 60_000,
  });
  cluster?.onUnload((room, event) => {
    classroom.generationStarted(room);
    rooms.unload(room, event);
  });
  cluster?.onClose((room, which, event) => closeConnections(rooms, room, which, event));
  cluster?.holdDuty(CLASS_TIMERS_DUTY, (held) => classroom.keepTimers(held));
  cluster?.onResync(() => classroom.resync());
  cluster?.reportPresence((room) => classroom.presenceReport(room));
  cluster?.onClassChanged((classId) => {
    classroom.classChanged(classId).catch((error) => log('class-refresh-failed', { error: String(error) }));
  });
  // ws refuses a frame past maxPayload before reading it; answerOversizedFrames makes
  // that refusal our final 4413 rather than ws' 1009, which clients retry forever.
  const websocketServer = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  answerOversizedFrames(websocketServer, (socket) =>
    log('connection-closed', { ...socketTag(socket), code: 4413, reason: 'frame over maxPayload' }),
  );
  const stopHeartbeat = startHeartbeat(websocketServer, options.heartbeatMs ?? 30_000);
  const origins = allowedOrigins(options.allowedOrigins);

  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('/api/*', checkOrigin(origins, log));
  app.use('/api/*', jsonBodiesOnly());
  // No body is read past what a lab may be (the classes' and scenarios' routes read theirs whole).
  const maxBodyBytes = Math.floor(limits.maxDocBytes / 2);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json({ error: `a body may be at most ${maxBodyBytes} bytes`, errors: [] }, 413),
    }),
  );
  app.get('/api/health', async (c) => {
    // How many rooms are loaded tells an outsider how busy the server is: only for the operator.
    const asked = options.healthToken && c.req.header('Authorization') === `Bearer ${options.healthToken}`;
    // A store that cannot be reached makes the process unhealthy (503): it refuses edits.
    const store = await storeHealth(options.store);
    const ok = store.state === 'ok';
    const body = asked
      ? {
          ok,
          rooms: rooms.loadedCount,
          bytes: rooms.loadedBytes,
          computations: rooms.computations,
          store: store.kind,
          storeState: store.state,
          // Cluster mode: this process, whether Redis is reachable, how many rooms' engines run
          // here, the duties it holds and the faults it has armed (with the class timers).
          ...(cluster && { ...cluster.health(), faultsArmed: classroom.armedFaults() }),
        }
      : { ok };
    return c.json(body, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    if (!metrics || !options.metricsToken) return c.json({ error: 'not found' }, 404);
    if (c.req.header('Authorization') !== `Bearer ${options.metricsToken}`) {
      return c.json({ error: 'metrics need the operator token' }, 401);
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  app.route(
    '/api/labs',
    labsRoutes({
      directory: store,
      rooms,
      parseLab,
      ...(options.checkLab ? { checkLab: options.checkLab } : {}),
      creationLimiter,
      access: classroom.access,
      rules: classroom.rules,
      log,
      emptyLab: EMPTY_LAB,
      maxLabBytes: maxBodyBytes,
      exec: options.exec ?? execInProcess,
      consoleLimiter: createRateLimiter({ capacity: 30, perMinute: 300 }),
    }),
  );
  app.route(
    '/api/labs',
    probeRoutes({
      access: classroom.access,
      rules: classroom.rules,
      rooms,
      log,
      limiter: createRateLimiter({ capacity: 30, perMinute: 300 }),
      probes: options.probes ?? probesInProcess,
    }),
  );
  app.route('/api/scenarios/check', scenarioCheckRoute(options.evaluate, maxBodyBytes));
  app.route('/api/scenarios', scenarioRoutes(scenarios));
  app.route('/api/classes', classroom.routes());
  app.route('/sync', syncRoute({ access: classroom.access, rooms, log, origins, limits }));
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  if (options.webDist) app.route('/', staticRoutes(options.webDist));
  app.onError((error, c) => {
    if (isStoreUnavailable(error)) {
      log('http-store-unavailable', { path: c.req.path, error: String(error) });
      c.header('Retry-After', '5');
      return c.json({ error: 'storage unavailable; try again shortly', errors: [] }, 503);
    }
    log('http-error', { path: c.req.path, error: String(error), stack: (error as Error).stack });
    return c.json({ error: 'internal error' }, 500);
  });

  return {
    app,
    websocketServer,
    rooms,
    limits,
    cluster,
    async close() {
      stopHeartbeat();
      classroom.close();
      await rooms.close(ServerShuttingDown);
      await cluster?.close();
      await store.close();
    },
  };
}
