/**
 * Relay bench: 10 rooms × 40 y-websocket clients on loopback.
 *
 *   tsx apps/server/bench/relay.bench.ts [--rooms 10] [--clients 40] [--edits 30]
 *     [--engine auto|worker|inline] [--stock 2] [--cpuProf DIR]
 *
 * Each server runs in its own child process (this file with --serve), so its CPU is
 * its own; the clients share this process. Of each room's clients, `--stock` are stock
 * y-websocket clients (they write the edits, decode every frame, check the results'
 * revision) and the rest are observers (observerSocket.ts: real sockets in the sync
 * protocol that stamp each frame as it arrives and never decode it). Forty decoding
 * clients per room in this one process would measure this process: the last of them
 * waits for every other one's decoding, and a results pass decodes twice the frames of
 * a relay pass (`--stock 40` measures that way). Measured, beside a bare relay baseline
 * in the same run (an in-file y-websocket relay: no auth, no engine, no disk):
 * - edit -> seen by another client (every other client of the room), p50/p95;
 * - edit -> results seen by every client of the room (our server only), p50/p95, for
 *   the example lab (two VMs) and for a 100-VM lab, with where that time went (the
 *   split): client -> server (and the edit's own relay), waiting for the Recomputer,
 *   reading the lab, the engine, the worker hand-off, the budget, the results
 *   transaction (of which the store's append), and server -> every results client;
 * - memory per idle room (a third child, with --expose-gc).
 * `--cpuProf DIR` writes a CPU profile of each pass's edits, the server's and this
 * process's (DIR/server-results.cpuprofile, DIR/clients-results.cpuprofile, …).
 * Figures are printed, never asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RESULTS_DOC_SUFFIX, RESULTS_ROOT } from '@vnetlab/shared';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { mixedLab } from '../../../packages/engine/bench/mixedLab';
import type { ComputationTiming } from '../src/engine/computationTiming';
import { wallClockMs } from '../src/engine/computationTiming';
import type { Evaluate } from '../src/engine/evaluate';
import { evaluateInProcess, evaluateWithEngine } from '../src/engine/labEngine';
import { smallLabsInline } from '../src/engine/smallLabsInline';
import { createWorkerPool } from '../src/engine/workerPool';
import { silentLogger } from '../src/log';
import { startServer } from '../src/server';
import { createSqliteStore } from '../src/store/sqliteStore';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../src/sync/protocol';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../src/testing/syncClient';
import { type ObserverSocket, openObserver } from './observerSocket';
import { passProfiler } from './passProfiler';

const self = fileURLToPath(import.meta.url);
const example = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);
const hundredVms = mixedLab(100);

const { values } = parseArgs({
  options: {
    serve: { type: 'string' },
    memory: { type: 'boolean', default: false },
    rooms: { type: 'string', default: '10' },
    clients: { type: 'string', default: '40' },
    edits: { type: 'string', default: '30' },
    idleRooms: { type: 'string', default: '200' },
    data: { type: 'string', default: '' },
    engine: { type: 'string', default: 'auto' },
    /** A directory: CPU profiles of each measured pass, the server's and the clients'. */
    cpuProf: { type: 'string', default: '' },
    /** Stock y-websocket clients per room (the rest observe: observerSocket.ts); --stock 40: all. */
    stock: { type: 'string', default: '2' },
  },
});

// ---------------------------------------------------------------- child: servers

/** The baseline: y-websocket sync and relay, nothing else. */
function serveBareRelay(): void {
  const docs = new Map<string, { doc: Y.Doc; sockets: Set<import('ws').WebSocket> }>();
  const http = createServer((_request, response) => response.end('bare relay'));
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, request) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/sync\//, '');
    let room = docs.get(name);
    if (!room) {
      const doc = new Y.Doc();
      const sockets = new Set<import('ws').WebSocket>();
      room = { doc, sockets };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        const frame = encodeUpdate(update);
        for (const socket of sockets) if (socket !== origin) socket.send(frame);
      });
      docs.set(name, room);
    }
    const { doc, sockets } = room;
    sockets.add(ws);
    ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    ws.on('message', (data: Buffer) => {
      const message = decodeMessage(new Uint8Array(data));
      if (message.type === 'sync-step1')
        ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, message.stateVector)));
      else if (message.type === 'sync-step2' || message.type === 'update')
        Y.applyUpdate(doc, message.update, ws);
      else if (message.type === 'awareness') for (const socket of sockets) socket.send(data);
    });
    ws.on('close', () => sockets.delete(ws));
  });
  listenToParent(() => []);
  http.listen(0, '127.0.0.1', () => {
    const address = http.address();
    process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

/**
 * The parent asks for the timings after each pass (one JSON line each time), and may
 * have each pass's edits profiled ("profile NAME" before, "profile-stop" after, each
 * answered "ok").
 */
function listenToParent(takeTimings: () => unknown): void {
  const profiler = passProfiler(String(values.cpuProf));
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', async (chunk: string) => {
    input += chunk;
    for (let end = input.indexOf('\n'); end >= 0; end = input.indexOf('\n')) {
      const line = input.slice(0, end);
      input = input.slice(end + 1);
      if (line.startsWith('profile ')) {
        await profiler.start(`server-${line.slice('profile '.length)}`);
        process.stdout.write('ok\n');
        continue;
      }
      if (line === 'profile-stop') {
        await profiler.stop();
        process.stdout.write('ok\n');
        continue;
      }
      process.stdout.write(`${JSON.stringify(takeTimings())}\n`);
    }
  });
}

