/**
 * The operator's view, `GET /metrics` in Prometheus' text format (prom-client): rooms
 * loaded, sockets connected, document updates (a counter: rate() gives updates/s),
 * engine time and results latency (histograms), store errors, and Node's own process
 * metrics (CPU, RSS, heap, event-loop lag). One registry per server, so that servers
 * in one process (tests) count apart.
 */
import { readdir } from 'node:fs/promises';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ComputationTiming } from '../engine/computationTiming';
import type { Room } from '../sync/Room';

export interface MetricsSources {
  readonly roomsLoaded: () => number;
  readonly clientsConnected: () => number;
}

export interface ServerMetrics {
  readonly registry: Registry;
  /** Counts a loaded room's updates and computations (call once per load). */
  watchRoom(room: Room): void;
  /** The store, counting every call that throws or rejects (by method) before passing it on. */
  countStoreErrors<T extends object>(store: T): T;
}

/**
 * prom-client's defaults that walk every handle or file descriptor of the process on the
 * main thread at each scrape (`process._getActiveHandles()`, `getActiveResourcesInfo()`,
 * `readdirSync('/proc/self/fd')`): with 2,000 sockets they held the loop ~7 ms a scrape,
 * everything else ~0.5 ms (bench/metricsScrape.bench.ts). The sockets are
 * `vnetlab_clients_connected`; the open descriptors are counted off the main thread below.
 */
const PER_HANDLE_DEFAULTS = [
  'process_open_fds',
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
];

/** Seconds: from sub-millisecond computations to the engine's 10 s budget. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createServerMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of PER_HANDLE_DEFAULTS) registry.removeSingleMetric(name);
  if (process.platform === 'linux')
    new Gauge({
      name: 'process_open_fds',
      help: 'Number of open file descriptors.',
      registers: [registry],
      // The directory is read on libuv's thread pool, not the main thread (as prom-client's own does).
      async collect() {
        try {
          this.set((await readdir('/proc/self/fd')).length - 1);
        } catch {
          // Not readable here: the series stays as it was.
        }
      },
    });
  new Gauge({
    name: 'vnetlab_rooms_loaded',
    help: 'Rooms in memory.',
    registers: [registry],
    collect() {
      this.set(sources.roomsLoaded());
    },
  });
  new Gauge({
    name: 'vnetlab_clients_connected',
    help: 'Sync sockets open (a page opens two: the lab and its results).',
    registers: [registry],
    collect() {
      this.set(sources.clientsConnected());
    },
  });
  const updates = new Counter({
    name: 'vnetlab_updates_total',
    help: 'Changes applied to room documents, by document (lab: clients and the API; results: the engine).',
    labelNames: ['doc'] as const,
    registers: [registry],
  });
  const engine = new Histogram({
    name: 'vnetlab_engine_seconds',
    help: "The engine's own time per computation, by where it ran (inline on the server's thread, or a worker).",
    labelNames: ['where'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vnetlab_results_latency_seconds',
    help: 'From an edit arriving to the results computed from it written and sent to the results clients.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'vnetlab_store_errors_total',
    help: 'Store calls that failed, by method.',
    labelNames: ['op'] as const,
    registers: [registry],
  });
  const onComputed = (timing: ComputationTiming) => {
    if (timing.engineMs !== undefined)
      engine.observe({ where: timing.where ?? 'worker' }, timing.engineMs / 1000);
    if (timing.editToResultsMs !== undefined) latency.observe(timing.editToResultsMs / 1000);
  };
  return {
    registry,
    watchRoom(room) {
      room.lab.doc.on('update', () => updates.inc({ doc: 'lab' }));
      room.results.doc.on('update', () => updates.inc({ doc: 'results' }));
      room.onComputed(onComputed);
    },
    countStoreErrors(store) {
      const wrapped = new Map<PropertyKey, unknown>();
      const failed = (op: string, error: unknown) => {
        storeErrors.inc({ op });
        throw error;
      };
      return new Proxy(store, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          let wrapper = wrapped.get(key);
          if (!wrapper) {
            const op = String(key);
            // Reads the method at each call: whoever replaces it later is still counted.
            wrapper = (...args: unknown[]) => {
              try {
                const method = Reflect.get(target, key) as (...a: unknown[]) => unknown;
                const out = method.apply(target, args);
                // An asynchronous store fails by rejecting.
                return out instanceof Promise ? out.catch((error) => failed(op, error)) : out;
              } catch (error) {
                return failed(op, error);
              }
            };
            wrapped.set(key, wrapper);
          }
          return wrapper;
        },
      });
    },
  };
}
