/**
 * `pnpm bench:hostile`: what an attacker in one room costs the others. For each attack
 * of issue 10 (run within the limits for a few seconds; what the limits refuse is sent
 * again and again) a bystander room relays an edit every 20 ms and the relay times are
 * printed (p50, p99, max) beside the same bystander with no attack, measured in the same
 * run. The bystander's clients run on a thread of their own (bystanderThread.ts), and
 * the server's own event-loop delay is printed beside them; then the server's RSS before, under the worst allowed room, under 20 of them, and
 * after they are unloaded and the heap collected (through the inspector: the server
 * itself has no such hook). Figures only: nothing here is asserted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/sync/protocol';
import {
  createRoom as createRoomOnce,
  type ServerProcess,
  startServerProcess,
} from '../src/testing/serverProcess';
import { connectClient, openRawSocket, type SyncClient, whenSynced } from '../src/testing/syncClient';
import { BystanderThread } from './bystanderThread';
import { type ObserverSocket, openObserver } from './observerSocket';

const ATTACK_MS = Number(process.env.ATTACK_MS ?? 4000);
/** HOSTILE_ONLY=regex: only the attacks (and `memory`) whose names match, beside the baseline. */
const ONLY = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : undefined;
/** HOSTILE_CPU_PROF=dir: the server's main thread profiled during each attack, one .cpuprofile each. */
const CPU_PROF = process.env.HOSTILE_CPU_PROF;

function rssMiB(server: ServerProcess): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Room creation is rate limited per address (20 a minute): the bench waits its turn. */
async function createRoom(url: string, lab?: unknown): Promise<{ room: string; token: string }> {
  for (;;) {
    try {
      return await createRoomOnce(url, lab);
    } catch (error) {
      if (!String(error).includes('429')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 3100));
    }
  }
}

const HEALTH_TOKEN = 'bench-hostile';

async function loadedRooms(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/api/health`, {
    headers: { Authorization: `Bearer ${HEALTH_TOKEN}` },
  });
  return ((await response.json()) as { rooms: number }).rooms;
}

/** The server's inspector (the server itself has no hook for a gc or a profile). */
class Inspector {
  private next = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  static async open(server: ServerProcess): Promise<Inspector> {
    const url = server.stderr().match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
    if (!url) throw new Error('the server has no inspector');
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    return new Inspector(socket);
  }

  call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.pending.set(id, resolve as (result: unknown) => void));
  }

  /** A full garbage collection (twice: what the first frees may hold more). */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
  }

  /** The main thread's heap, in MiB (what is not in it is the workers', SQLite's and malloc's). */
  async heapMiB(): Promise<{ used: number; total: number; external: number }> {
    const answer = await this.call<{ result: { value: string } }>('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
    });
    const usage = JSON.parse(answer.result.value) as Record<string, number>;
    const mib = (bytes = 0) => Math.round(bytes / 1024 / 1024);
    return { used: mib(usage.heapUsed), total: mib(usage.heapTotal), external: mib(usage.external) };
  }

  /**
   * The server's own event-loop delay over a window (perf_hooks, sampled every 5 ms):
   * what the server held its thread, apart from the bench's own process (whose clients
   * encode and decode the attacks too, and delay its measurements of the bystander).
   */
  readonly loopDelay = {
    start: () =>
      this.call('Runtime.evaluate', {
        expression: `globalThis.__benchLoop?.disable();
          globalThis.__benchLoop = process.getBuiltinModule('perf_hooks').monitorEventLoopDelay({ resolution: 5 });
          globalThis.__benchLoop.enable()`,
      }),
    stop: async (): Promise<{ p99: number; max: number }> => {
      const answer = await this.call<{ result: { value: string } }>('Runtime.evaluate', {
        expression: `(() => { const h = globalThis.__benchLoop; h.disable();
          return JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 }); })()`,
      });
      return JSON.parse(answer.result.value) as { p99: number; max: number };
    },
  };

  close(): void {
    this.socket.close();
  }
}

/** "RSS 263 MiB (main heap 80 of 120 MiB, external 12)". */
async function memory(server: ServerProcess): Promise<string> {
  const heap = await inspector.heapMiB();
  return `${rssMiB(server)} MiB (main thread's heap ${heap.used} of ${heap.total} MiB, external ${heap.external})`;
}