/** A computation's timing, with what the results document's append cost inside it. */
type ServerTiming = ComputationTiming & { readonly appendMs: number | undefined };

/** `worker`: every computation in a worker; `inline`: none; `auto`: as main.ts does. */
function benchEvaluate(engine: string): Evaluate {
  if (engine === 'inline') return evaluateInProcess;
  const pool = createWorkerPool({ log: silentLogger }).evaluate;
  return engine === 'auto' ? smallLabsInline(pool, evaluateWithEngine) : pool;
}

async function serveFull(dataDir: string): Promise<void> {
  const store = createSqliteStore({ dataDir });
  // The store's append, timed, so the results transaction splits into storing and sending.
  const lastAppendMs = new Map<string, number>();
  const append = store.append.bind(store);
  store.append = (name, update) => {
    const started = performance.now();
    append(name, update);
    lastAppendMs.set(name, performance.now() - started);
  };
  let timings: ServerTiming[] = [];
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    store,
    evaluate: benchEvaluate(String(values.engine)),
    log: silentLogger,
    roomCreation: { capacity: 10_000, perMinute: 10_000 },
    // Every bench client comes from 127.0.0.1: the per-address cap is not what is measured.
    limits: { maxSocketsPerAddress: 100_000 },
    onRoomLoaded: (room) =>
      room.onComputed((timing) =>
        timings.push({ ...timing, appendMs: lastAppendMs.get(`${room.id}${RESULTS_DOC_SUFFIX}`) }),
      ),
  });
  listenToParent(() => {
    const taken = timings;
    timings = [];
    return taken;
  });
  process.stdout.write(`PORT ${server.port}\n`);
}

