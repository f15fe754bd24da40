/** The counts guard on a document of its own: what it leaves behind when nothing crosses. */
import { LAB_LIMITS } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import type { Store } from '../store/types';
import { fakeConnection } from '../testing/fakeSocket';
import { LabLimitExceeded } from './closeCodes';
import { DocChannel } from './DocChannel';
import { withLabLimits } from './labLimitsGuard';
import { encodeUpdate } from './protocol';
import { type Connection, defaultLimits } from './types';

const connection: Connection = { id: 'c1', socket: { send() {}, close() {} } };

/** Applies `update` as DocChannel does: guard, then beforeApply, the update and settle in one transaction. */
function receive(doc: Y.Doc, update: Uint8Array, limits = LAB_LIMITS): void {
  const writes = [...new Set(Y.decodeUpdate(update).structs.map((struct) => struct.id.client))];
  const guard = withLabLimits(undefined, { limits, log: silentLogger, doc: 'd' });
  const verdict = guard(connection, doc, writes);
  if (verdict.kind === 'refuse') throw new Error(verdict.detail);
  const origin = { kind: 'client', connId: connection.id };
  doc.transact(() => {
    verdict.beforeApply?.();
    Y.applyUpdate(doc, update, origin);
    verdict.settle?.();
  }, origin);
}

describe('the counts guard', () => {
  it('[HOSTILE-22] lets Yjs collect what an accepted update deleted: a replaced value leaves no content behind', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const sync = () => {
      const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
      receive(server, update);
    };
    client.getMap('lab').set('title', 'x'.repeat(1000));
    sync();
    client.getMap('lab').set('title', 'short');
    sync();
    expect(server.getMap('lab').get('title')).toBe('short');
    const structs = server.store.clients.get(client.clientID) ?? [];
    const kept = structs.filter(
      (struct) => struct instanceof Y.Item && struct.deleted && !(struct.content instanceof Y.ContentDeleted),
    );
    expect(kept).toEqual([]);
    expect(Y.encodeStateAsUpdate(server).byteLength).toBeLessThan(200);
  });

  it('[HOSTILE-22] undoes exactly the update that crossed: a replaced map comes back', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const limits = { ...LAB_LIMITS, maxVms: 2 };
    const lab = client.getMap('lab');
    lab.set('vms', new Y.Map([['a', new Y.Map()]]));
    receive(server, Y.encodeStateAsUpdate(client), limits);
    const before = Y.encodeStateVector(server);
    lab.set('vms', { a: {}, b: {}, c: {} });
    receive(server, Y.encodeStateAsUpdate(client, before), limits);
    const vms = server.getMap('lab').get('vms');
    expect(vms).toBeInstanceOf(Y.Map);
    expect([...(vms as Y.Map<unknown>).keys()]).toEqual(['a']);
  });
});

describe('the counts guard and the roots an update creates', () => {
  const limits = { ...defaultLimits, maxRoots: 4, lab: { ...LAB_LIMITS, maxKeys: 3 } };

  function room() {
    return new DocChannel({
      name: 'room',
      store: createMemoryStore(),
      writable: true,
      limits,
      log: silentLogger,
      writeGuard: withLabLimits(undefined, { limits: limits.lab, log: silentLogger, doc: 'room' }),
    });
  }

  /** Four keys in a root named `name`: one past maxKeys. */
  function crossingUpdate(name: string): Uint8Array {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 4; i++) doc.getMap(name).set(`k${i}`, i);
    });
    return Y.encodeStateAsUpdate(doc);
  }

  it('[HOSTILE-22] a root created by an update that crossed is undone with it: gone from the document and from what a new client gets', () => {
    const channel = room();
    const writer = fakeConnection();
    channel.connect(writer);
    channel.receive(writer, encodeUpdate(crossingUpdate('notes')));
    expect(writer.closed.map(({ code }) => code)).toEqual([LabLimitExceeded.code]);
    expect(channel.doc.share.has('notes')).toBe(false);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(channel.doc));
    expect([...fresh.share.keys()]).not.toContain('notes');
    // The items are GC structs now: a snapshot names no parent for them.
    const items = Y.decodeUpdate(Y.encodeStateAsUpdate(channel.doc)).structs.filter(
      (struct) => struct instanceof Y.Item,
    );
    expect(items).toEqual([]);
  });

  it('[HOSTILE-22] crossing updates under ever new root names never use up the roots: an honest write to a new root is still taken', () => {
    const channel = room();
    for (let i = 0; i < 2 * limits.maxRoots; i++) {
      const writer = fakeConnection();
      channel.connect(writer);
      channel.receive(writer, encodeUpdate(crossingUpdate(`root${i}`)));
      expect(writer.closed.map(({ code }) => code)).toEqual([LabLimitExceeded.code]);
    }
    expect([...channel.doc.share.keys()].filter((name) => name.startsWith('root'))).toEqual([]);
    const honest = fakeConnection();
    channel.connect(honest);
    const doc = new Y.Doc();
    doc.getMap('layout').set('web', { x: 1, y: 2 });
    channel.receive(honest, encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect(honest.closed).toEqual([]);
    expect(channel.doc.getMap('layout').get('web')).toEqual({ x: 1, y: 2 });
  });

  it('[HOSTILE-22] over an asynchronous store (PostgreSQL) too: the crossing update is undone once applied, after its append', async () => {
    const memory = createMemoryStore();
    const store: Store = {
      ...memory,
      asynchronous: true,
      load: async (name) => memory.load(name),
      // Resolved later, as a database answers: the update is applied only then.
      append: (name, update) =>
        new Promise((resolve) => setTimeout(() => resolve(memory.append(name, update)), 5)),
    };
    const channel = new DocChannel({
      name: 'room',
      store,
      stored: { updates: [], bytes: 0 },
      writable: true,
      limits,
      log: silentLogger,
      writeGuard: withLabLimits(undefined, { limits: limits.lab, log: silentLogger, doc: 'room' }),
    });
    const writer = fakeConnection();
    channel.connect(writer);
    channel.receive(writer, encodeUpdate(crossingUpdate('notes')));
    await expect
      .poll(() => writer.closed.map(({ code }) => code), { timeout: 15_000 })
      .toEqual([LabLimitExceeded.code]);
    expect(channel.doc.share.has('notes')).toBe(false);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(channel.doc));
    expect(fresh.getMap('notes').toJSON()).toEqual({});
  });

  it('[HOSTILE-22] a root that existed before the crossing update stays, with what it held', () => {
    const channel = room();
    const writer = fakeConnection();
    channel.connect(writer);
    const doc = new Y.Doc();
    doc.getMap('notes').set('kept', 1);
    channel.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(doc)));
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = 0; i < 3; i++) doc.getMap('notes').set(`k${i}`, i);
    });
    channel.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
    expect(writer.closed.map(({ code }) => code)).toEqual([LabLimitExceeded.code]);
    expect(channel.doc.getMap('notes').toJSON()).toEqual({ kept: 1 });
  });
});