function nestedMaps(depth: number): Uint8Array {
  const doc = new Y.Doc();
  let map = doc.getMap<unknown>('lab');
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>();
      map.set('m', child);
      map = child;
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** "+12" or "-3": a change of RSS. */
function signed(mib: number): string {
  return mib < 0 ? `${mib}` : `+${mib}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function worstLab(): unknown {
  // The most a lab may hold of what costs the engine: 1,000 machines on one network.
  const vms: Record<string, unknown> = {};
  for (let i = 0; i < 1000; i++) {
    vms[`vm${i}`] = {
      name: `machine ${i} ${'n'.repeat(100)}`,
      adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }],
      listen: ['tcp/22', 'tcp/80'],
    };
  }
  return { format: 'vnetlab/1', natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } }, vms };
}

function manyIds(ids: number, from: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ids);
  for (let id = from; id < from + ids; id++) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, 0);
    encoding.writeUint8(encoder, 8 | 0x20);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, 'layout');
    encoding.writeVarString(encoder, `n${id}`);
    encoding.writeVarUint(encoder, 1);
    encoding.writeAny(encoder, id);
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** A room of the largest allowed lab, created and computed once (before an attack's window). */
async function worstRoom(server: ServerProcess): Promise<{ room: string; token: string }> {
  const created = await createRoom(server.url, worstLab());
  await fetch(`${server.url}/api/labs/${created.room}/results`, {
    headers: { Authorization: `Bearer ${created.token}` },
  }).then((response) => response.arrayBuffer());
  return created;
}

/**
 * `prepare` runs before the timed window (creating the attacker's room is an attack of
 * its own, measured apart); `attack` gets what it returned.
 */
async function measure<T = undefined>(
  server: ServerProcess,
  name: string,
  attack: (stop: () => boolean, prepared: T) => Promise<void>,
  prepare?: () => Promise<T>,
) {
  if (ONLY && name !== 'no attack' && !ONLY.test(name)) return;
  const prepared = (await prepare?.()) as T;
  const { room, token } = await createRoom(server.url);
  const bystander = new BystanderThread({ wsUrl: server.wsUrl, room, token });
  await bystander.whenReady();
  if (CPU_PROF) await inspector.call('Profiler.start');
  await inspector.loopDelay.start();
  const until = Date.now() + ATTACK_MS;
  const stop = () => Date.now() > until;
  const measured = bystander.measure(until);
  const attacking = attack(stop, prepared).catch((error) => console.error(`${name}: ${String(error)}`));
  const times = await measured;
  await attacking;
  const loop = await inspector.loopDelay.stop();
  if (CPU_PROF) {
    const { profile } = await inspector.call<{ profile: unknown }>('Profiler.stop');
    const file = join(CPU_PROF, `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
  }
  times.sort((x, y) => x - y);
  const f = (ms: number) => ms.toFixed(1).padStart(7);
  console.log(
    `${name.padEnd(58)} relay p50 ${f(percentile(times, 50))} ms  p99 ${f(percentile(times, 99))} ms  max ${f(times.at(-1) ?? 0)} ms  (${times.length} relays, ${times.filter((ms) => ms > 100).length} over 100 ms, alive: ${server.alive()}; server's event loop delayed p99 ${loop.p99.toFixed(0)} ms, max ${loop.max.toFixed(0)} ms)`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-bench-hostile-'));
// The inspector lets the bench ask for a full gc; the health token lets it count loaded rooms.
const server = await startServerProcess(dataDir, {
  NODE_OPTIONS: '--inspect=127.0.0.1:0',
  VNETLAB_HEALTH_TOKEN: HEALTH_TOKEN,
  // Idle workers are replaced sooner than by default, so that the memory after unloading is theirs too.
  VNETLAB_WORKER_IDLE_MS: process.env.VNETLAB_WORKER_IDLE_MS ?? '10000',
});
const inspector = await Inspector.open(server);
if (CPU_PROF) {
  mkdirSync(CPU_PROF, { recursive: true });
  await inspector.call('Profiler.enable');
  await inspector.call('Profiler.setSamplingInterval', { interval: 200 });
}

/** Rooms unload a minute after their last connection left (RoomRegistry idleMs). */
async function waitForUnload(on: ServerProcess): Promise<void> {
  const started = Date.now();
  while ((await loadedRooms(on)) > 0) {
    if (Date.now() - started > 180_000) throw new Error('rooms did not unload');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // And the engine workers that computed them: replaced once idle (VNETLAB_WORKER_IDLE_MS).
  await new Promise((resolve) => setTimeout(resolve, 12_000));
}
/** Thrown to skip the rest (HOSTILE_ONLY without `memory`). */
class Done extends Error {}
const clients: SyncClient[] = [];
try {
  console.log(`attacks of ${ATTACK_MS} ms each; a bystander room relays an edit every 20 ms`);
  await measure(server, 'no attack', async (stop) => {
    while (!stop()) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  await measure(server, 'values nested 3,200 deep (refused, 4424)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      let value: unknown = 'x';
      for (let i = 0; i < 3200; i++) value = { v: value };
      const doc = new Y.Doc();
      doc.getMap('lab').set('title', value);
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      await raw.closed;
    }
  });
  await measure(server, 'Y.Maps nested 2,800 deep (refused, 4424)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const update = nestedMaps(2800);
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      raw.ws.send(encodeUpdate(update));
      await raw.closed;
    }
  });
  await measure(server, '2 MiB of control characters in hypervisor (4413/4424)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const doc = new Y.Doc();
    doc.getMap('lab').set('hypervisor', '\u0001\u001f'.repeat(1024 * 1024));
    const update = encodeUpdate(Y.encodeStateAsUpdate(doc));
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      raw.ws.send(update);
      await raw.closed;
    }
  });
  await measure(server, 'frames of 10 MiB (4413, final)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const frame = new Uint8Array(10 * 1024 * 1024);
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      raw.ws.send(frame);
      await raw.closed;
    }
  });
  await measure(server, '100,000 client ids in one 2.3 MB update (4424)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const update = encodeUpdate(manyIds(100_000, 1000));
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      raw.ws.send(update);
      await raw.closed;
    }
  });
  await measure(server, 'the largest allowed lab (1,000 VMs) POSTed, 4 at once', async (stop) => {
    // Four of the 20 rooms an address may create at once (the bench needs the others).
    await Promise.all(Array.from({ length: 4 }, () => worstRoom(server)));
    while (!stop()) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  await measure(
    server,
    'a VM an edit past 1,000 (undone, 4424), again',
    async (stop, { room, token }) => {
      while (!stop()) {
        const editor = connectClient(server.wsUrl, room, token);
        let closed = false;
        editor.provider.on('connection-close', () => {
          closed = true;
        });
        await whenSynced(editor);
        const vms = editor.doc.getMap('lab').get('vms') as Y.Map<unknown>;
        for (let n = 0; !closed && !stop(); n++) {
          editor.doc.transact(() => vms.set(`extra${n}`, new Y.Map()), 'e');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        editor.destroy();
      }
    },
    () => worstRoom(server),
  );
  await measure(server, '500 idle sockets on one room (its cap), then 429s', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const sockets: WebSocket[] = [];
    while (!stop()) {
      const ws = new WebSocket(`${server.wsUrl}/sync/${room}?token=${token}`);
      sockets.push(ws);
      await new Promise((resolve) => {
        ws.on('open', resolve);
        ws.on('error', resolve);
        ws.on('unexpected-response', resolve);
      });
      if (sockets.length % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const ws of sockets) ws.terminate();
  });
  if (!ONLY || ONLY.test('70,000')) {
    const huge = await fetch(`${server.url}/api/labs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        format: 'vnetlab/1',
        vms: Object.fromEntries(
          Array.from({ length: 70_000 }, (_, i) => [`vm${i}`, { adapters: [{ mode: 'nat' }] }]),
        ),
      }),
    });
    console.log(`a 70,000-machine lab: POST answered ${huge.status} (the largest allowed has 1,000)`);
  }
  await measure(
    server,
    'console flood on a 1,000-machine lab',
    async (stop, { room, token }) => {
      while (!stop()) {
        await Promise.all(
          Array.from({ length: 10 }, () =>
            fetch(`${server.url}/api/labs/${room}/exec`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ machine: 'vm1', command: 'ping -c 1 vm2' }),
            }).then((response) => response.arrayBuffer()),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    () => worstRoom(server),
  );
  await measure(server, '1,900 client ids, then 50 edits a second', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const raw = await openRawSocket(server.wsUrl, room, token);
    raw.ws.send(encodeUpdate(manyIds(1900, 1000)));
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(() => editor.doc.getMap('lab').set('title', `e${n}`), 'e');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    raw.ws.close();
  });
  await measure(server, '2,000-character strings, 200 a second', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(
        () => editor.doc.getMap('lab').set(`s${n % 50}`, String(n).padEnd(2000, '\u0000')),
        'e',
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  await measure(server, '9,000 unknown keys (9,000 diagnostics, 100 sent)', async (stop) => {
    // Written over sync (a POST would be refused with 400, its errors capped at 100).
    const { room, token } = await createRoom(server.url);
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    editor.doc.transact(() => {
      for (let i = 0; i < 9000; i++) editor.doc.getMap('lab').set(`unknown${i}`, i);
    }, 'e');
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(() => editor.doc.getMap('lab').set('title', `u${n}`), 'e');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  console.log(`server RSS, rooms above loaded: ${rssMiB(server)} MiB`);
  for (const client of clients.splice(0)) client.destroy();
  if (ONLY && !ONLY.test('memory')) throw new Done();
  await waitForUnload(server);
  await inspector.collectGarbage();
  const before = rssMiB(server);
  console.log(`server RSS, no room loaded, after gc: ${await memory(server)} (the baseline)`);
  // Each room held loaded by an observer on its lab and one on its results (real sync
  // sockets that never decode): 40 stock providers would each hold a copy of the lab in
  // this process and add an `exit` listener to it (y-websocket does, per provider),
  // past Node's 10 (the MaxListenersExceededWarning this bench printed).
  const worst: ObserverSocket[] = [];
  for (let i = 0; i < 20; i++) {
    const { room, token } = await worstRoom(server);
    for (const name of [room, `${room}:results`]) {
      const observer = openObserver(server.wsUrl, name, token);
      worst.push(observer);
      await observer.synced;
    }
    if (i === 0)
      console.log(
        `server RSS with the worst allowed room (1,000 machines): ${rssMiB(server)} MiB (${signed(rssMiB(server) - before)})`,
      );
  }
  const loaded = rssMiB(server);
  console.log(`server RSS with 20 worst allowed rooms: ${await memory(server)} (${signed(loaded - before)})`);
  for (const observer of worst) observer.close();
  await waitForUnload(server);
  await inspector.collectGarbage();
  const after = rssMiB(server);
  console.log(
    `server RSS after the 20 rooms unloaded and gc: ${await memory(server)} (${signed(after - before)} over the baseline; ${loaded - after} MiB returned)`,
  );
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  inspector.close();
  for (const client of clients) client.destroy();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