async function measureIdleRooms(count: number, dataDir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc?.();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const { createApp } = await import('../src/app');
  const built = createApp({
    store: createSqliteStore({ dataDir }),
    evaluate: evaluateInProcess,
    log: silentLogger,
    roomCreation: { capacity: 100_000, perMinute: 100_000 },
    idleMs: 3_600_000,
  });
  // Create the rooms, then unload them, so what is measured is loading from disk.
  const rooms: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await built.app.request('/api/labs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example),
    });
    rooms.push(((await response.json()) as { room: string }).room);
  }
  for (const room of rooms) await (await built.rooms.open(room)).whenIdle();
  for (const room of rooms) built.rooms.unload(room);
  await settle();
  const before = process.memoryUsage();
  for (const room of rooms) await (await built.rooms.open(room)).whenIdle();
  await settle();
  const after = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      rooms: count,
      heapPerRoom: (after.heapUsed - before.heapUsed) / count,
      rssPerRoom: (after.rss - before.rss) / count,
      gc: gc !== undefined,
    })}\n`,
  );
  await built.close();
}

// ---------------------------------------------------------------- parent: clients

interface Child {
  readonly child: ChildProcess;
  /** Its first line on stdout. */
  readonly line: string;
  /** Writes a line to its stdin (default: ask for the timings); resolves with its next line on stdout. */
  ask(line?: string): Promise<string>;
}

function spawnSelf(args: string[], nodeFlags: string[] = []): Promise<Child> {
  const profiling = values.cpuProf ? ['--cpuProf', values.cpuProf] : [];
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', self, ...args, ...profiling], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    let end = out.indexOf('\n');
    while (end >= 0) {
      lines.push(out.slice(0, end));
      out = out.slice(end + 1);
      end = out.indexOf('\n');
    }
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return lines.shift() ?? '';
  };
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
    void nextLine().then((line) =>
      resolve({
        child,
        line,
        ask: (line = 'timings') => {
          child.stdin?.write(`${line}\n`);
          return nextLine();
        },
      }),
    );
  });
}

function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface RunFigures {
  /** Edit -> one other client has it: one sample per receiving client. */
  readonly peer: number[];
  /** Edit -> every other client of the room has it: one sample per edit. */
  readonly everyone: number[];
  /** Edit -> every client has the results computed from it: one sample per edit. */
  readonly results: number[];
  /** Each of those edits, to match with the server's timing of the computation. */
  readonly resultEdits: ResultEdit[];
}

interface ResultEdit {
  readonly room: string;
  /** The results revision the last results client saw (the computation that covered the edit). */
  readonly revision: number;
  /** Wall clock: the edit sent, and its results seen by every results client. */
  readonly sentAt: number;
  readonly seenAt: number;
}

/**
 * `vnetlab`: rooms are created through the API (else bare relay rooms); `withResults`:
 * every lab client also has a results client, and edits wait for the results. Of each
 * room's clients, the first `--stock` are stock y-websocket clients (they write the
 * edits, decode everything and check the results' revision); the others are observers
 * (observerSocket.ts: they stamp frames, never decode them).
 */
async function run(
  port: number,
  vnetlab: boolean,
  withResults: boolean,
  lab: unknown = example,
  profile?: Profiled,
): Promise<RunFigures> {
  const roomCount = Number(values.rooms);
  const clientCount = Number(values.clients);
  const stockCount = Math.max(1, Math.min(clientCount, Number(values.stock)));
  const edits = Number(values.edits);
  const base = `ws://127.0.0.1:${port}`;
  const peer: number[] = [];
  const everyone: number[] = [];
  const results: number[] = [];
  const resultEdits: ResultEdit[] = [];
  const stock: SyncClient[] = [];
  const observers: ObserverSocket[] = [];
  const rooms: {
    id: string;
    labs: SyncClient[];
    labObservers: ObserverSocket[];
    results: SyncClient[];
    resultObservers: ObserverSocket[];
  }[] = [];

  for (let r = 0; r < roomCount; r++) {
    let room = `bare${r}`;
    let token = 'none';
    if (vnetlab) {
      const response = await fetch(`http://127.0.0.1:${port}/api/labs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(lab),
      });
      ({ room, token } = (await response.json()) as { room: string; token: string });
    }
    const entry = {
      id: room,
      labs: [] as SyncClient[],
      labObservers: [] as ObserverSocket[],
      results: [] as SyncClient[],
      resultObservers: [] as ObserverSocket[],
    };
    for (let c = 0; c < clientCount; c++) {
      const isStock = c < stockCount;
      if (isStock) entry.labs.push(connectClient(base, room, token));
      else entry.labObservers.push(openObserver(base, room, token));
      if (!withResults) continue;
      if (isStock) entry.results.push(connectClient(base, `${room}:results`, token));
      else entry.resultObservers.push(openObserver(base, `${room}:results`, token));
    }
    rooms.push(entry);
    stock.push(...entry.labs, ...entry.results);
    observers.push(...entry.labObservers, ...entry.resultObservers);
  }
  for (const client of stock) await whenSynced(client, 30_000);
  for (const observer of observers) await within(observer.synced, 'an observer to sync');
  if (withResults) {
    for (const { results: rc } of rooms) {
      for (const client of rc) await waitFor(() => client.doc.getMap(RESULTS_ROOT).has('revision'), 30_000);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await startProfiles(profile);

  // Rooms take turns, spread over each 100 ms round, so that the clients (all in this
  // process) are not all woken at once.
  const gap = 100 / rooms.length;
  for (let e = 0; e < edits; e++) {
    const waits: Promise<void>[] = [];
    for (const [r, room] of rooms.entries()) {
      const { id, labs, labObservers, results: rc, resultObservers } = room;
      const writer = labs[(e * 7 + r) % labs.length];
      if (!writer) continue;
      // Unique in every frame that carries it ("edit 1;" is no prefix of "edit 10;").
      const title = `room ${r} edit ${e};`;
      const before = rc.map((client) => (client.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0);
      const seenBy = [
        ...labs.filter((client) => client !== writer).map((client) => titleSeen(client, title)),
        ...labObservers.map((observer) => observer.next(title)),
      ];
      const resultsSeen = withResults
        ? [
            ...rc.map(async (client, i) => {
              const map = client.doc.getMap(RESULTS_ROOT);
              await whenChanged(map, () => ((map.get('revision') as number) ?? 0) > (before[i] ?? 0));
              return performance.now();
            }),
            ...resultObservers.map((observer) => observer.next(title)),
          ]
        : [];
      const t0 = performance.now();
      const wallT0 = wallClockMs();
      writer.doc.transact(() => writer.doc.getMap('lab').set('title', title), 'bench');
      const relayed = within(Promise.all(seenBy), 'the edit on every client').then((times) => {
        for (const at of times) peer.push(at - t0);
        everyone.push(Math.max(...times) - t0);
      });
      waits.push(relayed);
      if (withResults) {
        waits.push(
          within(Promise.all(resultsSeen), 'the results on every client').then((times) => {
            const last = Math.max(...times);
            results.push(last - t0);
            const revisions = rc.map((client) => client.doc.getMap(RESULTS_ROOT).get('revision') as number);
            resultEdits.push({
              room: id,
              revision: Math.min(...revisions),
              sentAt: wallT0,
              seenAt: wallT0 + (last - t0),
            });
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
    await Promise.all(waits);
  }
  await stopProfiles(profile);
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const client of stock) client.destroy();
  for (const observer of observers) observer.close();
  return { peer, everyone, results, resultEdits };
}

/** Resolves with performance.now() once `client`'s lab title is `title`. */
function titleSeen(client: SyncClient, title: string): Promise<number> {
  const map = client.doc.getMap('lab');
  return whenChanged(map, () => map.get('title') === title).then(() => performance.now());
}

/** `promise`, or an error naming `what` after 30 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30_000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves on the first change of `map` after which `check` holds: no polling delay. */
function whenChanged(map: Y.Map<unknown>, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.unobserve(observer);
      reject(new Error('timed out waiting for results'));
    }, 30_000);
    const observer = () => {
      if (!check()) return;
      clearTimeout(timer);
      map.unobserve(observer);
      resolve();
    };
    map.observe(observer);
  });
}

/** Where each edit's time went, from the client's send to its results on every client. */
function printSplit(label: string, edits: readonly ResultEdit[], timings: readonly ServerTiming[]): void {
  const byRevision = new Map(timings.map((timing) => [`${timing.room}#${timing.revision}`, timing]));
  const stages = new Map<string, number[]>();
  const add = (stage: string, value: number | undefined) => {
    if (value === undefined || !Number.isFinite(value)) return;
    const samples = stages.get(stage) ?? [];
    samples.push(value);
    stages.set(stage, samples);
  };
  const where = new Map<string, number>();
  for (const edit of edits) {
    const timing = byRevision.get(`${edit.room}#${edit.revision}`);
    if (!timing || timing.editAt === undefined || timing.editToResultsMs === undefined) continue;
    where.set(timing.where ?? 'nowhere', (where.get(timing.where ?? 'nowhere') ?? 0) + 1);
    add('client -> server, edit stored and relayed', timing.editAt - edit.sentAt);
    add('waiting for the Recomputer', timing.queuedMs);
    add('reading the lab (readLab)', timing.readMs);
    add('engine', timing.engineMs);
    if (timing.where === 'worker' && timing.engineMs !== undefined)
      add('worker hand-off (both ways)', timing.evaluateMs - timing.engineMs);
    add('budget and encoding', timing.budgetMs);
    add('results transaction: store append', timing.appendMs);
    add('results transaction: compare, encode, send', timing.writeMs - (timing.appendMs ?? 0));
    add('server -> every results client', edit.seenAt - (timing.editAt + timing.editToResultsMs));
    add('total: edit -> results on every client', edit.seenAt - edit.sentAt);
  }
  console.log(
    `split, ${label} (${[...where].map(([place, count]) => `${count} computed ${place}`).join(', ')}):`,
  );
  for (const [stage, samples] of stages) {
    console.log(
      `  ${stage.padEnd(46)} p50 ${ms(percentile(samples, 50)).padStart(10)}  p95 ${ms(percentile(samples, 95)).padStart(10)}`,
    );
  }
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

const clientsProfiler = passProfiler(String(values.cpuProf));

/** With --cpuProf: the edits of a pass, profiled in the server child and in this process. */
interface Profiled {
  readonly server: Child;
  readonly name: string;
}

async function startProfiles(profile: Profiled | undefined): Promise<void> {
  if (!values.cpuProf || !profile) return;
  await profile.server.ask(`profile ${profile.name}`);
  await clientsProfiler.start(`clients-${profile.name}`);
}

async function stopProfiles(profile: Profiled | undefined): Promise<void> {
  if (!values.cpuProf || !profile) return;
  await clientsProfiler.stop();
  await profile.server.ask('profile-stop');
}

async function main(): Promise<void> {
  if (values.serve === 'bare') return serveBareRelay();
  if (values.serve === 'full') return serveFull(values.data ?? '');
  if (values.memory) return measureIdleRooms(Number(values.idleRooms), values.data ?? '');

  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-bench-'));
  const children: ChildProcess[] = [];
  try {
    const stockCount = Math.min(Number(values.clients), Math.max(1, Number(values.stock)));
    const size = `${values.rooms} rooms × ${values.clients} clients (${stockCount} stock, the rest observers), ${values.edits} edits per room, engine ${values.engine}`;
    console.log(`relay bench: ${size}, loopback, each server in its own process`);

    const bare = await spawnSelf(['--serve', 'bare']);
    children.push(bare.child);
    const bareFigures = await run(Number(bare.line.split(' ')[1]), false, false, example, {
      server: bare,
      name: 'bare',
    });
    bare.child.kill();

    const full = await spawnSelf([
      '--serve',
      'full',
      '--engine',
      String(values.engine),
      '--data',
      join(dataDir, 'full'),
    ]);
    children.push(full.child);
    // Two passes: the relay with the same client load as the bare relay's, then with a
    // results client beside every lab client, waiting for every edit's results.
    const fullPort = Number(full.line.split(' ')[1]);
    const relayFigures = await run(fullPort, true, false, example, { server: full, name: 'relay' });
    await full.ask(); // the relay pass computed too: not this split's
    const fullFigures = await run(fullPort, true, true, example, { server: full, name: 'results' });
    const exampleTimings = JSON.parse(await full.ask()) as ServerTiming[];
    const hundredFigures = await run(fullPort, true, true, hundredVms, {
      server: full,
      name: 'results-100',
    });
    const hundredTimings = JSON.parse(await full.ask()) as ServerTiming[];
    full.child.kill();

    const memory = await spawnSelf(
      ['--memory', '--idleRooms', String(values.idleRooms), '--data', join(dataDir, 'memory')],
      ['--expose-gc'],
    );
    children.push(memory.child);
    const idle = JSON.parse(memory.line) as {
      rooms: number;
      heapPerRoom: number;
      rssPerRoom: number;
      gc: boolean;
    };

    const computeMs: number[] = [];
    for (let i = 0; i < 150; i++) {
      const started = performance.now();
      evaluateWithEngine(example);
      if (i >= 50) computeMs.push(performance.now() - started);
    }
    console.log(
      `engine (on this thread): one example-lab computation, warm, p50 ${ms(percentile(computeMs, 50))}  p95 ${ms(percentile(computeMs, 95))}`,
    );
    const rows = [
      ['edit -> seen by another client (bare relay)', bareFigures.peer],
      ['edit -> seen by another client (vnetlab)', relayFigures.peer],
      ['edit -> seen by every client (bare relay)', bareFigures.everyone],
      ['edit -> seen by every client (vnetlab)', relayFigures.everyone],
      ['edit -> results seen by every client (vnetlab)', fullFigures.results],
      ['  the same, 100-VM lab', hundredFigures.results],
    ] as const;
    for (const [label, samples] of rows) {
      console.log(
        `${label.padEnd(48)} p50 ${ms(percentile([...samples], 50)).padStart(10)}  p95 ${ms(percentile([...samples], 95)).padStart(10)}  (n=${samples.length})`,
      );
    }
    const ratio = (p: number) => percentile(relayFigures.peer, p) / percentile(bareFigures.peer, p);
    console.log(
      `ratio vnetlab / bare relay, edit -> peer:        p50 ${ratio(50).toFixed(2)}×  p95 ${ratio(95).toFixed(2)}×`,
    );
    const resultsRatio = (p: number) =>
      percentile(fullFigures.results, p) / percentile(bareFigures.everyone, p);
    console.log(
      `ratio results-everywhere / bare edit -> everyone: p50 ${resultsRatio(50).toFixed(2)}×  p95 ${resultsRatio(95).toFixed(2)}×`,
    );
    const hundredRatio = (p: number) =>
      percentile(hundredFigures.results, p) / percentile(bareFigures.everyone, p);
    console.log(
      `  the same, 100-VM lab:                          p50 ${hundredRatio(50).toFixed(2)}×  p95 ${hundredRatio(95).toFixed(2)}×`,
    );
    printSplit('example lab (two VMs)', fullFigures.resultEdits, exampleTimings);
    printSplit('100-VM lab', hundredFigures.resultEdits, hundredTimings);
    console.log(
      `memory per idle room (loaded from disk, example lab, ${idle.rooms} rooms${idle.gc ? ', after gc' : ''}): ` +
        `heap ${(idle.heapPerRoom / 1024).toFixed(1)} KiB, rss ${(idle.rssPerRoom / 1024).toFixed(1)} KiB`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
