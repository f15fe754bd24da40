/**
 * HOSTILE-22: the lab's counts (VMs, adapters per VM, networks, members of one map) hold
 * after every update, over real sockets with the stock y-websocket client: the edit that
 * crosses one — the sixth small edit as much as one big update — is undone for everyone
 * and its connection closed with 4424 (final); the room goes on editing.
 */
import { LAB_LIMITS, readLab, writeLab } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashToken, newRoomId, newToken } from '../auth/tokens';
import { createMemoryStore } from '../store/memoryStore';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const LIMITS = { ...LAB_LIMITS, maxVms: 5, maxAdaptersPerVm: 3, maxNetworks: 4, maxKeys: 50 };

let server: TestServer;
const clients: SyncClient[] = [];
const logged: { event: string; fields: Record<string, unknown> }[] = [];

beforeEach(async () => {
  logged.length = 0;
  server = await startTestServer({
    limits: { lab: LIMITS },
    log: (event, fields = {}) => logged.push({ event, fields }),
  });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

async function room(): Promise<{ room: string; token: string }> {
  return server.createRoom({ format: 'vnetlab/1', vms: {} });
}

async function connect(name: string, token: string): Promise<SyncClient & { closes: number[] }> {
  const client = connectClient(server.wsUrl, name, token);
  clients.push(client);
  const closes: number[] = [];
  client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
  await whenSynced(client);
  return Object.assign(client, { closes });
}

function vmsOf(client: SyncClient): string[] {
  return Object.keys((readLab(client.doc).vms as Record<string, unknown>) ?? {});
}

async function storedLab(name: string, token: string): Promise<{ vms: object; natNetworks: object }> {
  const response = await fetch(`${server.httpUrl}/api/labs/${name}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.json();
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a stored room already past the counts (older data)', () => {
  it('[HOSTILE-13] loads with a diagnostic per crossing and stays editable: a rename applies, and removing machines brings it back within bounds', async () => {
    const store = createMemoryStore();
    const name = newRoomId();
    const token = newToken();
    store.createRoom({ room: name, tokenHash: hashToken(token), createdAt: Date.now() });
    const older = new Y.Doc();
    const vms = Object.fromEntries(Array.from({ length: 1003 }, (_, i) => [`vm${i}`, { name: `m${i}` }]));
    writeLab(older, { format: 'vnetlab/1', title: 't'.repeat(2500), vms }, 'older server');
    store.append(name, Y.encodeStateAsUpdate(older));
    await server.stop();
    // The bounds as they are by default (LAB_LIMITS), the engine's too.
    server = await startTestServer({
      store,
      log: (event, fields = {}) => logged.push({ event, fields }),
    });
    const results = async () => {
      const response = await fetch(`${server.httpUrl}/api/labs/${name}/results`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { diagnostics: { code: string; text: string }[] }).diagnostics
        .filter((diagnostic) => diagnostic.code === 'invalid-lab')
        .map((diagnostic) => diagnostic.text)
        .sort();
    };
    expect(await results()).toEqual([
      expect.stringMatching(/^title: 2500 characters, at most 2000/),
      expect.stringMatching(/^vms: 1003 machines, at most 1000/),
    ]);
    const editor = await connect(name, token);
    const lab = editor.doc.getMap('lab');
    editor.doc.transact(() => lab.set('title', 'short again'));
    editor.doc.transact(() =>
      ((lab.get('vms') as Y.Map<unknown>).get('vm0') as Y.Map<unknown>).set('name', 'renamed'),
    );
    editor.doc.transact(() => {
      for (const id of ['vm1000', 'vm1001', 'vm1002']) (lab.get('vms') as Y.Map<unknown>).delete(id);
    });
    await expect.poll(results, { timeout: 10_000 }).toEqual([]);
    const stored = (await storedLab(name, token)) as {
      title?: string;
      vms: Record<string, { name?: string }>;
    };
    expect(stored.title).toBe('short again');
    expect(stored.vms.vm0?.name).toBe('renamed');
    expect(Object.keys(stored.vms)).toHaveLength(1000);
    expect(editor.closes).toEqual([]);
  });
});

describe('lab counts over a series of edits', () => {
  it('[HOSTILE-22] the sixth VM added one edit at a time is undone for everyone and closes with 4424', async () => {
    const { room: name, token } = await room();
    const writer = await connect(name, token);
    const watcher = await connect(name, token);
    const vms = writer.doc.getMap('lab').get('vms') as Y.Map<unknown>;
    for (let i = 1; i <= 5; i++) {
      writer.doc.transact(() => vms.set(`vm${i}`, new Y.Map()));
      await pause();
    }
    await waitFor(() => vmsOf(watcher).length === 5, 5000, 'five VMs at the watcher');
    expect(writer.closes).toEqual([]);
    writer.doc.transact(() => vms.set('vm6', new Y.Map()));
    await waitFor(() => writer.closes.length > 0, 5000, 'the close');
    expect(writer.closes[0]).toBe(4424);
    // The watcher saw vm6 come and go: what it holds is what the server holds.
    await waitFor(() => vmsOf(watcher).length === 5, 5000, 'the compensation');
    await pause();
    expect(vmsOf(watcher)).not.toContain('vm6');
    const stored = await storedLab(name, token);
    expect(Object.keys(stored.vms)).toHaveLength(5);
    const entry = logged.find((line) => line.event === 'lab-limit-compensated');
    expect(entry?.fields.detail).toContain('6 machines, at most 5');
    // The room edits on: the watcher renames a VM, a new client sees it.
    watcher.doc.transact(() => watcher.doc.getMap('lab').set('title', 'still editing'));
    const late = await connect(name, token);
    await waitFor(() => readLab(late.doc).title === 'still editing', 5000, 'the later edit');
    expect(vmsOf(late)).toHaveLength(5);
  });

  it('[HOSTILE-22] adapters pushed one by one: the fourth is undone, the first three stay', async () => {
    const { room: name, token } = await room();
    const writer = await connect(name, token);
    const watcher = await connect(name, token);
    const vms = writer.doc.getMap('lab').get('vms') as Y.Map<unknown>;
    const adapters = new Y.Array<Y.Map<unknown>>();
    writer.doc.transact(() => {
      const vm = new Y.Map<unknown>();
      vm.set('adapters', adapters);
      vms.set('web', vm);
    });
    for (let i = 0; i < 4; i++) {
      writer.doc.transact(() => adapters.push([new Y.Map([['mode', 'nat']])]));
      await pause();
    }
    await waitFor(() => writer.closes.length > 0, 5000, 'the close');
    expect(writer.closes[0]).toBe(4424);
    const adaptersAt = () =>
      ((readLab(watcher.doc).vms as Record<string, { adapters?: unknown[] }>)?.web?.adapters ?? []).length;
    await waitFor(() => adaptersAt() === 3, 5000, 'three adapters at the watcher');
    await pause();
    expect(adaptersAt()).toBe(3);
  });

  it('[HOSTILE-22] networks counted across lans and natNetworks, and one big plain value, both refused', async () => {
    const { room: name, token } = await room();
    const writer = await connect(name, token);
    const lab = writer.doc.getMap('lab');
    writer.doc.transact(() => {
      lab.set(
        'lans',
        new Y.Map([
          ['a', new Y.Map()],
          ['b', new Y.Map()],
        ]),
      );
      lab.set(
        'natNetworks',
        new Y.Map([
          ['c', new Y.Map()],
          ['d', new Y.Map()],
        ]),
      );
    });
    await pause();
    expect(writer.closes).toEqual([]);
    writer.doc.transact(() => (lab.get('natNetworks') as Y.Map<unknown>).set('e', new Y.Map()));
    await waitFor(() => writer.closes.length > 0, 5000, 'the close');
    expect(writer.closes[0]).toBe(4424);
    expect(logged.some((line) => String(line.fields.detail).includes('5 networks, at most 4'))).toBe(true);

    const other = await connect(name, token);
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`vm${i}`, {}]));
    other.doc.transact(() => other.doc.getMap('lab').set('vms', many));
    await waitFor(() => other.closes.length > 0, 5000, 'the close of the big value');
    expect(other.closes[0]).toBe(4424);
    const stored = await storedLab(name, token);
    expect(Object.keys(stored.vms)).toHaveLength(0);
    expect(Object.keys(stored.natNetworks)).toEqual(['c', 'd']);
  });

  it('[HOSTILE-22] members of any map, in any root, one small edit at a time', async () => {
    const { room: name, token } = await room();
    const writer = await connect(name, token);
    const layout = writer.doc.getMap('layout');
    for (let i = 0; i <= LIMITS.maxKeys; i++) {
      writer.doc.transact(() => layout.set(`node${i}`, i));
      if (writer.closes.length > 0) break;
      if (i % 10 === 0) await pause();
    }
    await waitFor(() => writer.closes.length > 0, 5000, 'the close');
    expect(writer.closes[0]).toBe(4424);
    const late = await connect(name, token);
    await pause();
    expect(late.doc.getMap('layout').size).toBeLessThanOrEqual(LIMITS.maxKeys);
  });
});
