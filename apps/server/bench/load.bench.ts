/**
 * Load bench: one server process held by 1,000 stock y-websocket clients in 200 rooms.
 *
 *   tsx apps/server/bench/load.bench.ts [--rooms 200] [--clients 5] [--seconds 60] [--period 5000] [--reconnect 200]
 *
 * The server runs in a child process (this file with --serve: the worker pool and
 * small labs in process, as main.ts; SQLite in a temporary directory), so its CPU and
 * RSS are its own, read from its `/metrics`. Every client is a page: a lab socket and a
 * results socket. Each client edits the lab's title once every `period` ms (phases
 * spread at random), for `seconds`. Measured, never asserted:
 * - edit -> results seen by every client of the room, p50/p95/p99: the time until every
 *   results client of the room has a revision newer than the newest one any of them had
 *   when the edit was sent;
 * - the server's CPU (% of one core) and RSS over the run;
 * - then `reconnect` clients (their rooms' clients, the others closed) edit while the
 *   server restarts (SIGTERM, a new process on the same port and data): every client
 *   converges (each has every edit of its room) — time to converge, from the new
 *   server listening, p50/p95.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RESULTS_ROOT } from '@vnetlab/shared';
import { evaluateWithEngine } from '../src/engine/labEngine';
import { smallLabsInline } from '../src/engine/smallLabsInline';
import { createWorkerPool } from '../src/engine/workerPool';
import { silentLogger } from '../src/log';
import { startServer } from '../src/server';
import { createSqliteStore } from '../src/store/sqliteStore';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../src/testing/syncClient';

const self = fileURLToPath(import.meta.url);
const example = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);
const METRICS_TOKEN = 'load-bench';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: '' },
    rooms: { type: 'string', default: '200' },
    clients: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '60' },
    period: { type: 'string', default: '5000' },
    reconnect: { type: 'string', default: '200' },
  },
});

// ---------------------------------------------------------------- child: the server

async function serve(): Promise<void> {
  const pool = createWorkerPool({ log: silentLogger });
  const server = await startServer({
    port: Number(values.port),
    hostname: '127.0.0.1',
    store: createSqliteStore({ dataDir: values.data ?? '' }),
    evaluate: smallLabsInline(pool.evaluate, evaluateWithEngine),
    exec: pool.exec,
    probes: pool.probes,
    log: silentLogger,
    metricsToken: METRICS_TOKEN,
    roomCreation: { capacity: 100_000, perMinute: 100_000 },
    // Every bench client comes from 127.0.0.1: the per-address cap is not what is measured.
    limits: { maxSocketsPerAddress: 100_000 },
  });
  process.on('SIGTERM', () => {
    void server
      .stop()
      .then(() => pool.close())
      .then(() => process.exit(0));
  });
  process.stdout.write(`PORT ${server.port}\n`);
}

// ---------------------------------------------------------------- parent: the clients

function startChild(port: number, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', self, '--serve', '--port', String(port), '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/PORT (\d+)\n/);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** The server's own figures, from its /metrics. */
async function serverProcessFigures(port: number): Promise<{ cpuSeconds: number; rss: number }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? Number.NaN);
  return { cpuSeconds: value('process_cpu_seconds_total'), rss: value('process_resident_memory_bytes') };
}

function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const revisionOf = (client: SyncClient) => (client.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0;

/** Resolves when `client` has a results revision past `revision`: observed, no polling delay. */
function whenRevisionPast(client: SyncClient, revision: number): Promise<void> {
  const map = client.doc.getMap(RESULTS_ROOT);
  if (revisionOf(client) > revision) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.unobserve(observer);
      reject(new Error('timed out waiting for results'));
    }, 30_000);
    const observer = () => {
      if (revisionOf(client) <= revision) return;
      clearTimeout(timer);
      map.unobserve(observer);
      resolve();
    };
    map.observe(observer);
  });
}

interface Room {
  readonly id: string;
  readonly token: string;
  readonly labs: SyncClient[];
  readonly results: SyncClient[];
}

