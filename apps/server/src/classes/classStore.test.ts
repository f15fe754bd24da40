/**
 * The class store contract, against every store (SQLite and a real PostgreSQL): classes,
 * groups, members, the lesson state, generations and prediction rounds, as the routes
 * rely on them, and across reopening.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type OpenedStore, STORE_BACKENDS } from '../testing/storeBackends';
import type { ClassStore } from './classStore';
import { type ClassRecord, INITIAL_STATE, type MemberRecord } from './types';

const klass: ClassRecord = {
  id: 'c1',
  title: 'Networks 101',
  groupSize: 2,
  joinCode: 'ABC-DEF',
  instructorHash: 'ih',
  stageRoom: 'stage1',
  createdAt: 1_764_000_000_000,
  scenario: null,
  state: INITIAL_STATE,
};

const member = (id: string, group: number, joinedAt: number): MemberRecord => ({
  id,
  classId: 'c1',
  name: `name ${id}`,
  tokenHash: `th-${id}`,
  group,
  joinedAt,
  handRaisedAt: null,
});

describe.each(STORE_BACKENDS)('$name class store', (backend) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  async function classes(): Promise<ClassStore> {
    opened = await backend.open();
    const store = opened.store.classes;
    if (!store) throw new Error('no class store');
    return store;
  }

  it('[CLASS-1] [CLASS-2] keeps classes, groups and members, in joining order', async () => {
    const store = await classes();
    await store.createClass(klass);
    await store.addGroup({ classId: 'c1', group: 1, room: 'g1' });
    await store.addGroup({ classId: 'c1', group: 2, room: 'g2' });
    // Two in the same millisecond stay in the order they joined.
    for (const next of [member('m1', 1, 5), member('m2', 1, 5), member('m3', 2, 6)])
      await store.addMember(next);
    expect(await store.getClass('c1')).toEqual(klass);
    expect(await store.classByCode('ABC-DEF')).toEqual(klass);
    expect(await store.classByCode('ZZZ-ZZZ')).toBeUndefined();
    expect(await store.groups('c1')).toEqual([
      { classId: 'c1', group: 1, room: 'g1' },
      { classId: 'c1', group: 2, room: 'g2' },
    ]);
    expect((await store.members('c1')).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(await store.memberByTokenHash('th-m2')).toEqual(member('m2', 1, 5));
    expect(await store.getMember('nobody')).toBeUndefined();
    expect(await store.placeOfRoom('g2')).toEqual({ kind: 'group', classId: 'c1', group: 2 });
    expect(await store.placeOfRoom('stage1')).toEqual({ kind: 'stage', classId: 'c1' });
    expect(await store.placeOfRoom('elsewhere')).toBeUndefined();
    await expect(
      (async () => store.addMember({ ...member('m4', 1, 7), tokenHash: 'th-m1' }))(),
    ).rejects.toThrow();
  });

  it('[CLASS-4] [CLASS-10] moves, hands, the lesson state, the last green and last edits survive reopening', async () => {
    let store = await classes();
    await store.createClass(klass);
    await store.addGroup({ classId: 'c1', group: 1, room: 'g1' });
    await store.addMember(member('m1', 1, 5));
    await store.moveMember('m1', 2);
    await store.setHand('m1', 1_764_000_000_123);
    const state = { ...INITIAL_STATE, paused: true, spotlight: { group: 1, anonymize: true } };
    await store.updateState('c1', () => state);
    await store.setScenario('c1', { format: 'vnetlab/1', vms: {} });
    await store.setLastGreen('g1', 1_764_000_000_456);
    await store.setLastEdit('g1', 'm1', { path: 'vms.vm1.name', vm: 'vm1', at: 1_764_000_000_500 });
    await store.setLastEdit('g1', 'm1', { path: 'host.os', vm: null, at: 1_764_000_000_600 });
    store = (await (opened as OpenedStore).reopen()).classes as ClassStore;
    expect(await store.getMember('m1')).toMatchObject({ group: 2, handRaisedAt: 1_764_000_000_123 });
    expect(await store.getClass('c1')).toMatchObject({ state, scenario: { format: 'vnetlab/1', vms: {} } });
    expect(await store.lastGreen('g1')).toBe(1_764_000_000_456);
    expect(await store.lastGreen('nowhere')).toBeNull();
    expect([...(await store.lastEdits('g1'))]).toEqual([
      ['m1', { path: 'host.os', vm: null, at: 1_764_000_000_600 }],
    ]);
    expect((await store.lastEdits('nowhere')).size).toBe(0);
    await store.setHand('m1', null);
    expect((await store.getMember('m1'))?.handRaisedAt).toBeNull();
  });

  it('lists only the classes with a fault on a timer, to re-arm after a restart', async () => {
    let store = await classes();
    await store.createClass(klass);
    await store.createClass({ ...klass, id: 'c2', joinCode: 'GHI-JKL', stageRoom: 'stage2' });
    await store.createClass({ ...klass, id: 'c3', joinCode: 'MNO-PQR', stageRoom: 'stage3' });
    expect(await store.classesWithPendingFaults()).toEqual([]);
    const pending = { id: 'p1', fault: 'fault-dns', groups: null, at: 1_764_000_060_000 };
    await store.updateState('c2', () => ({ pendingFaults: [pending] }));
    await store.updateState('c3', () => ({ paused: true }));
    store = (await (opened as OpenedStore).reopen()).classes as ClassStore;
    expect((await store.classesWithPendingFaults()).map((c) => [c.id, c.state.pendingFaults])).toEqual([
      ['c2', [pending]],
    ]);
    await store.updateState('c2', () => INITIAL_STATE);
    expect(await store.classesWithPendingFaults()).toEqual([]);
  });

  it('claims a pending fault once, even when claims race, and leaves the rest of the state', async () => {
    const store = await classes();
    await store.createClass(klass);
    const first = { id: 'p1', fault: 'fault-dns', groups: null, at: 1_764_000_060_000 };
    const second = { id: 'p2', fault: 'fault-cable-disconnected', groups: [2], at: 1_764_000_090_000 };
    await store.updateState('c1', () => ({ paused: true, pendingFaults: [first, second] }));
    const claims = await Promise.all([1, 2, 3].map(() => store.claimPendingFault('c1', 'p1')));
    expect(claims.filter((claimed) => claimed)).toHaveLength(1);
    expect((await store.getClass('c1'))?.state).toEqual({
      ...INITIAL_STATE,
      paused: true,
      pendingFaults: [second],
    });
    expect(await store.claimPendingFault('c1', 'p1')).toBe(false);
    expect(await store.claimPendingFault('nowhere', 'p2')).toBe(false);
    expect(await store.claimPendingFault('c1', 'p2')).toBe(true);
    expect((await store.getClass('c1'))?.state.pendingFaults).toEqual([]);
  });

  it('[CLASS-11] [CLASS-13] changes of the lesson state made at once, from two stores over one database, all stand: none undoes another, a claimed fault stays claimed', async () => {
    const store = await classes();
    await store.createClass(klass);
    const claimed = { id: 'old', fault: 'fault-dns', groups: null, at: 1_764_000_060_000 };
    await store.updateState('c1', () => ({ pendingFaults: [claimed] }));
    // PostgreSQL: a second store as another process opens it (its own pool of connections).
    const other = ((await opened?.another?.())?.classes ?? store) as ClassStore;
    const pending = (n: number) => ({
      id: `p${n}`,
      fault: 'fault-dns',
      groups: [n],
      at: 1_764_000_060_000 + n,
    });
    const writes = Array.from({ length: 40 }, (_, n) =>
      (n % 2 === 0 ? store : other).updateState('c1', (state) => ({
        pendingFaults: [...state.pendingFaults, pending(n)],
      })),
    );
    const claim = other.claimPendingFault('c1', 'old');
    const pause = store.updateState('c1', () => ({ paused: true }));
    const timer = other.updateState('c1', () => ({
      timer: { startedAt: 5, durationMs: 60_000, pausedLeftMs: null },
    }));
    const untouched = store.updateState('c1', () => undefined);
    await Promise.all([...writes, claim, pause, timer, untouched]);
    expect(await claim).toBe(true);
    const { state } = (await store.getClass('c1')) as ClassRecord;
    expect(state.pendingFaults.map((fault) => fault.id).sort()).toEqual(
      Array.from({ length: 40 }, (_, n) => `p${n}`).sort(),
    );
    expect(state).toMatchObject({ paused: true, timer: { durationMs: 60_000 }, spotlight: null });
    // Each write answered the state it left, its own change in it.
    expect((await writes[7])?.pendingFaults.some((fault) => fault.id === 'p7')).toBe(true);
    expect(await store.updateState('nowhere', () => ({ paused: true }))).toBeUndefined();
  });

  it('[CLASS-5] numbers generations and stores the first update of each with it', async () => {
    opened = await backend.open();
    const { store } = opened;
    const classStore = store.classes as ClassStore;
    expect(await classStore.currentGeneration('g1')).toBeUndefined();
    const lab = new Y.Doc();
    lab.getMap('lab').set('title', 'first');
    const update = Y.encodeStateAsUpdate(lab);
    const base = { room: 'g1', label: 'lab', createdAt: 10, update, retiredClients: [3, 1] };
    const first = await classStore.startGeneration({ ...base, doc: 'g1@g1' });
    const second = await classStore.startGeneration({ ...base, doc: 'g1@g2', label: 'reset' });
    expect([first.generation, second.generation]).toEqual([1, 2]);
    expect(await classStore.currentGeneration('g1')).toEqual({ ...second, retiredClients: [3, 1] });
    expect((await classStore.generations('g1')).map((g) => g.doc)).toEqual(['g1@g1', 'g1@g2']);
    expect((await store.load('g1@g2')).updates).toEqual([update]);
  });

  it('[CLASS-14] keeps prediction rounds and answers; a second answer replaces the first', async () => {
    const store = (await classes()).predictions;
    const cell = {
      key: 'a>b:ping',
      from: 'a',
      to: 'b',
      kind: 'ping' as const,
      port: null,
      reachable: true,
      why: 'ok',
    };
    const round = await store.open({ classId: 'c1', label: 'r', openedAt: 20, cells: [cell] });
    expect(round).toMatchObject({ round: 1, revealedAt: null });
    expect((await store.open({ classId: 'c1', label: 'r2', openedAt: 21, cells: [cell] })).round).toBe(2);
    await store.answer('c1', 2, 'm1', { 'a>b:ping': false }, 22);
    await store.answer('c1', 2, 'm1', { 'a>b:ping': true }, 23);
    await store.reveal('c1', 2, 24);
    expect(await store.current('c1')).toMatchObject({ round: 2, label: 'r2', revealedAt: 24, cells: [cell] });
    expect(await store.answers('c1', 2)).toEqual(new Map([['m1', { 'a>b:ping': true }]]));
    expect(await store.current('c9')).toBeUndefined();
  });
});
