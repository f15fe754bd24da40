/**
 * Relay bench: 10 rooms × 40 y-websocket clients on loopback.
 *
 *   tsx apps/server/bench/relay.bench.ts [--rooms 10] [--clients 40] [--edits 30]
 *     [--edit title|engine] [--engine auto|worker|inline] [--stock 2] [--cpuProf DIR]
 *     [--rounds 1] [--against DIR]
 *
 * `--edit` is what each edit writes: `title` the lab's title (a text the engine never
 * reads: the room answers with its last sections, EngineMemo), `engine` the listened
 * ports of the lab's first machine (the engine computes again and matrix cells change);
 * without it, both kinds are measured, one after the other.
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
 * - the floor: the bare relay that also writes a results document of its own on each
 *   edit (a revision and the edit's bytes, no engine), to as many results clients as our
 *   server has: what delivering two streams costs a server that computes nothing;
 * - edit -> results seen by every client of the room (our server only), p50/p95, for
 *   the example lab (two VMs) and for a 100-VM lab, with where that time went (the
 *   split): client -> server (and the edit's own relay), waiting for the Recomputer,
 *   reading the lab, the engine, the worker hand-off, the budget, the results
 *   transaction (of which the store's append), and server -> every results client;
 * - memory per idle room (a third child, with --expose-gc).
 * `--rounds N` runs every pass N times, in turn (bare, floor, relay, results, …, then
 * again), and pools each pass's samples: on a shared machine the load drifts between
 * passes, and taking turns spreads the drift over all of them. `--against DIR` also
 * measures the server of another checkout (DIR: its root, say main's, installed), its
 * relay and results passes taking turns with this one's in the same run, so a change
 * is read as ratios against its baseline measured under the same load.
 * `--pin` (Linux, taskset, 2+ CPUs) keeps the servers on the first CPU and this process
 * on the others. Unpinned, the scheduler often wakes the clients on the CPU of the server
 * that woke them, so they wait for whatever the server does next (its engine, after an
 * engine edit's relay): measured on 2 cores, the bare relay's edit -> everyone went from
 * 0.91 to 0.59 ms p50 pinned, and our relay's ratio for engine edits from 2.4× to 1.4×.
 * `--cpuProf DIR` writes a CPU profile of each pass's edits, the server's and this
 * process's (DIR/server-results.cpuprofile, DIR/clients-results.cpuprofile, …).
 * Figures are printed, never asserted.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { labMap, RESULTS_DOC_SUFFIX, RESULTS_ROOT, writeLab } from '@vnetlab/shared';
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
    /** What each edit writes: `title` or `engine` (see above); both when not given. */
    edit: { type: 'string', default: '' },
    /** Each pass this many times, in turn, samples pooled. */
    rounds: { type: 'string', default: '1' },
    /** Servers on the first CPU, the clients (this process) on the others: see above. */
    pin: { type: 'boolean', default: false },
    /** The root of another checkout (installed): its server measured beside this one's. */
    against: { type: 'string', default: '' },
  },
});

// ---------------------------------------------------------------- child: servers

/**
 * The baseline: y-websocket sync and relay, nothing else. A room whose `NAME:results`
 * document has clients also gets the floor's results: on each edit of NAME, one
 * transaction there that bumps `results.revision` and appends the edit's update
 * (so the observers find the edit's marker in it, as in a timeline entry).
 */
