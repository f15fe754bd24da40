import { type JsonObject, readLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { type ClassServer, join, type OpenedClass, openClass, scenario, startClassServer } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
const logged: { event: string; fields: Record<string, unknown> }[] = [];
const connect = async (room: string, token: string) => {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  await whenSynced(client);
  return client;
};

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  logged.length = 0;
  await server.dispose();
});

const lockedNat: JsonObject = {
  ...scenario('seed-2-nat'),
  locked: ['vms.vm1.adapters[0].mode', 'vms.*.listen'],
};

async function classWithPair(lab: JsonObject = lockedNat) {
  server = await startClassServer({ log: (event, fields = {}) => logged.push({ event, fields }) });
  const opened = await openClass(server);
  const ana = await join(server, opened.joinCode, 'ana');
  const bo = await join(server, opened.joinCode, 'bo');
  await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, { lab });
  const a = await connect(ana.room, ana.token);
  const b = await connect(bo.room, bo.token);
  return { opened, ana, bo, a, b };
}

function adapter(doc: Y.Doc, vm: string): Y.Map<unknown> {
  const vms = doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>;
  const machine = vms.get(vm);
  if (!machine) throw new Error(`no VM ${vm}`);
  return (machine.get('adapters') as Y.Array<Y.Map<unknown>>).get(0);
}

const modeOf = (doc: Y.Doc, vm: string) =>
  (readLab(doc).vms as Record<string, { adapters: { mode: string }[] }>)[vm]?.adapters[0]?.mode;

