/**
 * Random, deep, huge and ill-typed values written into one room by stock y-websocket
 * clients for a bounded time, against the real server process. Then: the process
 * lives, another room relays all along (every edit arrives, checked in every run; its
 * times printed, within 100 ms asserted only with HOSTILE_TIMING=1), and the fuzzed room
 * still edits: a new client's edit reaches another client and the stored lab.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRoom, type ServerProcess, startServerProcess } from '../testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';

const FUZZ_MS = 4000;
let server: ServerProcess | undefined;
const clients: SyncClient[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A seeded generator (mulberry32): a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostileValue(next: () => number): unknown {
  const pick = Math.floor(next() * 9);
  switch (pick) {
    case 0: {
      let value: unknown = 'deep';
      const depth = Math.floor(next() * 4000);
      for (let i = 0; i < depth; i++) value = next() < 0.5 ? [value] : { k: value };
      return value;
    }
    case 1:
      return 'x'.repeat(Math.floor(next() * 200_000));
    case 2:
      return '\u0000\u001f\u2028'.repeat(Math.floor(next() * 5000));
    case 3:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 3000) }, (_, i) => [`k${i}`, i]));
    case 4:
      return new Uint8Array(Math.floor(next() * 50_000));
    case 5:
      return [Number.NaN, -0, 1e308, true, null, 'vm', { adapters: 'nat' }];
    case 6:
      return { web: { adapters: [{ mode: 'bridge', network: 42 }] } };
    case 7:
      return next() * 1e6;
    default:
      return { format: 'vnetlab/9', vms: [] };
  }
}

function write(doc: Y.Doc, next: () => number): void {
  const roots = ['lab', 'layout', 'console', `root${Math.floor(next() * 40)}`];
  const root = roots[Math.floor(next() * roots.length)] as string;
  const keys = ['vms', 'title', 'hypervisor', 'lans', 'goals', 'format', `k${Math.floor(next() * 1e6)}`];
  const key = keys[Math.floor(next() * keys.length)] as string;
  doc.transact(() => {
    if (root === 'console') {
      doc.getArray<unknown>('console').push([hostileValue(next)]);
      return;
    }
    const map = doc.getMap<unknown>(root);
    if (next() < 0.15) {
      let nested = map;
      const depth = Math.floor(next() * 60);
      for (let i = 0; i < depth; i++) {
        const child = new Y.Map<unknown>();
        nested.set('m', child);
        nested = child;
      }
      nested.set(key, hostileValue(next));
    } else if (next() < 0.1) {
      const text = new Y.Text();
      map.set(key, text);
      text.insert(0, 'y'.repeat(Math.floor(next() * 5000)));
    } else {
      map.set(key, hostileValue(next));
    }
  }, 'fuzz');
}

async function relayMs(a: SyncClient, b: SyncClient, n: number): Promise<number> {
  const started = performance.now();
  a.doc.transact(() => a.doc.getMap('lab').set('title', `relay ${n}`), 'a');
  await waitFor(() => b.doc.getMap('lab').get('title') === `relay ${n}`, 10_000, 'the bystander relay');
  return performance.now() - started;
}

describe('fuzzing a room', () => {
  it('[HOSTILE-20] random, deep, huge and ill-typed writes leave the process up, other rooms relaying and the room editable', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-fuzz-'));
    const running = await startServerProcess(dataDir);
    server = running;
    const target = await createRoom(running.url, { format: 'vnetlab/1', vms: { web: {} } });
    const other = await createRoom(running.url);
    // The bystander pair is in its room before the attack and relays all through it.
    const a = connectClient(running.wsUrl, other.room, other.token);
    const b = connectClient(running.wsUrl, other.room, other.token);
    clients.push(a, b);
    await whenSynced(a);
    await whenSynced(b);
    const times: number[] = [];
    let fuzzing = true;
    const bystander = (async () => {
      for (let n = 0; fuzzing || n < 5; n++) {
        times.push(await relayMs(a, b, n));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const seed = Number(process.env.FUZZ_SEED ?? 20261202);
    const next = random(seed);
    const until = Date.now() + FUZZ_MS;
    let writes = 0;
    let refused = 0;
    try {
      while (Date.now() < until) {
        const attacker = connectClient(running.wsUrl, target.room, target.token);
        clients.push(attacker);
        let closed = false;
        attacker.provider.on('connection-close', (event) => {
          if (event && event.code >= 4400 && event.code < 4500) closed = true;
        });
        await whenSynced(attacker);
        for (let i = 0; i < 20 && !closed && Date.now() < until; i++) {
          write(attacker.doc, next);
          writes++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (closed) refused++;
        attacker.destroy();
      }
    } finally {
      fuzzing = false;
    }
    // Every bystander edit made during the attack arrived (each waits at most 10 s).
    await bystander;
    expect(running.alive()).toBe(true);
    expect(writes).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0); // the limits did refuse something, with a final code
    expect(times.length).toBeGreaterThanOrEqual(5);
    // The figure (aim: within 100 ms) is printed, and asserted only with HOSTILE_TIMING=1:
    // on a shared 2-core machine a timed assertion fails for the neighbours' load, not ours.
    const sorted = [...times].sort((x, y) => x - y);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] as number;
    console.log(
      `[HOSTILE-20] bystander relay during the fuzz: ${times.length} edits, median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (seed ${seed})`,
    );
    if (process.env.HOSTILE_TIMING === '1') expect(p99).toBeLessThan(100);

    const c = connectClient(running.wsUrl, target.room, target.token);
    const d = connectClient(running.wsUrl, target.room, target.token);
    clients.push(c, d);
    await whenSynced(c);
    await whenSynced(d);
    await relayMs(c, d, 99);
    const lab = await fetch(`${running.url}/api/labs/${target.room}`, {
      headers: { Authorization: `Bearer ${target.token}` },
    });
    expect(lab.status).toBe(200);
    expect(((await lab.json()) as { title?: unknown }).title).toBe('relay 99');
    const results = await fetch(`${running.url}/api/labs/${target.room}/results`, {
      headers: { Authorization: `Bearer ${target.token}` },
    });
    expect(results.status).toBe(200);
    expect(running.alive()).toBe(true);
  });
});
