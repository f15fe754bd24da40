import { readLab } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { JOIN_CODE_ALPHABET, normalizeJoinCode } from './joinCode';
import { type ClassServer, join, openClass, startClassServer } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
const connect = (room: string, token: string) => {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  return client;
};

beforeEach(async () => {
  server = await startClassServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('open', () => reject(new Error('socket opened')));
    ws.on('error', () => {});
  });
}

describe('classes and groups', () => {
  it('[CLASS-1] opens a class with an instructor link and a join code easy to read aloud', async () => {
    const opened = await openClass(server, { title: 'Networks 101', groupSize: 3 });
    expect(opened.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(opened.joinCode).not.toMatch(/[01OIl]/);
    expect(opened.url).toBe(`/c/${opened.class}?token=${encodeURIComponent(opened.instructorToken)}`);
    const summary = await server.api('GET', `/api/classes/${opened.class}/summary`, opened.instructorToken);
    expect(summary.body).toMatchObject({ title: 'Networks 101', groupSize: 3, joinCode: opened.joinCode });
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIl]/);
    expect(normalizeJoinCode(` ${opened.joinCode.replace('-', '').toLowerCase()} `)).toBe(opened.joinCode);
  });

  it('[CLASS-1] refuses a bad body naming the field', async () => {
    const bad = await server.api('POST', '/api/classes', undefined, { groupSize: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ path: 'groupSize' }] });
  });

  it('[HOSTILE-11] a broadcast past the bounds of a lab is refused naming the path; no class body is read past 4 MiB', async () => {
    const opened = await openClass(server);
    const vms = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`vm${i}`, {}]));
    const tooMany = await server.api(
      'POST',
      `/api/classes/${opened.class}/broadcast`,
      opened.instructorToken,
      {
        lab: { format: 'vnetlab/1', vms },
      },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ errors: [{ path: 'lab.vms' }] });
    const longTitle = await server.api('POST', `/api/classes/${opened.class}/stage`, opened.instructorToken, {
      lab: { format: 'vnetlab/1', title: 'x'.repeat(5000), vms: {} },
    });
    expect(longTitle.body).toMatchObject({ errors: [{ path: 'lab.title' }] });
    // Anyone may ask to join: the body is refused before it is read whole.
    const huge = await server.api('POST', '/api/classes/join', undefined, {
      code: 'x',
      name: 'n'.repeat(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it('[CLASS-2] fills groups up to groupSize in join order, each group one room', async () => {
    const opened = await openClass(server);
    const joined = [];
    for (const name of ['ana', 'bo', 'cy', 'di', 'ed'])
      joined.push(await join(server, opened.joinCode.toLowerCase(), name));
    expect(joined.map((student) => student.group)).toEqual([1, 1, 2, 2, 3]);
    expect(joined[0]?.room).toBe(joined[1]?.room);
    expect(new Set(joined.map((student) => student.room)).size).toBe(3);
    expect(joined[0]?.url).toBe(
      `/r/${joined[0]?.room}?token=${encodeURIComponent(joined[0]?.token ?? '')}&class=${opened.class}&name=ana`,
    );
    const wrong = await server.api('POST', '/api/classes/join', undefined, { code: 'ZZZ-ZZZ', name: 'x' });
    expect(wrong.status).toBe(404);
    const noName = await server.api('POST', '/api/classes/join', undefined, {
      code: opened.joinCode,
      name: ' ',
    });
    expect(noName.body).toMatchObject({ errors: [{ path: 'name' }] });
  });

  it("[CLASS-3] a student edits their group's room, reads the stage, and never opens another group's room", async () => {
    const opened = await openClass(server);
    const [ana, bo, cy] = [
      await join(server, opened.joinCode, 'ana'),
      await join(server, opened.joinCode, 'bo'),
      await join(server, opened.joinCode, 'cy'),
    ];
    if (!ana || !bo || !cy) throw new Error('joins');
    const a = connect(ana.room, ana.token);
    const b = connect(bo.room, bo.token);
    await whenSynced(a);
    await whenSynced(b);
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'ours'), 'ana');
    await waitFor(() => readLab(b.doc).title === 'ours', 10_000, 'the partner sees the edit');
    // Another group's room: refused before the upgrade, on sync and on the API.
    expect(await upgradeStatus(`${server.wsUrl}/sync/${ana.room}?token=${cy.token}`)).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/sync/${ana.room}:results?token=${cy.token}`)).toBe(403);
    expect((await server.api('GET', `/api/labs/${ana.room}`, cy.token)).status).toBe(403);
    // The stage: readable by every student.
    expect((await server.api('GET', `/api/labs/${opened.stageRoom}`, cy.token)).status).toBe(200);
    const stage = connect(opened.stageRoom, cy.token);
    await whenSynced(stage);
    // Replacing a lab wholesale is the instructor's.
    expect(
      (await server.api('PUT', `/api/labs/${ana.room}`, ana.token, { format: 'vnetlab/1' })).status,
    ).toBe(403);
    // The instructor reads and writes every room of the class.
    const teacher = connect(cy.room, opened.instructorToken);
    await whenSynced(teacher);
    const c = connect(cy.room, cy.token);
    await whenSynced(c);
    teacher.doc.transact(() => teacher.doc.getMap('lab').set('title', 'from the instructor'), 'teacher');
    await waitFor(() => readLab(c.doc).title === 'from the instructor', 10_000, 'the instructor edit');
    expect(
      (await server.api('PUT', `/api/labs/${ana.room}`, opened.instructorToken, { format: 'vnetlab/1' }))
        .status,
    ).toBe(200);
    // A token of another class opens nothing here.
    const other = await openClass(server);
    const stranger = await join(server, other.joinCode, 'zed');
    expect(await upgradeStatus(`${server.wsUrl}/sync/${opened.stageRoom}?token=${stranger.token}`)).toBe(403);
    expect(
      (await server.api('GET', `/api/classes/${opened.class}/progress`, other.instructorToken)).status,
    ).toBe(403);
    expect((await server.api('GET', `/api/classes/${opened.class}/progress`, ana.token)).status).toBe(403);
    expect((await server.api('GET', `/api/classes/${opened.class}/progress`)).status).toBe(401);
  });

  it("[CLASS-3] a student's socket on another group's room is refused before it opens, and logged", async () => {
    const logged: { event: string; fields: Record<string, unknown> }[] = [];
    await server.dispose();
    server = await startClassServer({ log: (event, fields = {}) => logged.push({ event, fields }) });
    const opened = await openClass(server, { groupSize: 1 });
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    expect(bo.room).not.toBe(ana.room);
    expect(await upgradeStatus(`${server.wsUrl}/sync/${ana.room}?token=${bo.token}`)).toBe(403);
    expect(logged).toContainEqual({
      event: 'sync-rejected',
      fields: expect.objectContaining({
        room: ana.room,
        status: 403,
        reason: "this is another group's room",
      }),
    });
  });

  it('[CLASS-4] the instructor moves a student: their old sockets close (4403) and their token opens the new room', async () => {
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy');
    const a = connect(ana.room, ana.token);
    await whenSynced(a);
    const closed = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    const moved = await server.api(
      'POST',
      `/api/classes/${opened.class}/members/${ana.member}/move`,
      opened.instructorToken,
      {
        group: 2,
      },
    );
    expect(moved.body).toMatchObject({ group: 2, room: cy.room });
    expect(await closed).toBe(4403);
    expect(await upgradeStatus(`${server.wsUrl}/sync/${ana.room}?token=${ana.token}`)).toBe(403);
    const again = connect(cy.room, ana.token);
    await whenSynced(again);
    const me = await server.api('GET', `/api/classes/${opened.class}/me`, ana.token);
    expect(me.body).toMatchObject({ group: 2, room: cy.room, name: 'ana' });
    const nowhere = await server.api(
      'POST',
      `/api/classes/${opened.class}/members/${ana.member}/move`,
      opened.instructorToken,
      {
        group: 9,
      },
    );
    expect(nowhere.status).toBe(400);
  });

  it('[CLASS-8] 60 students behind one address join; anonymous room creation stays capped per address', async () => {
    const opened = await openClass(server, { groupSize: 3 });
    const statuses: number[] = [];
    for (let index = 0; index < 60; index++) {
      const response = await server.api('POST', '/api/classes/join', undefined, {
        code: opened.joinCode,
        name: `s${index}`,
      });
      statuses.push(response.status);
    }
    expect(statuses.every((status) => status === 201)).toBe(true);
    const summary = await server.api<{ groups: unknown[] }>(
      'GET',
      `/api/classes/${opened.class}/summary`,
      opened.instructorToken,
    );
    expect(summary.body.groups).toHaveLength(20);
    const labs: number[] = [];
    for (let index = 0; index < 21; index++) labs.push((await server.api('POST', '/api/labs')).status);
    expect(labs.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});
