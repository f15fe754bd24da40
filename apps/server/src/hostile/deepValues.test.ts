/**
 * What crashed the server, over real sockets, against the real server process (its
 * worker pool, its SQLite file): a plain value nested 3,200 deep, the same value stored
 * by an older server and met after a restart, Y.Maps nested 2,800 deep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStore } from '../store/sqliteStore';
import { createRoom, type ServerProcess, startServerProcess } from '../testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';

const servers: ServerProcess[] = [];
const clients: SyncClient[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
});

async function start(): Promise<ServerProcess> {
  if (!dataDir) dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-hostile-'));
  const server = await startServerProcess(dataDir);
  servers.push(server);
  return server;
}

function connect(server: ServerProcess, name: string, token: string): SyncClient {
  const client = connectClient(server.wsUrl, name, token);
  clients.push(client);
  return client;
}

function closedWith(client: SyncClient): Promise<number> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
  );
}

function nestedValue(depth: number): unknown {
  let value: unknown = 'poison';
  for (let i = 0; i < depth; i++) value = { v: value };
  return value;
}

/** Another room still relays an edit between two of its clients. */
async function bystanderRelays(server: ServerProcess): Promise<void> {
  const { room, token } = await createRoom(server.url);
  const a = connect(server, room, token);
  const b = connect(server, room, token);
  await whenSynced(a);
  await whenSynced(b);
  a.doc.transact(() => a.doc.getMap('lab').set('title', 'still here'), 'a');
  await waitFor(() => b.doc.getMap('lab').get('title') === 'still here', 10_000, 'the bystander relay');
}

async function results(server: ServerProcess, room: string, token: string) {
  const response = await fetch(`${server.url}/api/labs/${room}/results`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { diagnostics: { code: string; text: string }[]; revision: number };
}

describe('hostile values over the stock y-websocket client', () => {
  it('[HOSTILE-11] a plain value nested 3,200 deep is refused with 4424 (final); the process and other rooms live on', async () => {
    const server = await start();
    const { room, token } = await createRoom(server.url);
    const attacker = connect(server, room, token);
    await whenSynced(attacker);
    const closed = closedWith(attacker);
    attacker.doc.transact(() => attacker.doc.getMap('lab').set('title', nestedValue(3200)), 'attacker');
    expect(await closed).toBe(4424);
    expect(server.stderr()).toMatch(/"code":4424.*nested more than 16 deep/);
    await bystanderRelays(server);
    // The attacked room is untouched and still edits.
    const honest = connect(server, room, token);
    await whenSynced(honest);
    expect(honest.doc.getMap('lab').get('title')).toBeUndefined();
    honest.doc.transact(() => honest.doc.getMap('lab').set('title', 'fine'), 'honest');
    const lab = await fetch(`${server.url}/api/labs/${room}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(lab.status).toBe(200);
    expect(server.alive()).toBe(true);
  });

  it('[HOSTILE-11] Y.Maps nested 2,800 deep are refused with 4424; the room computes on', async () => {
    const server = await start();
    const { room, token } = await createRoom(server.url, { format: 'vnetlab/1', vms: { web: {} } });
    const attacker = connect(server, room, token);
    await whenSynced(attacker);
    const closed = closedWith(attacker);
    attacker.doc.transact(() => {
      let map = attacker.doc.getMap<unknown>('lab');
      for (let i = 0; i < 2800; i++) {
        const child = new Y.Map<unknown>();
        map.set('nest', child);
        map = child;
      }
    }, 'attacker');
    expect(await closed).toBe(4424);
    const honest = connect(server, room, token);
    await whenSynced(honest);
    honest.doc.transact(() => honest.doc.getMap('lab').set('title', 'after'), 'honest');
    await waitFor(() => honest.provider.wsconnected);
    const after = await results(server, room, token);
    expect(after.diagnostics.filter((d) => d.code === 'engine-failed')).toEqual([]);
    expect(server.alive()).toBe(true);
  });

  it('[HOSTILE-13] [ENGINE-7] a stored value nested 3,200 deep and Y.Maps 2,800 deep (older data) load after a restart with a diagnostic, and the room stays editable', async () => {
    let server = await start();
    const { room, token } = await createRoom(server.url, { format: 'vnetlab/1', vms: { web: {} } });
    await server.stop();
    servers.splice(0);
    // What an older server accepted and stored: written straight into its SQLite file.
    const store = createSqliteStore({ dataDir });
    const loaded = new Y.Doc();
    for (const update of store.load(room).updates) Y.applyUpdate(loaded, update);
    const before = Y.encodeStateVector(loaded);
    loaded.transact(() => {
      const lab = loaded.getMap<unknown>('lab');
      lab.set('title', nestedValue(3200));
      let map = lab;
      for (let i = 0; i < 2800; i++) {
        const child = new Y.Map<unknown>();
        map.set('nest', child);
        map = child;
      }
    });
    store.append(room, Y.encodeStateAsUpdate(loaded, before));
    store.close();

    server = await start();
    const student = connect(server, room, token);
    await whenSynced(student);
    for (const title of ['one', 'two', 'three']) {
      student.doc.transact(() => student.doc.getMap('lab').set('title', title), 'student');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const get = await fetch(`${server.url}/api/labs/${room}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(get.status).toBe(200);
    const lab = (await get.json()) as { title: string };
    expect(lab.title).toBe('three');
    const diagnosed = await results(server, room, token);
    expect(diagnosed.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'invalid-lab',
        text: expect.stringMatching(/^nest(\.nest)*: nested more than 16 deep/),
      }),
    );
    // Deleting the poison makes the lab whole again.
    student.doc.transact(() => student.doc.getMap('lab').delete('nest'), 'student');
    await waitFor(() => !readLab(student.doc).nest);
    const healed = await results(server, room, token);
    expect(healed.diagnostics.filter((d) => d.code === 'invalid-lab')).toEqual([]);
    await bystanderRelays(server);
    expect(server.alive()).toBe(true);
  });
});