function serveBareRelay(): void {
  const docs = new Map<string, { doc: Y.Doc; sockets: Set<import('ws').WebSocket> }>();
  const echo = (name: string, update: Uint8Array) => {
    const results = docs.get(`${name}:results`);
    if (!results || results.sockets.size === 0) return;
    const map = results.doc.getMap<unknown>(RESULTS_ROOT);
    results.doc.transact(() => {
      map.set('revision', ((map.get('revision') as number | undefined) ?? 0) + 1);
      results.doc.getArray<Uint8Array>('history').push([update]);
    });
  };
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
        if (origin !== null) echo(name, update);
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

function spawnSelf(args: string[], nodeFlags: string[] = [], script = self): Promise<Child> {
  const profiling = values.cpuProf ? ['--cpuProf', values.cpuProf] : [];
  const pinned = values.pin ? ['taskset', '-c', '0'] : [];
  const [command = process.execPath, ...prefix] = [...pinned, process.execPath];
  const child = spawn(command, [...prefix, ...nodeFlags, '--import', 'tsx', script, ...args, ...profiling], {
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

/** What each edit writes (--edit). */
type EditKind = 'title' | 'engine';
const EDIT_KINDS: readonly EditKind[] = ['title', 'engine'];

/** Bare relay rooms are named afresh for each pass: each is seeded with its lab. */
let barePasses = 0;

/**
 * Edit number `e` of room `r`: writes it into `doc`; returns the marker the edit's frames
 * (and its results' timeline entry) carry, unique in the room ("edit 1;" is no prefix of
 * "edit 10;", the ports all have five digits), and the check that a client has it.
 * `engine`: the ports the lab's first machine (by id) listens on, its own plus one per
 * edit: the engine's input changes, and so do the matrix's cells.
 */
function edit(
  kind: EditKind,
  lab: unknown,
  r: number,
  e: number,
): {
  readonly marker: string;
  readonly write: (doc: Y.Doc) => void;
  readonly seen: (doc: Y.Doc) => boolean;
} {
  if (kind === 'title') {
    const marker = `room ${r} edit ${e};`;
    return {
      marker,
      write: (doc) => labMap(doc).set('title', marker),
      seen: (doc) => labMap(doc).get('title') === marker,
    };
  }
  const vms = (lab as { vms: Record<string, { listen?: string[] }> }).vms;
  const [id = ''] = Object.keys(vms).sort();
  const marker = `tcp/${10000 + e}`;
  const machine = (doc: Y.Doc) => (labMap(doc).get('vms') as Y.Map<unknown>).get(id) as Y.Map<unknown>;
  return {
    marker,
    write: (doc) => machine(doc).set('listen', [...(vms[id]?.listen ?? []), marker]),
    seen: (doc) => (machine(doc)?.get('listen') as string[] | undefined)?.includes(marker) === true,
  };
}

/**
 * `vnetlab`: rooms are created through the API (else bare relay rooms, their lab written
 * by the first client); `withResults`: every lab client also has a results client, and
 * edits wait for the results (the bare relay's own, the floor's). Of each
 * room's clients, the first `--stock` are stock y-websocket clients (they write the
 * edits, decode everything and check the results' revision); the others are observers
 * (observerSocket.ts: they stamp frames, never decode them).
 */
async function run(
  port: number,
  vnetlab: boolean,
  withResults: boolean,
  lab: unknown,
  kind: EditKind,
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

  const pass = barePasses++;
  for (let r = 0; r < roomCount; r++) {
    let room = `bare${pass}-${r}`;
    let token = 'none';
    if (!vnetlab) {
      const seeder = connectClient(base, room, token);
      await whenSynced(seeder, 30_000);
      writeLab(seeder.doc, lab as Record<string, unknown>, 'seed');
      // Everything written has left for the relay once its buffer is empty.
      await waitFor(() => seeder.provider.ws?.bufferedAmount === 0, 30_000);
      seeder.destroy();
    } else {
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
  for (const client of stock.filter((c) => !c.provider.roomname.endsWith(':results'))) {
    await waitFor(() => labMap(client.doc).has('vms'), 30_000);
  }
  if (withResults && vnetlab) {
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
      const { marker, write, seen } = edit(kind, lab, r, e);
      const before = rc.map((client) => (client.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0);
      const seenBy = [
        ...labs.filter((client) => client !== writer).map((client) => editSeen(client, seen)),
        ...labObservers.map((observer) => observer.next(marker)),
      ];
      const resultsSeen = withResults
        ? [
            ...rc.map(async (client, i) => {
              const map = client.doc.getMap(RESULTS_ROOT);
              await whenChanged(map, () => ((map.get('revision') as number) ?? 0) > (before[i] ?? 0));
              return performance.now();
            }),
            ...resultObservers.map((observer) => observer.next(marker)),
          ]
        : [];
      const t0 = performance.now();
      const wallT0 = wallClockMs();
      writer.doc.transact(() => write(writer.doc), 'bench');
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

/** Resolves with performance.now() once `client` has the edit `seen` looks for. */
function editSeen(client: SyncClient, seen: (doc: Y.Doc) => boolean): Promise<number> {
  return whenChanged(labMap(client.doc), () => seen(client.doc), true).then(() => performance.now());
}

/** `promise`, or an error naming `what` after 30 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30_000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Resolves on the first change of `map` (`deep`: or of what it holds) after which
 * `check` holds: no polling delay.
 */
function whenChanged(map: Y.Map<unknown>, check: () => boolean, deep = false): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = () => (deep ? map.unobserveDeep(observer) : map.unobserve(observer));
    const timer = setTimeout(() => {
      stop();
      reject(new Error('timed out waiting for results'));
    }, 30_000);
    const observer = () => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    };
    if (deep) map.observeDeep(observer);
    else map.observe(observer);
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
    `split, ${label} (${[...where].map(([place, count]) => `${count} ${place === 'unchanged' ? 'answered unchanged (text only)' : `computed ${place}`}`).join(', ')}):`,
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

/** One server's passes of one kind of edit (ours, or the baseline's with --against). */
interface ServerFigures {
  readonly relay: RunFigures;
  readonly example: RunFigures;
  readonly exampleTimings: ServerTiming[];
  readonly hundred: RunFigures;
  readonly hundredTimings: ServerTiming[];
}

/** One kind of edit's passes, over the bare relay (and the floor) and our server. */
interface KindFigures extends ServerFigures {
  readonly kind: EditKind;
  readonly bare: RunFigures;
  readonly floor: RunFigures;
  /** --against: the other checkout's server, measured in turn with ours. */
  readonly baseline: ServerFigures | undefined;
}

function printRow(label: string, samples: readonly number[]): void {
  console.log(
    `${label.padEnd(52)} p50 ${ms(percentile([...samples], 50)).padStart(10)}  p95 ${ms(percentile([...samples], 95)).padStart(10)}  (n=${samples.length})`,
  );
}

function printRatio(label: string, ours: readonly number[], theirs: readonly number[]): void {
  const ratio = (p: number) => percentile([...ours], p) / percentile([...theirs], p);
  console.log(
    `${label.padEnd(52)} p50 ${ratio(50).toFixed(2).padStart(8)}×  p95 ${ratio(95).toFixed(2).padStart(8)}×`,
  );
}

function printKind(figures: KindFigures): void {
  const { kind, bare, floor, relay, example: ex, hundred, baseline } = figures;
  console.log(
    `\n--edit ${kind}${kind === 'title' ? ' (the lab title: no engine run)' : " (a machine's listened ports: the engine runs, matrix cells change)"}`,
  );
  printRow('edit -> seen by another client (bare relay)', bare.peer);
  printRow('edit -> seen by another client (vnetlab)', relay.peer);
  printRow('edit -> seen by every client (bare relay)', bare.everyone);
  printRow('edit -> seen by every client (vnetlab)', relay.everyone);
  printRow('edit -> floor results seen by every client (bare)', floor.results);
  printRow('edit -> results seen by every client (vnetlab)', ex.results);
  printRow('  the same, 100-VM lab', hundred.results);
  printRatio('ratio vnetlab / bare relay, edit -> peer', relay.peer, bare.peer);
  printRatio('ratio vnetlab / bare relay, edit -> everyone', relay.everyone, bare.everyone);
  printRatio('ratio results-everywhere / bare edit -> everyone', ex.results, bare.everyone);
  printRatio('  the same, 100-VM lab', hundred.results, bare.everyone);
  printRatio('ratio floor results / bare edit -> everyone', floor.results, bare.everyone);
  printRatio('ratio results-everywhere / floor results', ex.results, floor.results);
  if (baseline) {
    console.log(`against ${values.against} (its server in turn with this one's):`);
    printRow('edit -> seen by every client (baseline)', baseline.relay.everyone);
    printRow('edit -> results seen by every client (baseline)', baseline.example.results);
    printRow('  the same, 100-VM lab (baseline)', baseline.hundred.results);
    printRatio('ratio baseline / bare relay, edit -> everyone', baseline.relay.everyone, bare.everyone);
    printRatio('ratio baseline results / bare edit -> everyone', baseline.example.results, bare.everyone);
    printRatio('ratio this / baseline, edit -> everyone', relay.everyone, baseline.relay.everyone);
    printRatio('ratio this / baseline, results-everywhere', ex.results, baseline.example.results);
    printRatio('  the same, 100-VM lab', hundred.results, baseline.hundred.results);
    printSplit(
      `--edit ${kind}, example lab (two VMs), baseline`,
      baseline.example.resultEdits,
      baseline.exampleTimings,
    );
  }
  printSplit(`--edit ${kind}, example lab (two VMs)`, ex.resultEdits, figures.exampleTimings);
  printSplit(`--edit ${kind}, 100-VM lab`, hundred.resultEdits, figures.hundredTimings);
}

/** Each sample list of `more` after those of `some`. */
function pool(some: RunFigures, more: RunFigures): RunFigures {
  return {
    peer: [...some.peer, ...more.peer],
    everyone: [...some.everyone, ...more.everyone],
    results: [...some.results, ...more.results],
    resultEdits: [...some.resultEdits, ...more.resultEdits],
  };
}

function poolServer(some: ServerFigures | undefined, more: ServerFigures): ServerFigures {
  if (!some) return more;
  return {
    relay: pool(some.relay, more.relay),
    example: pool(some.example, more.example),
    exampleTimings: [...some.exampleTimings, ...more.exampleTimings],
    hundred: pool(some.hundred, more.hundred),
    hundredTimings: [...some.hundredTimings, ...more.hundredTimings],
  };
}

/** One server's relay pass, then its results passes (example lab, 100 VMs), with its timings. */
async function serverPasses(
  server: Child,
  port: number,
  kind: EditKind,
  name: string,
): Promise<ServerFigures> {
  // Our relay with the same client load as the bare relay's, then with a results
  // client beside every lab client, waiting for every edit's results.
  const relay = await run(port, true, false, example, kind, { server, name: `relay-${name}${kind}` });
  await server.ask(); // the relay pass computed too: not this split's
  const exampleFigures = await run(port, true, true, example, kind, {
    server,
    name: `results-${name}${kind}`,
  });
  const exampleTimings = JSON.parse(await server.ask()) as ServerTiming[];
  const hundred = await run(port, true, true, hundredVms, kind, {
    server,
    name: `results-100-${name}${kind}`,
  });
  const hundredTimings = JSON.parse(await server.ask()) as ServerTiming[];
  return { relay, example: exampleFigures, exampleTimings, hundred, hundredTimings };
}

async function main(): Promise<void> {
  if (values.serve === 'bare') return serveBareRelay();
  if (values.serve === 'full') return serveFull(values.data ?? '');
  if (values.memory) return measureIdleRooms(Number(values.idleRooms), values.data ?? '');

  if (values.pin) {
    if (cpus().length < 2) throw new Error('--pin: needs two CPUs or more');
    execFileSync('taskset', ['-p', '-c', `1-${cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' });
  }
  const kinds = values.edit ? [values.edit as EditKind] : EDIT_KINDS;
  if (!kinds.every((kind) => EDIT_KINDS.includes(kind))) throw new Error('--edit: title or engine');
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-bench-'));
  const children: ChildProcess[] = [];
  try {
    const stockCount = Math.min(Number(values.clients), Math.max(1, Number(values.stock)));
    const rounds = Math.max(1, Number(values.rounds));
    const size = `${values.rooms} rooms × ${values.clients} clients (${stockCount} stock, the rest observers), ${values.edits} edits per room, engine ${values.engine}, edits: ${kinds.join(', ')}, ${rounds} round(s)`;
    console.log(`relay bench: ${size}, loopback, each server in its own process`);

    const bare = await spawnSelf(['--serve', 'bare']);
    children.push(bare.child);
    const serveFullArgs = (data: string) => [
      '--serve',
      'full',
      '--engine',
      String(values.engine),
      '--data',
      data,
    ];
    const full = await spawnSelf(serveFullArgs(join(dataDir, 'full')));
    children.push(full.child);
    const against = values.against
      ? await spawnSelf(
          serveFullArgs(join(dataDir, 'against')),
          [],
          join(values.against, 'apps/server/bench/relay.bench.ts'),
        )
      : undefined;
    if (against) children.push(against.child);
    const barePort = Number(bare.line.split(' ')[1]);
    const fullPort = Number(full.line.split(' ')[1]);
    const againstPort = Number(against?.line.split(' ')[1]);
    const measured: KindFigures[] = [];
    for (const kind of kinds) {
      let figures: KindFigures | undefined;
      for (let round = 0; round < rounds; round++) {
        const bareFigures = await run(barePort, false, false, example, kind, {
          server: bare,
          name: `bare-${kind}`,
        });
        // The floor: the bare relay writing its own results document, as many clients as ours.
        const floorFigures = await run(barePort, false, true, example, kind, {
          server: bare,
          name: `floor-${kind}`,
        });
        // The baseline's passes first in odd rounds, ours first in even ones.
        const first =
          round % 2 === 1 && against ? await serverPasses(against, againstPort, kind, 'against-') : undefined;
        const ours = await serverPasses(full, fullPort, kind, '');
        const second =
          against && !first ? await serverPasses(against, againstPort, kind, 'against-') : undefined;
        const theirs = first ?? second;
        figures = {
          kind,
          bare: figures ? pool(figures.bare, bareFigures) : bareFigures,
          floor: figures ? pool(figures.floor, floorFigures) : floorFigures,
          ...poolServer(figures, ours),
          baseline: theirs ? poolServer(figures?.baseline, theirs) : undefined,
        };
      }
      if (figures) measured.push(figures);
    }
    bare.child.kill();
    full.child.kill();
    against?.child.kill();

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
    for (const figures of measured) printKind(figures);
    console.log(
      `\nmemory per idle room (loaded from disk, example lab, ${idle.rooms} rooms${idle.gc ? ', after gc' : ''}): ` +
        `heap ${(idle.heapPerRoom / 1024).toFixed(1)} KiB, rss ${(idle.rssPerRoom / 1024).toFixed(1)} KiB`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
