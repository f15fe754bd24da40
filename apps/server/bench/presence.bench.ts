/**
 * Presence bench: one room of N stock y-websocket clients (default 40) moving their
 * cursors, through the real server (awareness gate, relay to every connection).
 *
 *   tsx apps/server/bench/presence.bench.ts [--clients 40] [--seconds 8]
 *
 * Two runs: the page's rate (50 ms per update, stretched by people/4 in a crowded
 * room, as apps/web/src/presence/createPresence.ts does) and a flat 20 a second each.
 * Printed: cursor updates sent per second, frames delivered per second, and the time
 * from a client's setLocalStateField to another client's awareness change, p50/p95.
 * Server and clients share this process (one clock), so it is an upper bound. Never asserted.
 */
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { evaluateInProcess } from '../src/engine/labEngine';
import { silentLogger } from '../src/log';
import { startServer } from '../src/server';
import { createMemoryStore } from '../src/store/memoryStore';

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '40' }, seconds: { type: 'string', default: '8' } },
});
const clients = Number(values.clients);
// Each stock provider adds a process 'exit' listener.
process.setMaxListeners(0);
const seconds = Number(values.seconds);

const server = await startServer({
  port: 0,
  hostname: '127.0.0.1',
  store: createMemoryStore(),
  evaluate: evaluateInProcess,
  log: silentLogger,
});
const origin = `http://127.0.0.1:${server.port}`;
const { room, token } = (await (await fetch(`${origin}/api/labs`, { method: 'POST' })).json()) as {
  room: string;
  token: string;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function run(label: string, intervalMs: number): Promise<void> {
  const providers: WebsocketProvider[] = [];
  const latencies: number[] = [];
  let sent = 0;
  let delivered = 0;
  for (let i = 0; i < clients; i++) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${origin.replace('http', 'ws')}/sync`, room, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.awareness.setLocalStateField('user', { name: `p${i}`, colour: '#000' });
    const seen = new Map<number, number>();
    provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
      const now = performance.now();
      for (const id of updated) {
        if (id === doc.clientID) continue;
        const t = (provider.awareness.getStates().get(id)?.cursor as { t?: number } | undefined)?.t;
        if (typeof t !== 'number' || seen.get(id) === t) continue;
        seen.set(id, t);
        delivered++;
        latencies.push(now - t);
      }
    });
    providers.push(provider);
  }
  await Promise.all(
    providers.map((p) => new Promise<void>((done) => (p.synced ? done() : p.once('sync', () => done())))),
  );
  const timers = providers.map((provider, i) =>
    setTimeout(
      () => {
        const timer = setInterval(() => {
          sent++;
          provider.awareness.setLocalStateField('cursor', {
            x: Math.random(),
            y: Math.random(),
            t: performance.now(),
          });
        }, intervalMs);
        timers.push(timer as unknown as NodeJS.Timeout);
      },
      (intervalMs * i) / clients,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  for (const timer of timers) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const provider of providers) provider.destroy();
  latencies.sort((a, b) => a - b);
  console.log(
    `${label}: ${clients} clients, ${(sent / seconds).toFixed(0)} cursor updates/s sent, ` +
      `${(delivered / seconds).toFixed(0)}/s delivered; latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
      `p95 ${percentile(latencies, 0.95).toFixed(1)} ms`,
  );
}

await run('page rate (50 ms × people/4)', 50 * Math.max(1, clients / 4));
await run('flat 20/s each', 50);
await server.stop();
