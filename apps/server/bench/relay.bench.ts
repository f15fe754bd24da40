/**
 * Relay bench: 10 rooms × 40 stock y-websocket clients on loopback.
 *
 *   tsx apps/server/bench/relay.bench.ts [--rooms 10] [--clients 40] [--edits 30] [--engine worker|inline]
 *
 * Each server runs in its own child process (this file with --serve), so its CPU is
 * its own; the clients share this process. Measured, beside a bare relay baseline in
 * the same run (an in-file y-websocket relay: no auth, no engine, no disk):
 * - edit -> seen by another client (every other client of the room), p50/p95;
 * - edit -> results seen by every client of the room (our server only), p50/p95;
 * - memory per idle room (a third child, with --expose-gc).
 * Figures are printed, never asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RESULTS_ROOT } from '@vnetlab/shared';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { evaluateInProcess, evaluateWithEngine } from '../src/engine/labEngine';
import { createWorkerPool } from '../src/engine/workerPool';
import { silentLogger } from '../src/log';
import { startServer } from '../src/server';
import { createSqliteStore } from '../src/store/sqliteStore';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../src/sync/protocol';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../src/testing/syncClient';

const self = fileURLToPath(import.meta.url);
const example = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);

const { values } = parseArgs({
  options: {
    serve: { type: 'string' },
    memory: { type: 'boolean', default: false },
    rooms: { type: 'string', default: '10' },
    clients: { type: 'string', default: '40' },
    edits: { type: 'string', default: '30' },
    idleRooms: { type: 'string', default: '200' },
    data: { type: 'string', default: '' },
    engine: { type: 'string', default: 'worker' },
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
  http.listen(0, '127.0.0.1', () => {
    const address = http.address();
    process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

async function serveFull(dataDir: string): Promise<void> {
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    store: createSqliteStore({ dataDir }),
    evaluate:
      values.engine === 'inline' ? evaluateInProcess : createWorkerPool({ log: silentLogger }).evaluate,
    log: silentLogger,
    roomCreation: { capacity: 10_000, perMinute: 10_000 },
    // Every bench client comes from 127.0.0.1: the per-address cap is not what is measured.
    limits: { maxSocketsPerAddress: 100_000 },
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
  built.close();
}

// ---------------------------------------------------------------- parent: clients

function spawnSelf(args: string[], nodeFlags: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', self, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, line });
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
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
}

/**
 * `vnetlab`: rooms are created through the API (else bare relay rooms); `withResults`:
 * every lab client also has a results client, and edits wait for the results.
 */
async function run(port: number, vnetlab: boolean, withResults: boolean): Promise<RunFigures> {
  const roomCount = Number(values.rooms);
  const clientCount = Number(values.clients);
  const edits = Number(values.edits);
  const base = `ws://127.0.0.1:${port}`;
  const peer: number[] = [];
  const everyone: number[] = [];
  const results: number[] = [];
  const arrived = new Map<string, number>();
  const all: SyncClient[] = [];
  const rooms: { labs: SyncClient[]; results: SyncClient[] }[] = [];
  const sentAt = new Map<string, number>();
  const lastWriter = new Map<string, number>();

  for (let r = 0; r < roomCount; r++) {
    let room = `bare${r}`;
    let token = 'none';
    if (vnetlab) {
      const response = await fetch(`http://127.0.0.1:${port}/api/labs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(example),
      });
      ({ room, token } = (await response.json()) as { room: string; token: string });
    }
    const labs: SyncClient[] = [];
    const resultClients: SyncClient[] = [];
    for (let c = 0; c < clientCount; c++) {
      const lab = connectClient(base, room, token);
      let recorded: unknown;
      lab.doc.on('update', () => {
        const title = lab.doc.getMap('lab').get('title');
        if (typeof title !== 'string') return;
        const at = sentAt.get(title);
        if (at === undefined || title === recorded || lab.doc.clientID === lastWriter.get(title)) return;
        recorded = title;
        const latency = performance.now() - at;
        peer.push(latency);
        const count = (arrived.get(title) ?? 0) + 1;
        arrived.set(title, count);
        if (count === clientCount - 1) everyone.push(latency);
      });
      labs.push(lab);
      if (withResults) resultClients.push(connectClient(base, `${room}:results`, token));
    }
    rooms.push({ labs, results: resultClients });
    all.push(...labs, ...resultClients);
  }
  for (const client of all) await whenSynced(client, 30_000);
  if (withResults) {
    for (const { results: rc } of rooms) {
      for (const client of rc) await waitFor(() => client.doc.getMap(RESULTS_ROOT).has('revision'), 30_000);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));

  // Rooms take turns, spread over each 100 ms round, so that the clients (all in this
  // process) are not all woken at once.
  const gap = 100 / rooms.length;
  for (let e = 0; e < edits; e++) {
    const waits: Promise<void>[] = [];
    for (const [r, { labs, results: rc }] of rooms.entries()) {
      const writer = labs[(e * 7 + r) % labs.length];
      if (!writer) continue;
      const title = `room ${r} edit ${e}`;
      const before = rc.map((client) => (client.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0);
      const t0 = performance.now();
      sentAt.set(title, t0);
      lastWriter.set(title, writer.doc.clientID);
      writer.doc.transact(() => writer.doc.getMap('lab').set('title', title), 'bench');
      if (withResults) {
        waits.push(
          Promise.all(
            rc.map(async (client, i) => {
              const map = client.doc.getMap(RESULTS_ROOT);
              await whenChanged(map, () => ((map.get('revision') as number) ?? 0) > (before[i] ?? 0));
              return performance.now();
            }),
          ).then((times) => {
            results.push(Math.max(...times) - t0);
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
    await Promise.all(waits);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const client of all) client.destroy();
  return { peer, everyone, results };
}

/** Resolves on the first change of `map` after which `check` holds: no polling delay. */
function whenChanged(map: Y.Map<unknown>, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.unobserve(observer);
      reject(new Error('timed out waiting for results'));
    }, 10_000);
    const observer = () => {
      if (!check()) return;
      clearTimeout(timer);
      map.unobserve(observer);
      resolve();
    };
    map.observe(observer);
  });
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

async function main(): Promise<void> {
  if (values.serve === 'bare') return serveBareRelay();
  if (values.serve === 'full') return serveFull(values.data ?? '');
  if (values.memory) return measureIdleRooms(Number(values.idleRooms), values.data ?? '');

  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-bench-'));
  const children: ChildProcess[] = [];
  try {
    const size = `${values.rooms} rooms × ${values.clients} clients, ${values.edits} edits per room, engine ${values.engine}`;
    console.log(`relay bench: ${size}, loopback, each server in its own process`);

    const bare = await spawnSelf(['--serve', 'bare']);
    children.push(bare.child);
    const bareFigures = await run(Number(bare.line.split(' ')[1]), false, false);
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
    const relayFigures = await run(fullPort, true, false);
    const fullFigures = await run(fullPort, true, true);
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
      `engine (in a worker thread on the server): one example-lab computation, warm, p50 ${ms(percentile(computeMs, 50))}  p95 ${ms(percentile(computeMs, 95))}`,
    );
    const rows = [
      ['edit -> seen by another client (bare relay)', bareFigures.peer],
      ['edit -> seen by another client (vnetlab)', relayFigures.peer],
      ['edit -> seen by every client (bare relay)', bareFigures.everyone],
      ['edit -> seen by every client (vnetlab)', relayFigures.everyone],
      ['edit -> results seen by every client (vnetlab)', fullFigures.results],
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
