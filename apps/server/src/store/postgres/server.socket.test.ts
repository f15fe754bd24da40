/**
 * The real server over a real PostgreSQL, over real sockets, with the stock y-websocket
 * client (cluster mode's store, one process): every edit a client saw relayed survives
 * kill -9 and a restart of the server; while PostgreSQL is down, edits are refused with
 * 1013 "Storage unavailable" and nothing unstored is relayed, HTTP answers 503, and once
 * it is back the same room takes edits again without a server restart.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLab } from '@vnetlab/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StorageUnavailable } from '../../sync/closeCodes';
import { startPostgres, type TestPostgres } from '../../testing/postgres';
import { createRoom, type ServerProcess, startServerProcess } from '../../testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../../testing/syncClient';

let postgres: TestPostgres;
const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-pg-server-'));
const servers: ServerProcess[] = [];
const clients: SyncClient[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.kill();
  await postgres.restart();
});
afterAll(async () => {
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function serve(url: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir, {
    VNETLAB_DATABASE_URL: url,
    VNETLAB_HEALTH_TOKEN: 'operator',
  });
  servers.push(server);
  return server;
}

function client(server: ServerProcess, room: string, token: string): SyncClient {
  const opened = connectClient(server.wsUrl, room, token);
  clients.push(opened);
  return opened;
}

const health = async (server: ServerProcess) => {
  const response = await fetch(`${server.url}/api/health`, { headers: { Authorization: 'Bearer operator' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the server over PostgreSQL', () => {
  it('[STORE-2] keeps every edit it relayed across a SIGKILL of the server and a restart', async () => {
    const url = await postgres.createDatabase();
    const first = await serve(url);
    expect((await health(first)).body).toMatchObject({ ok: true, store: 'postgres', storeState: 'ok' });
    const { room, token } = await createRoom(first.url);
    const writer = client(first, room, token);
    const observer = client(first, room, token);
    await whenSynced(writer);
    await whenSynced(observer);

    const edits = writer.doc.getMap<unknown>('lab');
    const seen = observer.doc.getMap<unknown>('lab');
    let sent = 0;
    let writing = true;
    const writeLoop = (async () => {
      while (writing) {
        const n = sent++;
        writer.doc.transact(() => edits.set(`edit${n}`, n), 'writer');
        if (n % 5 !== 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    // The lab's own keys (format, vms …) are in `seen` too: count the edits only.
    const relayed = () => [...seen.keys()].filter((key) => key.startsWith('edit'));
    await waitFor(() => relayed().length > 300, 60_000, 'edits relayed before the kill');
    await first.kill();
    writing = false;
    await writeLoop;
    const accepted = relayed();
    writer.destroy();
    observer.destroy();
    expect(accepted.length).toBeGreaterThan(300);
    expect(sent).toBeGreaterThan(accepted.length);

    const second = await serve(url);
    const reader = client(second, room, token);
    await whenSynced(reader);
    const restored = readLab(reader.doc);
    expect(accepted.filter((key) => !(key in restored))).toEqual([]);
    // Nothing of it went to the SQLite file: the data directory holds none.
    expect(readdirSync(dataDir).filter((name) => name.includes('sqlite'))).toEqual([]);
  });

  it('[STORE-5] PostgreSQL down: edits refused with 1013, nothing unstored relayed, HTTP 503; back up: the room takes edits again', async () => {
    const url = await postgres.createDatabase();
    const server = await serve(url);
    const { room, token } = await createRoom(server.url);
    const writer = client(server, room, token);
    const observer = client(server, room, token);
    await whenSynced(writer);
    await whenSynced(observer);
    const closes: { code: number; reason: string }[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason });
    });
    writer.doc.getMap('lab').set('before', 1);
    await waitFor(() => observer.doc.getMap('lab').get('before') === 1, 10_000, 'an edit while up');

    await postgres.pause();
    writer.doc.getMap('lab').set('during', 2);
    await waitFor(() => closes.length > 0, 10_000, 'the writer closed');
    expect(closes[0]).toEqual({ code: StorageUnavailable.code, reason: StorageUnavailable.reason });
    // The edit the store refused reached no one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(observer.doc.getMap('lab').get('during')).toBeUndefined();

    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const read = await fetch(`${server.url}/api/labs/${room}`, auth);
    expect(read.status).toBe(503);
    expect(await read.json()).toMatchObject({ error: expect.stringMatching(/storage unavailable/) });
    expect((await fetch(`${server.url}/api/labs`, { method: 'POST' })).status).toBe(503);
    expect(await health(server)).toEqual({
      status: 503,
      body: expect.objectContaining({ ok: false, store: 'postgres', storeState: 'unreachable' }),
    });
    expect(server.alive()).toBe(true);

    await postgres.restart();
    // The stock clients come back by themselves; the writer sends the refused edit again.
    await waitFor(() => observer.doc.getMap('lab').get('during') === 2, 30_000, 'the refused edit, resent');
    writer.doc.getMap('lab').set('after', 3);
    await waitFor(() => observer.doc.getMap('lab').get('after') === 3, 10_000, 'an edit after recovery');
    const lab = (await (await fetch(`${server.url}/api/labs/${room}`, auth)).json()) as Record<
      string,
      unknown
    >;
    expect(lab).toMatchObject({ before: 1, during: 2, after: 3 });
    expect((await health(server)).body).toMatchObject({ ok: true, storeState: 'ok' });
  });
});
