/**
 * HOSTILE-22, CLASS-6: a change the server undoes (a crossing of the lab's counts, a
 * locked path) reaches the store only together with its compensation, in one append, on
 * SQLite and PostgreSQL alike. The crash point is simulated with the real store: the
 * process "dies" right after the first append the hostile frame causes (every later
 * append fails, nothing is compacted), and a restarted room loads what is on disk.
 * Before, that first append was the hostile update alone, so the room loaded it; and
 * even with both appended, a root the update created came back as an empty root on
 * every restart before compaction (it counted towards maxRoots for good).
 */
import { type JsonObject, LAB_LIMITS, readLab, writeLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWriteGuard } from '../classes/writeGuard';
import { silentLogger } from '../log';
import type { Store, StoredDoc } from '../store/types';
import { LabLimitExceeded } from '../sync/closeCodes';
import { DocChannel } from '../sync/DocChannel';
import { withLabLimits } from '../sync/labLimitsGuard';
import { encodeUpdate } from '../sync/protocol';
import { type Connection, defaultLimits, type WriteGuard } from '../sync/types';
import { fakeConnection } from '../testing/fakeSocket';
import { type OpenedStore, STORE_BACKENDS } from '../testing/storeBackends';

const limits = { ...defaultLimits, lab: { ...LAB_LIMITS, maxKeys: 5 } };
const lab: JsonObject = {
  format: 'vnetlab/1',
  title: 'T',
  vms: { web: { adapters: [{ mode: 'nat' }] } },
  goals: [{ id: 'g', probe: { from: 'web', to: 'internet', kind: 'ping' } }],
};

interface Appends {
  /** Appends the store still takes before the process dies. */
  left: number;
  /** What each append answered (a PostgreSQL append resolves later). */
  readonly answered: unknown[];
}

/** `store`, whose process dies after `appends.left` more appends: later appends and compactions fail. */
function dyingAfter(store: Store, appends: Appends): Store {
  const died = () => {
    throw new Error('the process was killed');
  };
  return {
    ...store,
    load: (name) => store.load(name),
    append: (name, update) => {
      if (appends.left-- <= 0) died();
      const answer = store.append(name, update);
      appends.answered.push(answer);
      return answer;
    },
    compact: () => died(),
  };
}

/** Once the appends made so far are on disk, with two turns for whatever follows them. */
async function stored(appends: Appends): Promise<void> {
  await Promise.allSettled(appends.answered);
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

function channelOver(store: Store, stored: StoredDoc, writeGuard: WriteGuard): DocChannel {
  return new DocChannel({
    name: 'room',
    store,
    stored,
    writable: true,
    limits,
    log: silentLogger,
    writeGuard: withLabLimits(writeGuard, { limits: limits.lab, log: silentLogger, doc: 'room' }),
  });
}

/** A class guard: a student may not change `goals`. */
const studentGuard = createWriteGuard({
  room: 'room',
  log: silentLogger,
  retiredClients: () => new Set(),
  paused: () => false,
});

/** The room as a restarted process loads it. */
async function restarted(opened: OpenedStore): Promise<Y.Doc> {
  const store = await opened.reopen();
  const doc = new Y.Doc();
  for (const update of (await store.load('room')).updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A client doc that has the room's state, and the update of `change` made on it. */
function clientEdit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe.each(STORE_BACKENDS)('a compensated change over the $name store', (backend) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  /** A room holding `lab`, over a store that dies after `appends.left` appends from now on. */
  async function room(appends: Appends, guard: WriteGuard = () => ({ kind: 'apply' })) {
    opened = await backend.open();
    const { store } = opened;
    const channel = channelOver(dyingAfter(store, appends), await store.load('room'), guard);
    const left = appends.left;
    appends.left = Number.POSITIVE_INFINITY;
    channel.transact(() => writeLab(channel.doc, lab, { kind: 'api' }), { kind: 'api' });
    await expect.poll(async () => (await store.load('room')).updates.length, { timeout: 15_000 }).toBe(1);
    appends.left = left;
    return channel;
  }

  it('[HOSTILE-22] killed right after the first append of a crossing update: the restarted room has none of it', async () => {
    const appends: Appends = { left: 1, answered: [] };
    const channel = await room(appends);
    const writer = fakeConnection();
    channel.connect(writer);
    const update = clientEdit(channel.doc, (doc) =>
      doc.transact(() => {
        for (let i = 0; i < 6; i++) doc.getMap('notes').set(`k${i}`, i);
      }),
    );
    channel.receive(writer, encodeUpdate(update));
    await expect
      .poll(() => writer.closed.map(({ code }) => code), { timeout: 15_000 })
      .toContain(LabLimitExceeded.code);
    await expect.poll(() => appends.left, { timeout: 15_000 }).toBeLessThan(1);
    await stored(appends);
    const doc = await restarted(opened as OpenedStore);
    expect([...doc.share.keys()]).not.toContain('notes');
    expect(doc.getMap('notes').toJSON()).toEqual({});
    expect(readLab(doc)).toEqual(lab);
  });

  it('[HOSTILE-22] stored whole but not compacted (a kill -9 later on): a restart brings back no root the crossing update created', async () => {
    const appends: Appends = { left: Number.POSITIVE_INFINITY, answered: [] };
    const channel = await room(appends);
    const writer = fakeConnection();
    channel.connect(writer);
    const update = clientEdit(channel.doc, (doc) =>
      doc.transact(() => {
        for (let i = 0; i < 6; i++) doc.getMap('notes').set(`k${i}`, i);
      }),
    );
    channel.receive(writer, encodeUpdate(update));
    await expect
      .poll(() => writer.closed.map(({ code }) => code), { timeout: 15_000 })
      .toContain(LabLimitExceeded.code);
    // Everything stored, and the channel never destroyed (it would compact).
    await expect
      .poll(async () => (await (opened as OpenedStore).store.load('room')).updates.length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(1);
    await stored(appends);
    const doc = await restarted(opened as OpenedStore);
    expect([...doc.share.keys()]).not.toContain('notes');
    expect(readLab(doc)).toEqual(lab);
  });

  it('[CLASS-6] killed right after the first append of a student change to a locked path: the restarted room has the path as it was, and the rest of the edit', async () => {
    const appends: Appends = { left: 1, answered: [] };
    const channel = await room(appends, studentGuard);
    const student: Connection & ReturnType<typeof fakeConnection> = {
      ...fakeConnection(),
      access: 'student',
    };
    channel.connect(student);
    const update = clientEdit(channel.doc, (doc) =>
      doc.transact(() => {
        const root = doc.getMap('lab');
        root.set('goals', []);
        root.set('title', 'Mine');
      }),
    );
    channel.receive(student, encodeUpdate(update));
    await expect.poll(() => appends.left, { timeout: 15_000 }).toBeLessThan(1);
    await stored(appends);
    // Whatever the student's own copy then gets, the server sent the goals back.
    expect(readLab(channel.doc).goals).toEqual(lab.goals);
    const doc = await restarted(opened as OpenedStore);
    expect(readLab(doc)).toEqual({ ...lab, title: 'Mine' });
  });
});