async function main(): Promise<void> {
  if (values.serve) return serve();
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const roomCount = Number(values.rooms);
  const perRoom = Number(values.clients);
  const seconds = Number(values.seconds);
  const period = Number(values.period);
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-load-'));
  let server = await startChild(0, dataDir);
  const base = () => `ws://127.0.0.1:${server.port}`;
  const rooms: Room[] = [];
  try {
    console.log(
      `load bench: ${roomCount} rooms × ${perRoom} clients (a lab and a results socket each), one edit per client every ${period} ms for ${seconds} s; server in its own process (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
    );
    const connectStarted = performance.now();
    for (let r = 0; r < roomCount; r++) {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/labs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(example),
      });
      const { room, token } = (await response.json()) as { room: string; token: string };
      const entry: Room = { id: room, token, labs: [], results: [] };
      for (let c = 0; c < perRoom; c++) {
        entry.labs.push(connectClient(base(), room, token));
        entry.results.push(connectClient(base(), `${room}:results`, token));
      }
      rooms.push(entry);
      // In batches, so that the connection storm is not what is measured.
      if (r % 20 === 19)
        for (const client of rooms.slice(-20).flatMap((x) => [...x.labs, ...x.results]))
          await whenSynced(client, 60_000);
    }
    for (const { labs, results } of rooms)
      for (const client of [...labs, ...results]) await whenSynced(client, 60_000);
    for (const { results } of rooms)
      for (const client of results) await waitFor(() => revisionOf(client) > 0, 60_000);
    console.log(
      `  ${roomCount * perRoom * 2} sockets synced in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`,
    );

    // ------------------------------------------------------------ the held load
    const latencies: number[] = [];
    let timedOut = 0;
    const pending: Promise<void>[] = [];
    const before = await serverProcessFigures(server.port);
    let peakRss = before.rss;
    const wallStarted = performance.now();
    const timers: NodeJS.Timeout[] = [];
    const rssTimer = setInterval(() => {
      void serverProcessFigures(server.port).then(({ rss }) => {
        peakRss = Math.max(peakRss, rss);
      });
    }, 5_000);
    let editCount = 0;
    for (const room of rooms) {
      for (const [c, lab] of room.labs.entries()) {
        const edit = () => {
          const newest = Math.max(...room.results.map(revisionOf));
          const t0 = performance.now();
          lab.doc.getMap('lab').set('title', `${room.id} client ${c} edit ${editCount++}`);
          pending.push(
            Promise.all(
              room.results.map((client) => whenRevisionPast(client, newest).then(() => performance.now())),
            ).then(
              (times) => {
                latencies.push(Math.max(...times) - t0);
              },
              () => {
                timedOut++;
              },
            ),
          );
        };
        const phase = Math.random() * period;
        timers.push(
          setTimeout(() => {
            edit();
            const every = setInterval(edit, period);
            timers.push(every);
          }, phase),
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    for (const timer of timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    const after = await serverProcessFigures(server.port);
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    clearInterval(rssTimer);
    await Promise.all(pending);
    peakRss = Math.max(peakRss, after.rss);
    console.log(
      `edit -> results on every client of the room: p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(percentile(latencies, 99))}  (n=${latencies.length}, ${timedOut} timed out; ${(latencies.length / wallSeconds).toFixed(0)} edits/s)`,
    );
    console.log(
      `server: CPU ${(((after.cpuSeconds - before.cpuSeconds) / wallSeconds) * 100).toFixed(0)} % of one core, RSS ${(after.rss / 2 ** 20).toFixed(0)} MiB at the end (peak sampled ${(peakRss / 2 ** 20).toFixed(0)} MiB)`,
    );

    // ------------------------------------------------------------ restart and reconnect
    const keepRooms = Math.ceil(Number(values.reconnect) / perRoom);
    for (const room of rooms.slice(keepRooms))
      for (const client of [...room.labs, ...room.results]) client.destroy();
    const kept = rooms.slice(0, keepRooms);
    const port = server.port;
    await stopChild(server.child);
    // Offline, each client edits: the edit must reach everyone of its room once the server is back.
    for (const room of kept) {
      for (const [c, lab] of room.labs.entries())
        lab.doc.getMap('lab').set(`offline-${c}`, `edit of client ${c}`);
    }
    server = await startChild(port, dataDir);
    const restarted = performance.now();
    const converged: number[] = [];
    // Keys in order (a Y.Map lists them in the order this replica learnt them).
    const labOf = (lab: SyncClient) =>
      JSON.stringify(Object.entries(lab.doc.getMap('lab').toJSON()).sort(([a], [b]) => (a < b ? -1 : 1)));
    const sameLab = (room: Room) =>
      room.labs.every((lab) => labOf(lab) === labOf(room.labs[0] as SyncClient));
    await Promise.all(
      kept.flatMap((room) =>
        room.labs.map(async (lab) => {
          const map = lab.doc.getMap('lab');
          await waitFor(
            () => room.labs.every((_, c) => map.has(`offline-${c}`)) && lab.provider.synced,
            60_000,
          );
          converged.push(performance.now() - restarted);
        }),
      ),
    );
    // Every client has every edit: they must now hold one and the same lab.
    let identical = true;
    for (const room of kept) {
      const same = await waitFor(() => sameLab(room), 10_000).then(
        () => true,
        () => false,
      );
      if (!same && identical && process.env.DEBUG_LOAD)
        for (const lab of room.labs)
          console.log(JSON.stringify(lab.doc.getMap('lab').toJSON()).slice(0, 400));
      identical &&= same;
    }
    console.log(
      `restart, ${converged.length} clients reconnecting at once: all converged ${identical ? '(identical labs)' : '(LABS DIFFER)'}; time to converge from the new server listening p50 ${ms(percentile(converged, 50))}  p95 ${ms(percentile(converged, 95))}  (includes the stock client's reconnect backoff)`,
    );
  } finally {
    for (const room of rooms) for (const client of [...room.labs, ...room.results]) client.destroy();
    await stopChild(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
