/**
 * The edges of the server, over real sockets: the frame limit answered before ws' own,
 * sockets per room and per address, security headers, JSON-only bodies, the Origin of
 * browsers' requests, and what /api/health tells a stranger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWorkerPool } from '../engine/workerPool';
import { CONTENT_SECURITY_POLICY } from '../http/security';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { HEAVY_UPDATE_BYTES } from '../sync/heavyTurns';
import { connectClient, openRawSocket, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function upgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('error', () => {});
  });
}

describe('edges', () => {
  it('[HOSTILE-15] a frame over ws’ own cap is closed with the server’s final 4413, not 1009', async () => {
    server = await startTestServer({ limits: { maxMessageBytes: 64 * 1024 } });
    const { room, token } = await server.createRoom();
    const raw = await openRawSocket(server.wsUrl, room, token);
    raw.ws.send(new Uint8Array(10 * 64 * 1024));
    expect((await raw.closed).code).toBe(4413);
  });

  it('[HOSTILE-16] sockets per room and per address are capped before the upgrade (429)', async () => {
    server = await startTestServer({ limits: { maxSocketsPerRoom: 3, maxSocketsPerAddress: 5 } });
    const one = await server.createRoom();
    const two = await server.createRoom();
    const url = (room: { room: string; token: string }) =>
      `${server?.wsUrl}/sync/${room.room}?token=${room.token}`;
    const open: WebSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const { status, ws } = await upgrade(url(one));
      expect(status).toBe(101);
      if (ws) open.push(ws);
    }
    expect((await upgrade(url(one))).status).toBe(429);
    for (let i = 0; i < 2; i++) {
      const { status, ws } = await upgrade(url(two));
      expect(status).toBe(101);
      if (ws) open.push(ws);
    }
    expect((await upgrade(url(two))).status).toBe(429); // six from one address
    open.pop()?.close();
    await waitFor(() => (server?.websocketServer.clients.size ?? 0) === 4);
    const again = await upgrade(url(two));
    expect(again.status).toBe(101);
    again.ws?.close();
    for (const ws of open) ws.close();
  });

  it('[HOSTILE-17] every page and answer carries the security headers', async () => {
    server = await startTestServer();
    for (const path of ['/api/health', '/api/labs/nope', '/r/x', '/']) {
      const response = await fetch(`${server.httpUrl}${path}`);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(CONTENT_SECURITY_POLICY).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('[HOSTILE-18] a cross-origin text/plain POST creates no room; JSON from the page’s own origin does', async () => {
    server = await startTestServer();
    const text = await fetch(`${server.httpUrl}/api/labs`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"format":"vnetlab/1","vms":{}}',
    });
    expect(text.status).toBe(415);
    const foreign = await fetch(`${server.httpUrl}/api/labs`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${server.httpUrl}/api/labs`, {
      method: 'POST',
      headers: { Origin: server.httpUrl, 'Content-Type': 'application/json' },
      body: '{"format":"vnetlab/1","vms":{}}',
    });
    expect(own.status).toBe(201);
    expect((await fetch(`${server.httpUrl}/api/labs`, { method: 'POST' })).status).toBe(201); // no body, no Origin
  });

  it('[HOSTILE-19] the WebSocket Origin must be the server’s own or one allowed (VNETLAB_ORIGINS)', async () => {
    server = await startTestServer({ allowedOrigins: 'http://localhost:5173' });
    const { room, token } = await server.createRoom();
    const url = `${server.wsUrl}/sync/${room}?token=${token}`;
    expect((await upgrade(url, { Origin: 'https://evil.example' })).status).toBe(403);
    for (const origin of [server.httpUrl, 'http://localhost:5173']) {
      const { status, ws } = await upgrade(url, { Origin: origin });
      expect(status).toBe(101);
      ws?.close();
    }
  });

  it('[API-5] [ENGINE-9] a lab with 500 bad keys answers 400 listing 100 errors and how many more', async () => {
    server = await startTestServer();
    const lab: Record<string, unknown> = { format: 'vnetlab/1' };
    for (let i = 0; i < 500; i++) lab[`bad${i}`] = i;
    const response = await fetch(`${server.httpUrl}/api/labs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(lab),
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(errors).toHaveLength(101);
    expect(errors.at(-1)).toEqual({ path: '', message: 'and 400 more' });
  });

  it('[HOSTILE-26] a big lab body is checked in an engine worker: its errors and its rooms are as for a small one', async () => {
    const pool = createWorkerPool({ size: 1, log: silentLogger });
    try {
      const checked: number[] = [];
      server = await startTestServer({
        checkLab: (text, build) => {
          checked.push(text.length);
          return pool.checkLab(text, build);
        },
      });
      // Past 32 KB (HEAVY_BODY_CHARS): the worker checks it, the route writes it.
      const bad: Record<string, unknown> = { format: 'vnetlab/1' };
      for (let i = 0; i < 500; i++) bad[`bad${i}`] = 'b'.repeat(100);
      expect(JSON.stringify(bad).length).toBeGreaterThan(32 * 1024);
      const post = (body: unknown) =>
        fetch(`${server?.httpUrl}/api/labs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const refused = await post(bad);
      expect(refused.status).toBe(400);
      const { errors } = (await refused.json()) as { errors: { path: string; message: string }[] };
      expect(errors).toHaveLength(101);
      expect(errors.at(-1)).toEqual({ path: '', message: 'and 400 more' });
      const vms = Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [`vm${i}`, { name: `machine ${i} ${'n'.repeat(150)}` }]),
      );
      const created = await post({ format: 'vnetlab/1', vms });
      expect(created.status).toBe(201);
      const { room, token } = (await created.json()) as { room: string; token: string };
      const lab = await fetch(`${server.httpUrl}/api/labs/${room}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(Object.keys(((await lab.json()) as { vms: object }).vms)).toHaveLength(200);
      // Both bodies went to the worker; a small one does not.
      expect(checked).toHaveLength(2);
      expect((await post({ format: 'vnetlab/1' })).status).toBe(201);
      expect(checked).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('[HOSTILE-29] the largest allowed lab POSTed is built in the worker and stored in steps; the room reads it back whole, computes and edits', async () => {
    const pool = createWorkerPool({ size: 1, log: silentLogger });
    const store = createMemoryStore();
    const built: boolean[] = [];
    const client = { destroy: () => {} };
    try {
      server = await startTestServer({
        store,
        checkLab: (text, build) => {
          built.push(build === true);
          return pool.checkLab(text, build);
        },
      });
      const vms = Object.fromEntries(
        Array.from({ length: 1000 }, (_, i) => [
          `vm${i}`,
          {
            name: `machine ${i} ${'n'.repeat(100)}`,
            adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }],
          },
        ]),
      );
      const posted = {
        format: 'vnetlab/1',
        natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } },
        vms,
      };
      const { room, token } = await server.createRoom(posted);
      expect(built).toEqual([true]);
      // Stored as the worker's steps, none of them the whole lab (writeLab stored one of ~230 KB).
      const stored = store.load(room);
      expect(stored.bytes).toBeGreaterThan(HEAVY_UPDATE_BYTES);
      expect(stored.updates.length).toBeGreaterThan(5);
      for (const update of stored.updates) expect(update.byteLength).toBeLessThan(HEAVY_UPDATE_BYTES / 2);
      const headers = { Authorization: `Bearer ${token}` };
      const lab = await fetch(`${server.httpUrl}/api/labs/${room}`, { headers });
      expect(await lab.json()).toEqual(posted);
      const results = await fetch(`${server.httpUrl}/api/labs/${room}/results`, { headers });
      const { machines } = (await results.json()) as { machines: object };
      expect(Object.keys(machines).length).toBeGreaterThan(0);
      const editor = connectClient(server.wsUrl, room, token);
      client.destroy = () => editor.destroy();
      await whenSynced(editor);
      editor.doc.getMap('lab').set('title', 'edited');
      const labUrl = `${server.httpUrl}/api/labs/${room}`;
      const title = async () =>
        ((await (await fetch(labUrl, { headers })).json()) as { title?: string }).title;
      await expect.poll(title, { timeout: 10_000 }).toBe('edited');
    } finally {
      client.destroy();
      await pool.close();
    }
  });

  it('[HOSTILE-26] [API-3] a big PUT is checked in an engine worker too, and writes only what differs: a connected client gets one machine, not the lab', async () => {
    const pool = createWorkerPool({ size: 1, log: silentLogger });
    const client = { destroy: () => {} };
    try {
      const checked: number[] = [];
      server = await startTestServer({
        checkLab: (text, build) => {
          checked.push(text.length);
          return pool.checkLab(text, build);
        },
      });
      const vms: Record<string, unknown> = {};
      for (let i = 0; i < 200; i++) vms[`vm${i}`] = { name: `machine ${i} ${'n'.repeat(150)}` };
      const lab = { format: 'vnetlab/1', vms };
      const { room, token } = await server.createRoom(lab);
      const synced = connectClient(server.wsUrl, room, token);
      client.destroy = () => synced.destroy();
      await whenSynced(synced);
      const received: number[] = [];
      synced.doc.on('update', (update: Uint8Array) => received.push(update.byteLength));
      const put = (body: unknown) =>
        fetch(`${server?.httpUrl}/api/labs/${room}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      const edited = { ...lab, vms: { ...vms, vm42: { name: 'renamed' } } };
      expect((await put(edited)).status).toBe(200);
      await waitFor(() => received.length > 0, 15_000, 'the PUT reaching the client');
      const got = await fetch(`${server.httpUrl}/api/labs/${room}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(await got.json()).toEqual(edited);
      // The worker checked the POSTed body and the PUT one; the client got one machine's change.
      expect(checked).toHaveLength(2);
      expect(received.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThan(JSON.stringify(lab).length / 50);
    } finally {
      client.destroy();
      await pool.close();
    }
  });

  it('[API-6] /api/health counts rooms only for the operator’s token', async () => {
    server = await startTestServer({ healthToken: 'operator-secret' });
    await server.createRoom();
    expect(await (await fetch(`${server.httpUrl}/api/health`)).json()).toEqual({ ok: true });
    const asked = await fetch(`${server.httpUrl}/api/health`, {
      headers: { Authorization: 'Bearer operator-secret' },
    });
    expect(await asked.json()).toEqual({
      ok: true,
      rooms: 1,
      bytes: expect.any(Number),
      computations: expect.any(Number),
      store: 'memory',
      storeState: 'ok',
    });
  });
});
