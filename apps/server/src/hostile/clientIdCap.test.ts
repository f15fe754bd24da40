/**
 * HOSTILE-23: a room visited by more writers than its client-id cap keeps taking edits.
 * Near the cap it starts a new generation of its document (lab, layout and console
 * carried over, the old document kept as history); the open page is told to reopen
 * (4000, not final) and every later writer edits. Over real sockets, stock y-websocket
 * clients, the real SQLite store.
 */
import { readLab } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactionThreshold } from '../classes/compaction';
import { createSqliteStore } from '../store/sqliteStore';
import type { Store } from '../store/types';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const CAP = 20;
let server: TestServer;
let store: Store;
const clients: SyncClient[] = [];
const logged: string[] = [];

beforeEach(async () => {
  logged.length = 0;
  store = createSqliteStore({ dataDir: ':memory:' });
  server = await startTestServer({
    store,
    limits: { maxClientIds: CAP },
    log: (event) => logged.push(event),
  });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

function connect(name: string, token: string): SyncClient & { closes: number[] } {
  const client = connectClient(server.wsUrl, name, token);
  clients.push(client);
  const closes: number[] = [];
  client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
  return Object.assign(client, { closes });
}

async function storedTitle(name: string, token: string): Promise<unknown> {
  const response = await fetch(`${server.httpUrl}/api/labs/${name}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { title?: unknown }).title;
}

describe('more writers than the client-id cap', () => {
  it('[HOSTILE-23] twice the cap of writers, one after another: every edit lands; the open page is told to reopen', async () => {
    const { room, token } = await server.createRoom({
      format: 'vnetlab/1',
      title: 'start',
      vms: { web: {} },
    });
    const page = connect(room, token);
    await whenSynced(page);
    page.doc.transact(() => page.doc.getMap('layout').set('web', { x: 10, y: 20 }));

    for (let i = 0; i < 2 * CAP; i++) {
      const writer = connect(room, token);
      await whenSynced(writer);
      writer.doc.transact(() => writer.doc.getMap('lab').set('title', `edit ${i}`));
      // Each edit reaches the server and is stored; no writer is ever refused.
      const deadline = Date.now() + 5000;
      while ((await storedTitle(room, token)) !== `edit ${i}`) {
        if (Date.now() > deadline) throw new Error(`edit ${i} was not stored`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(writer.closes.filter((code) => code >= 4400 && code < 4500)).toEqual([]);
      writer.destroy();
    }

    // The page was told once to reopen with a fresh document (not final) …
    await waitFor(() => page.closes.includes(4000), 5000, 'the page told of the new generation');
    expect(logged.filter((event) => event === 'room-compacted').length).toBeGreaterThanOrEqual(1);
    // … and its stock client, coming back with its old document, is refused for good with
    // the true reason (4409 StaleGeneration), never 4424 for the old ids it carries.
    await waitFor(
      () => page.closes.some((code) => code >= 4400 && code < 4500),
      5000,
      'the old document refused',
    );
    expect(page.closes.filter((code) => code >= 4400 && code < 4500)).toEqual([4409]);

    // Reopened fresh, it finds the lab and its layout as they were, and edits.
    const reopened = connect(room, token);
    await whenSynced(reopened);
    expect(readLab(reopened.doc).title).toBe(`edit ${2 * CAP - 1}`);
    expect(Object.keys(readLab(reopened.doc).vms as object)).toEqual(['web']);
    expect(reopened.doc.getMap('layout').get('web')).toEqual({ x: 10, y: 20 });
    reopened.doc.transact(() => reopened.doc.getMap('lab').set('title', 'after'));
    const deadline = Date.now() + 5000;
    while ((await storedTitle(room, token)) !== 'after') {
      if (Date.now() > deadline) throw new Error('the reopened page did not edit');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // The history is kept: the first document is still in the store, the generations name it.
    const generations = (await store.classes?.generations(room)) ?? [];
    expect(generations.length).toBeGreaterThanOrEqual(1);
    expect(generations[0]?.label).toBe('compacted');
    expect((await store.load(room)).updates.length).toBeGreaterThan(0);
    expect(compactionThreshold(CAP)).toBeLessThan(CAP);
  });
});
