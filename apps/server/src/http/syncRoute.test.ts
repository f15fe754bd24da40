import { readFileSync } from 'node:fs';
import { RESULTS_ROOT, readLab } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { InvalidMessage, MessageTooBig, UnsupportedData } from '../sync/closeCodes';
import { encodeUpdate } from '../sync/protocol';
import { connectClient, openRawSocket, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);

let server: TestServer;
const clients: SyncClient[] = [];
const connect = (name: string, token: string) => {
  const client = connectClient(server.httpUrl.replace('http', 'ws'), name, token);
  clients.push(client);
  return client;
};

beforeEach(async () => {
  server = await startTestServer({ limits: { maxMessageBytes: 64 * 1024 } });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('open', () => reject(new Error('socket opened')));
    ws.on('error', () => {});
  });
}

describe('sync over the stock y-websocket client', () => {
  it('[SYNC-1] syncs the room lab to a new client and relays edits between clients', async () => {
    const { room, token } = await server.createRoom(example);
    const a = connect(room, token);
    const b = connect(room, token);
    await whenSynced(a);
    await whenSynced(b);
    expect(readLab(a.doc)).toEqual(example);
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'edited by a'), 'a');
    await waitFor(() => readLab(b.doc).title === 'edited by a');
    const response = await fetch(`${server.httpUrl}/api/labs/${room}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await response.json()) as { title: string }).title).toBe('edited by a');
  });

  it('[SYNC-3] [ENGINE-2] serves results in ROOM:results and recomputes them after an edit', async () => {
    const { room, token } = await server.createRoom(example);
    const lab = connect(room, token);
    const results = connect(`${room}:results`, token);
    await whenSynced(lab);
    await whenSynced(results);
    const map = results.doc.getMap<unknown>(RESULTS_ROOT);
    await waitFor(() => map.get('goals') !== undefined, 10_000, 'goals');
    expect(Object.keys(map.get('goals') as object)).toContain('web-out');
    const revision = map.get('revision') as number;
    lab.doc.transact(() => lab.doc.getMap('lab').set('hypervisor', 'bogus'), 'a');
    await waitFor(() => (map.get('revision') as number) > revision, 10_000, 'a new revision');
    expect(map.get('goals')).toEqual({});
    expect(map.get('diagnostics')).toContainEqual(
      expect.objectContaining({
        code: 'invalid-lab',
        severity: 'error',
        params: expect.objectContaining({ path: 'hypervisor' }),
      }),
    );
  });

  it('[SYNC-3] never applies nor relays a client write to the results document', async () => {
    const { room, token } = await server.createRoom(example);
    const writer = connect(`${room}:results`, token);
    const reader = connect(`${room}:results`, token);
    await whenSynced(writer);
    await whenSynced(reader);
    writer.doc.transact(
      () => writer.doc.getMap<unknown>(RESULTS_ROOT).set('goals', { forged: { met: true } }),
      'x',
    );
    // An edit to the lab afterwards proves the pipe is flowing past the forged write.
    const lab = connect(room, token);
    await whenSynced(lab);
    lab.doc.transact(() => lab.doc.getMap('lab').set('title', 'after'), 'a');
    const before = (reader.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0;
    await waitFor(() => ((reader.doc.getMap(RESULTS_ROOT).get('revision') as number) ?? 0) > before);
    expect(reader.doc.getMap(RESULTS_ROOT).get('goals')).not.toHaveProperty('forged');
    const api = await fetch(`${server.httpUrl}/api/labs/${room}/results`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await api.json()) as { goals: object }).goals).not.toHaveProperty('forged');
  });

  it('[SYNC-2] relays awareness between clients of a room', async () => {
    const { room, token } = await server.createRoom();
    const a = connect(room, token);
    const b = connect(room, token);
    await whenSynced(a);
    await whenSynced(b);
    a.provider.awareness.setLocalStateField('user', { name: 'ada' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'ada');
  });
});

describe('auth before the upgrade', () => {
  it('[AUTH-1] answers 401 without a token and 403 with a wrong one, opens no socket, and logs each rejection', async () => {
    await server.stop();
    const logged: { event: string; fields: Record<string, unknown> }[] = [];
    server = await startTestServer({ log: (event, fields = {}) => logged.push({ event, fields }) });
    const { room } = await server.createRoom();
    expect(await upgradeStatus(`${server.wsUrl}/sync/${room}`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/sync/${room}?token=wrong`)).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/sync/${room}:results?token=wrong`)).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/sync/nosuchroom?token=wrong`)).toBe(404);
    expect(server.websocketServer.clients.size).toBe(0);
    const rejections = logged.filter(({ event }) => event === 'sync-rejected').map(({ fields }) => fields);
    expect(rejections).toHaveLength(4);
    expect(rejections[0]).toMatchObject({ room, kind: 'lab', status: 401, remote: '127.0.0.1' });
    expect(rejections[2]).toMatchObject({ room, kind: 'results', status: 403 });
  });
});

