/**
 * `pnpm start`: the API, sync and the built web app on one port.
 * PORT (default 8080), VNETLAB_DATA (default ./data, file vnetlab.sqlite), both relative
 * to the directory `pnpm start` was run from. VNETLAB_DATABASE_URL: PostgreSQL instead
 * of the SQLite file (cluster mode).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateWithEngine } from './engine/labEngine';
import { smallLabsInline } from './engine/smallLabsInline';
import { createWorkerPool } from './engine/workerPool';
import { loadScenarios } from './http/scenarioRoutes';
import { stderrLogger } from './log';
import { startServer } from './server';
import { createPostgresStore } from './store/postgres';
import { createSqliteStore } from './store/sqliteStore';

const port = Number(process.env.PORT ?? 8080);
// Relative to where the user ran `pnpm start` (pnpm runs the script in apps/server).
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.VNETLAB_DATA ?? './data');
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const scenarios = loadScenarios(fileURLToPath(new URL('../../../scenarios', import.meta.url)), stderrLogger);

const databaseUrl = process.env.VNETLAB_DATABASE_URL;
const store = databaseUrl
  ? await createPostgresStore({ url: databaseUrl, log: stderrLogger })
  : createSqliteStore({ dataDir });

const engine = createWorkerPool({
  log: stderrLogger,
  // A recycled worker computes this lab once before its next real job (workerPool.ts).
  warmUpLab: scenarios.get('lab-format-example'),
  ...(process.env.VNETLAB_WORKER_IDLE_MS
    ? { recycleIdleMs: Number(process.env.VNETLAB_WORKER_IDLE_MS) }
    : {}),
});
const server = await startServer({
  port,
  store,
  // Small labs cost less to compute here than to hand to a worker (smallLabsInline says which).
  evaluate: smallLabsInline(engine.evaluate, evaluateWithEngine),
  exec: engine.exec,
  probes: engine.probes,
  checkLab: engine.checkLab,
  log: stderrLogger,
  webDist,
  scenarios,
  allowedOrigins: process.env.VNETLAB_ORIGINS,
  healthToken: process.env.VNETLAB_HEALTH_TOKEN,
  metricsToken: process.env.VNETLAB_METRICS_TOKEN || process.env.VNETLAB_HEALTH_TOKEN,
  redisUrl: process.env.VNETLAB_REDIS_URL || undefined,
  // Behind a load balancer every client has its address: raise these to what it carries.
  ...(process.env.VNETLAB_ROOMS_PER_MINUTE
    ? {
        roomCreation: {
          capacity: Number(process.env.VNETLAB_ROOMS_PER_MINUTE),
          perMinute: Number(process.env.VNETLAB_ROOMS_PER_MINUTE),
        },
      }
    : {}),
  ...(process.env.VNETLAB_MAX_SOCKETS_PER_ADDRESS
    ? { limits: { maxSocketsPerAddress: Number(process.env.VNETLAB_MAX_SOCKETS_PER_ADDRESS) } }
    : {}),
});
// One line on stdout that scripts and tests wait for.
process.stdout.write(`vnetlab server listening on http://localhost:${server.port}\n`);
stderrLogger('server-started', {
  port: server.port,
  store: store.kind,
  ...(databaseUrl ? {} : { dataDir }),
  webDist,
  ...(server.cluster ? { cluster: server.cluster.processId } : {}),
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  stderrLogger('server-stopping', { signal });
  server
    .stop()
    .then(() => engine.close())
    .then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