describe('locks enforced by the server', () => {
  it('[CLASS-6] a write to a locked path is undone by a server transaction and logged; the rest of the update stands', async () => {
    const { ana, a, b } = await classWithPair();
    a.doc.transact(() => {
      adapter(a.doc, 'vm1').set('mode', 'bridged');
      adapter(a.doc, 'vm2').set('mode', 'natnetwork');
      a.doc.getMap('lab').set('title', 'renamed');
    }, 'ana');
    await waitFor(() => readLab(b.doc).title === 'renamed', 10_000, 'the free edit');
    await waitFor(() => modeOf(a.doc, 'vm1') === 'nat', 10_000, 'the writer sees the lock restored');
    expect(modeOf(b.doc, 'vm1')).toBe('nat');
    expect(modeOf(b.doc, 'vm2')).toBe('natnetwork');
    const lab = (await server.api('GET', `/api/labs/${ana.room}`, ana.token)).body as JsonObject;
    expect(modeOf(a.doc, 'vm1')).toBe('nat');
    expect((lab.vms as Record<string, { adapters: { mode: string }[] }>).vm1?.adapters[0]?.mode).toBe('nat');
    const entry = logged.find(({ event }) => event === 'write-compensated');
    expect(entry?.fields).toMatchObject({
      room: ana.room,
      access: 'student',
      paths: ['vms.vm1.adapters[0].mode'],
    });
    // Not jammed: the writer's next edit reaches the partner.
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'again'), 'ana');
    await waitFor(() => readLab(b.doc).title === 'again', 10_000, 'a later edit');
  });

  it('[CLASS-6] wildcards lock every match; deleting a locked VM brings it back; goals and locked are locked too', async () => {
    const { a, b } = await classWithPair();
    a.doc.transact(() => {
      (a.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>).get('vm2')?.set('listen', ['tcp/80']);
    }, 'ana');
    await waitFor(() => logged.some(({ event }) => event === 'write-compensated'), 10_000, 'compensation');
    await waitFor(
      () =>
        JSON.stringify((readLab(a.doc).vms as JsonObject).vm2) ===
        JSON.stringify((lockedNat.vms as JsonObject).vm2),
    );
    a.doc.transact(() => (a.doc.getMap('lab').get('vms') as Y.Map<unknown>).delete('vm1'), 'ana');
    a.doc.transact(() => a.doc.getMap('lab').delete('goals'), 'ana');
    a.doc.transact(() => a.doc.getMap('lab').set('locked', []), 'ana');
    a.doc.transact(() => a.doc.getMap('lab').set('text', 'free to change'), 'ana');
    await waitFor(() => readLab(b.doc).text === 'free to change', 10_000, 'the last edit');
    await waitFor(() => modeOf(b.doc, 'vm1') === 'nat' && modeOf(a.doc, 'vm1') === 'nat', 10_000, 'vm1 back');
    expect(readLab(b.doc).goals).toEqual(lockedNat.goals);
    expect(readLab(a.doc).locked).toEqual(lockedNat.locked);
  });

  it('[CLASS-6] the instructor changes locked paths freely', async () => {
    const { opened, ana, b } = await classWithPair();
    const teacher = await connect(ana.room, opened.instructorToken);
    teacher.doc.transact(() => adapter(teacher.doc, 'vm1').set('mode', 'hostonly'), 'teacher');
    await waitFor(() => modeOf(b.doc, 'vm1') === 'hostonly', 10_000, 'the instructor edit');
    expect(logged.some(({ event }) => event === 'write-compensated')).toBe(false);
  });

  it('[CLASS-7] the stage is read-only for students: their writes are restored, the instructor’s stand', async () => {
    const { opened, ana } = await classWithPair();
    await server.api('POST', `/api/classes/${opened.class}/stage`, opened.instructorToken, {
      scenario: 'seed-2-nat',
    });
    const student = await connect(opened.stageRoom, ana.token);
    const teacher = await connect(opened.stageRoom, opened.instructorToken);
    student.doc.transact(() => student.doc.getMap('lab').set('title', 'graffiti'), 'ana');
    await waitFor(() =>
      logged.some(({ event, fields }) => event === 'write-compensated' && fields.access === 'read'),
    );
    await waitFor(
      () => readLab(student.doc).title === scenario('seed-2-nat').title,
      10_000,
      'restored for the writer',
    );
    expect(readLab(teacher.doc).title).toBe(scenario('seed-2-nat').title);
    teacher.doc.transact(() => teacher.doc.getMap('lab').set('title', 'today'), 'teacher');
    await waitFor(() => readLab(student.doc).title === 'today', 10_000, 'the instructor edit');
  });

  it('[CLASS-7] the spotlight lets every student read a group room, live, and write nothing there', async () => {
    server = await startClassServer({ log: (event, fields = {}) => logged.push({ event, fields }) });
    const opened: OpenedClass = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy');
    expect((await server.api('GET', `/api/labs/${ana.room}`, cy.token)).status).toBe(403);
    const spot = await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: 1,
      anonymize: true,
    });
    expect(spot.body).toMatchObject({ spotlight: { group: 1, room: ana.room, members: null } });
    const stage = await server.api('GET', `/api/classes/${opened.class}/stage`, cy.token);
    expect(stage.body).toMatchObject({
      stageRoom: opened.stageRoom,
      spotlight: { room: ana.room, anonymize: true },
    });
    const watcher = await connect(ana.room, cy.token);
    const a = await connect(ana.room, ana.token);
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'live'), 'ana');
    await waitFor(() => readLab(watcher.doc).title === 'live', 10_000, 'the spotlight is live');
    watcher.doc.transact(() => watcher.doc.getMap('lab').set('title', 'not mine'), 'cy');
    await waitFor(() => logged.some(({ event }) => event === 'write-compensated'));
    await waitFor(() => readLab(a.doc).title === 'live' && readLab(watcher.doc).title === 'live');
    const named = await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: 1,
    });
    expect(named.body).toMatchObject({ spotlight: { members: ['ana', 'bo'] } });
    await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: null,
    });
    expect((await server.api('GET', `/api/labs/${ana.room}`, cy.token)).status).toBe(403);
  });

  it('[CLASS-9] pausing the class makes every room read-only for students until resumed', async () => {
    const { opened, a, b } = await classWithPair();
    await server.api('POST', `/api/classes/${opened.class}/pause`, opened.instructorToken);
    const me = await server.api('GET', `/api/classes/${opened.class}/me`, opened.instructorToken);
    expect(me.body).toMatchObject({ paused: true });
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'during the pause'), 'ana');
    await waitFor(() =>
      logged.some(({ event, fields }) => event === 'write-compensated' && fields.paused === true),
    );
    await waitFor(() => readLab(a.doc).title === lockedNat.title && readLab(b.doc).title === lockedNat.title);
    await server.api('POST', `/api/classes/${opened.class}/resume`, opened.instructorToken);
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'after the pause'), 'ana');
    await waitFor(() => readLab(b.doc).title === 'after the pause', 10_000, 'editable again');
  });
});