describe('hostile input closes that connection only, and the room goes on', () => {
  async function roomWithTwoClients() {
    const { room, token } = await server.createRoom(example);
    const a = connect(room, token);
    const b = connect(room, token);
    await whenSynced(a);
    await whenSynced(b);
    return { room, token, a, b };
  }

  async function stillRelays(a: SyncClient, b: SyncClient, title: string) {
    a.doc.transact(() => a.doc.getMap('lab').set('title', title), 'a');
    await waitFor(() => readLab(b.doc).title === title, 5000, 'relay after the hostile client');
  }

  const cases: [string, Uint8Array | string, number][] = [
    ['random bytes', Uint8Array.from([0xff, 0xfe, 0x13, 0x37, 0x00, 0x99, 0x42]), InvalidMessage.code],
    ['a truncated sync message', Uint8Array.from([0, 2, 50, 1, 2, 3]), InvalidMessage.code],
    ['an unknown message type', Uint8Array.from([7, 0]), InvalidMessage.code],
    ['an unknown sync type', Uint8Array.from([0, 9, 0]), InvalidMessage.code],
    ['an update of garbage', encodeUpdate(Uint8Array.from([5, 200, 1, 3, 3, 3, 3])), InvalidMessage.code],
    ['a text frame', 'hello', UnsupportedData.code],
    ['a message over the size limit', new Uint8Array(65 * 1024), MessageTooBig.code],
  ];

  for (const [what, frame, code] of cases) {
    it(`[HOSTILE-1] [HOSTILE-2] closes a socket that sends ${what} with ${code}`, async () => {
      const { room, token, a, b } = await roomWithTwoClients();
      const raw = await openRawSocket(server.wsUrl, room, token);
      raw.ws.send(frame);
      expect((await raw.closed).code).toBe(code);
      await stillRelays(a, b, `after ${what}`);
    });
  }

  it('[HOSTILE-3] refuses updates that would grow the document past its limit (DocumentTooLarge)', async () => {
    await server.stop();
    server = await startTestServer({ limits: { maxDocBytes: 16 * 1024, maxMessageBytes: 64 * 1024 } });
    const { room, token, a, b } = await roomWithTwoClients();
    const raw = await openRawSocket(server.wsUrl, room, token);
    const big = new Y.Doc();
    big.getMap('lab').set('blob', new Array(20).fill('x'.repeat(1024)));
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(big)));
    expect((await raw.closed).code).toBe(4422);
    await stillRelays(a, b, 'after a too large document');
  });
});

describe('idle rooms', () => {
  it('[STORE-4] unloads a room nobody uses and reloads it when a client comes back', async () => {
    await server.stop();
    server = await startTestServer({ idleMs: 50 });
    const { room, token } = await server.createRoom(example);
    const first = connect(room, token);
    await whenSynced(first);
    first.doc.transact(() => first.doc.getMap('lab').set('title', 'before unload'), 'a');
    await waitFor(() => server.rooms.isLoaded(room) && readLab(first.doc).title === 'before unload');
    first.provider.disconnect();
    await waitFor(() => !server.rooms.isLoaded(room), 5000, 'the room to unload');
    const second = connect(room, token);
    await whenSynced(second);
    expect(readLab(second.doc).title).toBe('before unload');
    expect(server.rooms.isLoaded(room)).toBe(true);
  });
});

describe('heartbeat', () => {
  it('[HOSTILE-5] terminates a socket that stops answering pings, and keeps one that answers', async () => {
    await server.stop();
    server = await startTestServer({ heartbeatMs: 50 });
    const { room, token } = await server.createRoom();
    const url = `${server.wsUrl}/sync/${room}?token=${token}`;
    const silent = new WebSocket(url, { autoPong: false });
    const answering = new WebSocket(url);
    const silentClosed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    let answeringClosed = false;
    answering.on('close', () => {
      answeringClosed = true;
    });
    // Counted in pings, not in milliseconds: each ping after the first is sent only once the
    // answer to the one before was checked, so five pings are four checks it passed.
    let pings = 0;
    answering.on('ping', () => pings++);
    await new Promise((resolve) => answering.on('open', resolve));
    expect(await silentClosed).toBe(1006);
    await waitFor(() => pings >= 5 || answeringClosed, 10_000, 'five pings answered');
    expect(answeringClosed).toBe(false);
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
  });
});
