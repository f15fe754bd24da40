/**
 * Load bench: one server process held by 1,000 stock y-websocket clients in 200 rooms.
 *
 *   tsx apps/server/bench/load.bench.ts [--rooms 200] [--clients 5] [--seconds 60] [--period 5000]
 *     [--reconnect 200] [--drivers 2] [--server FILE] [--cpu-prof DIR]
 *
 * The server runs in a child process (this file with --serve: the worker pool and
 * small labs in process, as main.ts; SQLite in a temporary directory), so its CPU and
 * RSS are its own, read from /proc. `--server FILE` serves from another tree's
 * copy of this file (`--serve` is all it needs), to measure a baseline in the same run.
 * The clients run in `drivers` processes of their own (this file with --drive, the rooms
 * split between them), each printing its own CPU and event-loop delay: 2,000 sockets in
 * one process saturated it before the server (the cluster bench's note), and then the
 * figures measured the clients. Every client is a page: a lab socket and a results
 * socket. Each client edits the lab's title once every `period` ms (phases spread at
 * random), for `seconds`. Measured, never asserted:
 * - edit -> results seen by every client of the room, p50/p95/p99: the time until every
 *   results client of the room has a revision newer than the newest one any of them had
 *   when the edit was sent;
 * - the server's CPU (% of one core) and RSS over the run, and the drivers' CPU;
 * - then `reconnect` clients (in fresh rooms, in this process) edit while the server
 *   restarts (SIGTERM, a new process on the same port and data): every client converges
 *   (each has every edit of its room) — time to converge, from the new server
 *   listening, p50/p95.
 * `--cpu-prof DIR` writes the server's main-thread profile of the held load to
 * DIR/load-server.cpuprofile (a server from --server FILE must understand it too).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
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
import { passProfiler } from './passProfiler';

const self = fileURLToPath(import.meta.url);
const example = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);
const METRICS_TOKEN = 'load-bench';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    drive: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: '' },
    rooms: { type: 'string', default: '200' },
    clients: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '60' },
    period: { type: 'string', default: '5000' },
    reconnect: { type: 'string', default: '200' },
    drivers: { type: 'string', default: '2' },
    server: { type: 'string', default: '' },
    'cpu-prof': { type: 'string', default: '' },
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
  // The parent says when the held load starts and ends: only that is profiled.
  if (values['cpu-prof']) mkdirSync(values['cpu-prof'], { recursive: true });
  const profiler = passProfiler(values['cpu-prof'] ?? '');
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line === 'PROFILE START') void profiler.start('load-server');
      if (line === 'PROFILE STOP') void profiler.stop().then(() => process.stdout.write('PROFILED\n'));
    })
    // The parent is gone (it failed): no server is left behind.
    .on('close', () => process.kill(process.pid, 'SIGTERM'));
  process.stdout.write(`PORT ${server.port}\n`);
}

// ---------------------------------------------------------------- shared by the drivers and the parent

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

/** Creates `count` rooms of the example lab, each with `perRoom` pages, all synced with results. */
async function openRooms(port: number, count: number, perRoom: number): Promise<Room[]> {
  const base = `ws://127.0.0.1:${port}`;
  const rooms: Room[] = [];
  for (let r = 0; r < count; r++) {
    const response = await fetch(`http://127.0.0.1:${port}/api/labs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example),
    });
    const { room, token } = (await response.json()) as { room: string; token: string };
    const entry: Room = { id: room, token, labs: [], results: [] };
    for (let c = 0; c < perRoom; c++) {
      entry.labs.push(connectClient(base, room, token));
      entry.results.push(connectClient(base, `${room}:results`, token));
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
  return rooms;
}

// ---------------------------------------------------------------- child: a driver of clients

interface DriverReport {
  readonly latencies: number[];
  readonly timedOut: number;
  /** CPU seconds (user + system) of the driver over the held load. */
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  /** The driver's event-loop delay, p99 and max, ms: past a few ms its own queue is in the figures. */
  readonly loopDelayP99: number;
  readonly loopDelayMax: number;
}

async function drive(): Promise<void> {
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const period = Number(values.period);
  const rooms = await openRooms(Number(values.port), Number(values.rooms), Number(values.clients));
  process.stdout.write('READY\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  const latencies: number[] = [];
  let timedOut = 0;
  const pending: Promise<void>[] = [];
  const timers: NodeJS.Timeout[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const wallStarted = performance.now();
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
  await new Promise((resolve) => setTimeout(resolve, Number(values.seconds) * 1000));
  for (const timer of timers) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  loop.disable();
  await Promise.all(pending);
  const report: DriverReport = {
    latencies: latencies.map((latency) => Math.round(latency * 100) / 100),
    timedOut,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
  };
  for (const room of rooms) for (const client of [...room.labs, ...room.results]) client.destroy();
  // Exits once the report (12,000 samples, ~100 KB) is all in the pipe, not cut at its buffer.
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`, () => process.exit(0));
}

// ---------------------------------------------------------------- parent

function startChild(port: number, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const file = values.server || self;
  const profile = values['cpu-prof'] ? ['--cpu-prof', values['cpu-prof']] : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', file, '--serve', '--port', String(port), '--data', dataDir, ...profile],
    { stdio: ['pipe', 'pipe', 'inherit'] },
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

/** A driver process: resolves once its clients are synced; `go()` starts its load, resolving with its report. */
function startDriver(
  port: number,
  rooms: number,
): Promise<{ child: ChildProcess; go(): Promise<DriverReport> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      self,
      '--drive',
      '--port',
      String(port),
      '--rooms',
      String(rooms),
      '--clients',
      values.clients ?? '5',
      '--seconds',
      values.seconds ?? '60',
      '--period',
      values.period ?? '5000',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let onReport: (report: DriverReport) => void = () => {};
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`driver exited with ${code}`));
    });
    lines.on('line', (line) => {
      if (line === 'READY')
        resolve({
          child,
          go() {
            child.stdin?.write('GO\n');
            return new Promise((done) => {
              onReport = done;
            });
          },
        });
      if (line.startsWith('REPORT ')) onReport(JSON.parse(line.slice('REPORT '.length)) as DriverReport);
    });
  });
}

