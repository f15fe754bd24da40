/** DocChannel's client-id rules, driven by stock y-websocket clients over real sockets. */
import { readLab } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer;
const clients: SyncClient[] = [];
const logged: string[] = [];

async function connectAll(count: number) {
  const { room, token } = await server.createRoom();
  const connected = [...Array(count)].map(() => connectClient(server.wsUrl, room, token));
  clients.push(...connected);
  for (const client of connected) await whenSynced(client);
  const closes: number[] = [];
  for (const client of connected) client.provider.on('closed', ({ code }) => closes.push(code));
  return { connected, closes };
}

beforeEach(async () => {
  logged.length = 0;
  server = await startTestServer({ log: (event) => logged.push(event) });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

describe('client ids over the stock y-websocket client', () => {
  it('[HOSTILE-7] [HOSTILE-8] a client that edits offline, and again as it reconnects, loses nothing', async () => {
    const { connected, closes } = await connectAll(2);
    const [a, b] = connected as [SyncClient, SyncClient];
    a.doc.getMap('lab').set('title', 'online');
    await waitFor(() => readLab(b.doc).title === 'online');
    a.provider.disconnect();
    a.doc.getMap('lab').set('notes', 'written offline');
    // Sent the moment the socket opens, before the sync step 2 that carries the offline
    // edit: it arrives with a gap.
    const editOnOpen = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      a.provider.off('status', editOnOpen);
      a.doc.getMap('lab').set('title', 'as it reconnects');
    };
    a.provider.on('status', editOnOpen);
    a.provider.connect();
    await waitFor(() => {
      const lab = readLab(b.doc) as { title?: string; notes?: string };
      return lab.title === 'as it reconnects' && lab.notes === 'written offline';
    });
    b.doc.getMap('lab').set('title', 'b after');
    await waitFor(() => readLab(a.doc).title === 'b after');
    expect(logged).toContain('update-gap');
    expect(closes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
  });

  it('[HOSTILE-9] [SYNC-2] clients that echo each other’s awareness are not closed, and see who left', async () => {
    const { connected, closes } = await connectAll(3);
    const [a, b, c] = connected as [SyncClient, SyncClient, SyncClient];
    a.provider.awareness.setLocalStateField('user', { name: 'ada' });
    b.provider.awareness.setLocalStateField('user', { name: 'bob' });
    c.provider.awareness.setLocalStateField('user', { name: 'cy' });
    const names = (client: SyncClient) =>
      [...client.provider.awareness.getStates().values()].map((state) => state.user?.name).sort();
    await waitFor(() => connected.every((client) => names(client).join() === 'ada,bob,cy'));
    c.provider.disconnect();
    await waitFor(() => names(a).join() === 'ada,bob' && names(b).join() === 'ada,bob');
    expect(closes).toEqual([]);
  });
});
