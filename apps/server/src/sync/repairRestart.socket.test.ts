/**
 * A repair outlives its server (shared/yjs/repairRecords.ts): what the author of a
 * dropped VM wrote into it while the server was down reaches the VM's repaired copy
 * when the author's page comes back to the restarted server, on the same SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addVm, readLab, setField } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStore } from '../store/sqliteStore';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let dataDir = '';
const servers: TestServer[] = [];
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
});

async function start(): Promise<TestServer> {
  const server = await startTestServer({ store: createSqliteStore({ dataDir }) });
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

function connect(server: TestServer, room: string, token: string, doc?: Y.Doc): SyncClient {
  const client = connectClient(server.wsUrl, room, token, doc);
  clients.push(client);
  return client;
}

type Vms = Record<string, { name?: string; adapters?: { mode?: string }[] }>;
const vmsOf = (doc: Y.Doc) => (readLab(doc).vms ?? {}) as Vms;

describe('a repair across a restart', () => {
  it('an edit made in the dropped VM while the server was down lands in its repaired copy', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-repair-'));
    const first = await start();
    const { room, token } = await first.createRoom({ format: 'vnetlab/1', vms: {} });
    // Ana's page (the higher client id: Yjs keeps hers) and Ben's, which has not seen it.
    const ana = connect(first, room, token, Object.assign(new Y.Doc(), { clientID: 2_000_000_000 }));
    await whenSynced(ana);
    const ben = Object.assign(new Y.Doc(), { clientID: 7 });
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana.doc));
    expect(addVm(ana.doc, 'ana')).toBe('vm1');
    expect(addVm(ben, 'ben')).toBe('vm1');
    // Ben's addition reaches the server through another socket (as a page of his that
    // closes before it sees Ana's), whose document keeps what it drops to send it on.
    const courier = connect(first, room, token, new Y.Doc({ gc: false }));
    await whenSynced(courier);
    Y.applyUpdate(courier.doc, Y.encodeStateAsUpdate(ben), 'ben');
    await waitFor(() => Object.keys(vmsOf(courier.doc)).length === 2, 10_000, 'the repair');
    expect(vmsOf(courier.doc).vm2?.adapters?.[0]?.mode).toBe('nat');
    courier.destroy();
    ana.destroy();
    await stop(first);

    // The server is down; Ben, still unaware of Ana's VM, edits his.
    setField(ben, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', 'ben');
    const second = await start();
    connect(second, room, token, ben);
    await waitFor(() => vmsOf(ben).vm2?.adapters?.[0]?.mode === 'natnetwork', 10_000, 'the edit in the copy');
    expect(vmsOf(ben).vm1?.adapters?.[0]?.mode).toBe('nat');
    const reader = connect(second, room, token);
    await whenSynced(reader);
    await waitFor(() => vmsOf(reader.doc).vm2?.adapters?.[0]?.mode === 'natnetwork', 10_000, 'a newcomer');
    expect(readLab(reader.doc)).toEqual(readLab(ben));
  });
});