/**
 * The server's CPU seconds (user + system) and RSS, from /proc: a `/metrics` scrape
 * collects prom-client's default metrics over 2,000 sockets, which held the server's
 * loop tens of milliseconds each time (its profile), and would be in the figures.
 */
function serverProcessFigures(child: ChildProcess): { cpuSeconds: number; rss: number } {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return {
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
    rss: Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN) * 1024,
  };
}

async function main(): Promise<void> {
  if (values.serve) return serve();
  if (values.drive) return drive();
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const roomCount = Number(values.rooms);
  const perRoom = Number(values.clients);
  const seconds = Number(values.seconds);
  const period = Number(values.period);
  const driverCount = Math.max(1, Number(values.drivers));
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-load-'));
  let server = await startChild(0, dataDir);
  const drivers: ChildProcess[] = [];
  let kept: Room[] = [];
  try {
    console.log(
      `load bench: ${roomCount} rooms × ${perRoom} clients (a lab and a results socket each), one edit per client every ${period} ms for ${seconds} s; server ${values.server || 'this tree'} in its own process, clients in ${driverCount} driver processes (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
    );
    const connectStarted = performance.now();
    // One driver after the other: the connection storm is not what is measured.
    const ready: Awaited<ReturnType<typeof startDriver>>[] = [];
    for (let d = 0; d < driverCount; d++) {
      const share = Math.floor(roomCount / driverCount) + (d < roomCount % driverCount ? 1 : 0);
      const driver = await startDriver(server.port, share);
      drivers.push(driver.child);
      ready.push(driver);
    }
    console.log(
      `  ${roomCount * perRoom * 2} sockets synced in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`,
    );

    // ------------------------------------------------------------ the held load
    const before = serverProcessFigures(server.child);
    let peakRss = before.rss;
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, serverProcessFigures(server.child).rss);
    }, 5_000);
    server.child.stdin?.write('PROFILE START\n');
    const wallStarted = performance.now();
    const reportsPromise = Promise.all(ready.map((driver) => driver.go()));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = serverProcessFigures(server.child);
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    server.child.stdin?.write('PROFILE STOP\n');
    clearInterval(rssTimer);
    const reports = await reportsPromise;
    peakRss = Math.max(peakRss, after.rss);
    const latencies = reports.flatMap((report) => report.latencies);
    const timedOut = reports.reduce((sum, report) => sum + report.timedOut, 0);
    console.log(
      `edit -> results on every client of the room: p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(percentile(latencies, 99))}  (n=${latencies.length}, ${timedOut} timed out; ${(latencies.length / wallSeconds).toFixed(0)} edits/s)`,
    );
    console.log(
      `server: CPU ${(((after.cpuSeconds - before.cpuSeconds) / wallSeconds) * 100).toFixed(0)} % of one core, RSS ${(after.rss / 2 ** 20).toFixed(0)} MiB at the end (peak sampled ${(peakRss / 2 ** 20).toFixed(0)} MiB)`,
    );
    console.log(
      `clients: ${reports
        .map(
          (report, d) =>
            `driver ${d + 1} CPU ${((report.cpuSeconds / report.wallSeconds) * 100).toFixed(0)} %, event-loop delay p99 ${ms(report.loopDelayP99)} max ${ms(report.loopDelayMax)} (sampled every 10 ms: 10 ms is idle)`,
        )
        .join('; ')}`,
    );
    await Promise.all(drivers.map((driver) => new Promise((resolve) => driver.once('exit', resolve))));

    // ------------------------------------------------------------ restart and reconnect
    kept = await openRooms(server.port, Math.ceil(Number(values.reconnect) / perRoom), perRoom);
    const port = server.port;
    await stopChild(server.child);
    // Offline, each client edits: the edit must reach everyone of its room once the server is back.
    for (const room of kept) {
      for (const [c, lab] of room.labs.entries())
        lab.doc.getMap('lab').set(`offline-${c}`, `edit of client ${c}`);
    }
    // When each client's socket is back: the stock client's backoff (up to 2.5 s) is the client's, not the server's.
    const reconnectedAt = new Map<SyncClient, number>();
    for (const room of kept)
      for (const lab of room.labs)
        lab.provider.on('status', ({ status }: { status: string }) => {
          if (status === 'connected' && !reconnectedAt.has(lab)) reconnectedAt.set(lab, performance.now());
        });
    server = await startChild(port, dataDir);
    const restarted = performance.now();
    const converged: number[] = [];
    /** From the last socket of the room back to this client holding every edit of it. */
    const convergedAfterReconnect: number[] = [];
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
          const now = performance.now();
          converged.push(now - restarted);
          const lastBack = Math.max(...room.labs.map((peer) => reconnectedAt.get(peer) ?? restarted));
          convergedAfterReconnect.push(now - lastBack);
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
      `restart, ${converged.length} clients reconnecting at once: all converged ${identical ? '(identical labs)' : '(LABS DIFFER)'}; time to converge from the new server listening p50 ${ms(percentile(converged, 50))}  p95 ${ms(percentile(converged, 95))}  (includes the stock client's reconnect backoff); from the room's last socket back p50 ${ms(percentile(convergedAfterReconnect, 50))}  p95 ${ms(percentile(convergedAfterReconnect, 95))}`,
    );
  } finally {
    for (const driver of drivers) driver.kill('SIGKILL');
    for (const room of kept) for (const client of [...room.labs, ...room.results]) client.destroy();
    await stopChild(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
