import { readFileSync } from 'node:fs';
import { RESULTS_ROOT } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { connectClient, openRawSocket, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);

let server: TestServer | undefined;
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = undefined;
});

/** One sample of the Prometheus text: `name{labels} value`, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(token?: string): Promise<Response> {
  if (!server) throw new Error('no server');
  return fetch(`${server.httpUrl}/metrics`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
}

describe('GET /metrics', () => {
  it('[OPS-1] reports rooms, clients, updates, engine time, results latency and process metrics to the operator', async () => {
    server = await startTestServer({ metricsToken: 'operator' });
    const { room, token } = await server.createRoom(example);
    const lab = connectClient(server.wsUrl, room, token);
    const results = connectClient(server.wsUrl, `${room}:results`, token);
    clients.push(lab, results);
    await whenSynced(lab);
    await whenSynced(results);
    const map = results.doc.getMap(RESULTS_ROOT);
    const before = (map.get('revision') as number | undefined) ?? 0;
    // A field the engine reads (a title alone is answered without the engine: textOnlyEdits.ts).
    lab.doc.getMap('lab').set('hypervisor', 'vmware');
    await waitFor(() => ((map.get('revision') as number | undefined) ?? 0) > before, 10_000, 'results');

    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong')).status).toBe(401);
    const response = await scrape('operator');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'vnetlab_rooms_loaded')).toBe(1);
    expect(sample(text, 'vnetlab_clients_connected')).toBe(2);
    expect(sample(text, 'vnetlab_updates_total{doc="lab"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vnetlab_updates_total{doc="results"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vnetlab_engine_seconds_count{where="inline"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'vnetlab_results_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vnetlab_results_latency_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    // Counted off the main thread; at least the test's own sockets are open.
    if (process.platform === 'linux') expect(sample(text, 'process_open_fds')).toBeGreaterThan(2);
    // The per-handle walks are gone (each scrape visited every socket): the sockets are counted above.
    expect(text).not.toContain('nodejs_active_handles');
    expect(text).not.toContain('nodejs_active_resources');
    expect(text).toContain('# TYPE vnetlab_results_latency_seconds histogram');
  });

  it('[OPS-1] counts the store calls that fail', async () => {
    const store = createMemoryStore();
    server = await startTestServer({ store, metricsToken: 'operator', log: () => {} });
    const { room, token } = await server.createRoom(example);
    const lab = connectClient(server.wsUrl, room, token);
    clients.push(lab);
    await whenSynced(lab);
    store.append = () => {
      throw new Error('disk full');
    };
    lab.doc.getMap('lab').set('title', 'not stored');
    let failures: number | undefined;
    for (let i = 0; i < 200 && failures === undefined; i++) {
      failures = sample(await (await scrape('operator')).text(), 'vnetlab_store_errors_total{op="append"}');
      if (failures === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(failures).toBeGreaterThanOrEqual(1);
  });

  it('is not there without an operator token', async () => {
    server = await startTestServer();
    expect((await scrape()).status).toBe(404);
    expect((await scrape('anything')).status).toBe(404);
  });
});

describe('structured logs', () => {
  it('[OPS-2] every line about a socket names its room and connection id, one id per socket', async () => {
    const lines: Record<string, unknown>[] = [];
    const log: Logger = (event, fields = {}) => lines.push({ event, ...fields });
    server = await startTestServer({ log });
    const { room, token } = await server.createRoom(example);
    const lab = connectClient(server.wsUrl, room, token);
    clients.push(lab);
    await whenSynced(lab);
    // A text frame is refused (4415): the channel logs it, naming the connection.
    const raw = await openRawSocket(server.wsUrl, room, token);
    raw.ws.send('not a y-websocket frame');
    await raw.closed;
    lab.destroy();
    clients.length = 0;
    await waitFor(() => lines.filter((line) => line.event === 'sync-disconnected').length === 2, 5_000);

    const aboutSockets = lines.filter((line) => String(line.event).startsWith('sync-') || 'conn' in line);
    const events = aboutSockets.map((line) => line.event);
    expect(events).toEqual(
      expect.arrayContaining(['sync-connected', 'connection-closed', 'sync-disconnected']),
    );
    for (const line of aboutSockets) {
      expect(line).toMatchObject({ room, conn: expect.stringMatching(/^c\d+$/) });
    }
    const ids = new Set(lines.filter((line) => line.event === 'sync-connected').map((line) => line.conn));
    expect(ids.size).toBe(2);
    const refused = lines.find((line) => line.event === 'connection-closed');
    expect(ids.has(refused?.conn)).toBe(true);
  });
});
