import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import type { DocStore } from '../store/types';
import { fakeConnection } from '../testing/fakeSocket';
import { encodeAwarenessEntries } from './awarenessUpdate';
import {
  ClientIdInUse,
  DocumentTooLarge,
  InvalidMessage,
  MessageTooBig,
  TooManyMessages,
} from './closeCodes';
import { DocChannel } from './DocChannel';
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol';
import { defaultLimits } from './types';

function channel(store: DocStore = createMemoryStore(), writable = true, limits = defaultLimits) {
  return new DocChannel({ name: 'room', store, writable, limits, log: silentLogger });
}

function clientUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('lab').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('DocChannel', () => {
  it('[SYNC-1] greets a connection with sync step 1 and answers its step 1 with step 2', () => {
    const room = channel();
    const a = fakeConnection();
    room.connect(a);
    expect(a.messages()[0]?.type).toBe('sync-step1');
    room.receive(a, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect(a.messages()[1]?.type).toBe('sync-step2');
  });

  it('[STORE-1] appends an update to the store before relaying it, and not back to its sender', () => {
    const events: string[] = [];
    const memory = createMemoryStore();
    const store: DocStore = {
      ...memory,
      append: (name, update) => {
        events.push('append');
        memory.append(name, update);
      },
    };
    const room = channel(store);
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    const send = b.socket.send;
    b.socket.send = (frame) => {
      events.push('relay');
      send(frame);
    };
    room.receive(a, encodeUpdate(clientUpdate('title', 'x')));
    expect(events).toEqual(['append', 'relay']);
    expect(a.messages().filter((m) => m.type === 'update')).toHaveLength(0);
    const copy = new Y.Doc();
    for (const update of memory.load('room').updates) Y.applyUpdate(copy, update);
    expect(copy.getMap('lab').get('title')).toBe('x');
  });

  it('[SYNC-3] neither applies nor relays client updates to a read-only document', () => {
    const room = channel(createMemoryStore(), false);
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    room.receive(a, encodeUpdate(clientUpdate('goals', 'forged')));
    expect(room.doc.getMap('lab').get('goals')).toBeUndefined();
    expect(b.messages().filter((m) => m.type === 'update')).toHaveLength(0);
    expect(a.closed).toEqual([]);
  });

  it('[HOSTILE-1] closes only the connection that sent garbage', () => {
    const room = channel();
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    room.receive(a, Uint8Array.from([42, 42, 42]));
    expect(a.closed).toEqual([InvalidMessage]);
    expect(room.connectionCount).toBe(1);
    const c = fakeConnection();
    room.connect(c);
    room.receive(c, encodeUpdate(clientUpdate('title', 'still going')));
    expect(b.messages().some((m) => m.type === 'update')).toBe(true);
  });

  it('[STORE-3] reloads its state from the store, and compaction keeps it', () => {
    const store = createMemoryStore();
    const first = channel(store);
    const a = fakeConnection();
    first.connect(a);
    for (let i = 0; i < 10; i++) first.receive(a, encodeUpdate(clientUpdate(`k${i}`, i)));
    expect(store.load('room').updates).toHaveLength(10);
    first.compact();
    expect(store.load('room').updates).toHaveLength(1);
    first.destroy();
    const second = channel(store);
    expect(second.doc.getMap('lab').toJSON()).toEqual(
      Object.fromEntries([...Array(10).keys()].map((i) => [`k${i}`, i])),
    );
  });

  it('[STORE-3] compacts in the background once the log is long', async () => {
    const store = createMemoryStore();
    const room = channel(store, true, { ...defaultLimits, compactAfterUpdates: 5 });
    const a = fakeConnection();
    room.connect(a);
    for (let i = 0; i < 6; i++) room.receive(a, encodeUpdate(clientUpdate(`k${i}`, i)));
    expect(store.load('room').updates.length).toBeGreaterThan(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.load('room').updates).toHaveLength(1);
  });

  it('[SYNC-2] removes the awareness states of a connection that leaves', () => {
    const room = channel();
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    const peer = new Y.Doc();
    const awareness = new Awareness(peer);
    awareness.setLocalState({ user: 'ada' });
    room.receive(a, encodeAwareness(encodeAwarenessUpdate(awareness, [peer.clientID])));
    expect(room.awareness.getStates().has(peer.clientID)).toBe(true);
    room.disconnect(a);
    expect(room.awareness.getStates().has(peer.clientID)).toBe(false);
    awareness.destroy();
  });

  it('[SYNC-4] tags client transactions with the connection, server ones with their origin', () => {
    const room = channel();
    const a = fakeConnection();
    room.connect(a);
    const origins: unknown[] = [];
    room.doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    room.receive(a, encodeUpdate(clientUpdate('title', 'x')));
    room.transact(() => room.doc.getMap('lab').set('title', 'y'), { kind: 'engine' });
    expect(origins).toEqual([{ kind: 'client', connId: a.id }, { kind: 'engine' }]);
  });

  it('[HOSTILE-6] closes a connection that floods messages past its budget, and only it', () => {
    const room = channel(createMemoryStore(), true, {
      ...defaultLimits,
      maxMessageBurst: 50,
      maxMessagesPerSecond: 10,
    });
    const flooder = fakeConnection();
    const calm = fakeConnection();
    room.connect(flooder);
    room.connect(calm);
    for (let i = 0; i < 60; i++) room.receive(flooder, encodeQueryAwareness());
    expect(flooder.closed).toEqual([TooManyMessages]);
    room.receive(calm, encodeQueryAwareness());
    expect(calm.closed).toEqual([]);
    expect(room.connectionCount).toBe(1);
  });

  it('[HOSTILE-3] refuses an update that adds too much, accepts one that repeats what is there', () => {
    const limits = { ...defaultLimits, maxDocBytes: 4096 };
    const room = channel(createMemoryStore(), true, limits);
    const a = fakeConnection();
    room.connect(a);
    const client = new Y.Doc();
    client.getMap('lab').set('notes', ['x'.repeat(1500), 'x'.repeat(1500)]); // strings stay within LAB_LIMITS
    room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(a.closed).toEqual([]);
    // The same state again, as a client's sync step 2 after a reconnection: no growth.
    room.disconnect(a);
    const again = fakeConnection();
    room.connect(again);
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(again.closed).toEqual([]);
    client.getMap('lab').set('more', ['y'.repeat(1000), 'y'.repeat(1000)]);
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(again.closed).toEqual([DocumentTooLarge]);
    expect(room.doc.getMap('lab').has('more')).toBe(false);
  });

  it('[HOSTILE-7] does not keep an update with a gap: nothing pending, nothing stored, the sender asked to resend', () => {
    const store = createMemoryStore();
    const room = channel(store);
    const a = fakeConnection();
    room.connect(a);
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.getMap('junk').set('first', 1); // withheld
    client.getMap('junk').set('big', new Array(5).fill('x'.repeat(2000)));
    const [, later] = updates;
    room.receive(a, encodeUpdate(later ?? new Uint8Array()));
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(store.load('room').updates).toHaveLength(0);
    expect(a.closed).toEqual([]);
    expect(a.messages().at(-1)?.type).toBe('sync-step1');
    // A delete of something the server never had is not kept either.
    const other = new Y.Doc();
    other.getMap('lab').set('gone', 1);
    const before = Y.encodeStateVector(other);
    other.getMap('lab').delete('gone');
    room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(other, before)));
    expect(room.doc.store.pendingDs).toBeNull();
    room.compact();
    const reloaded = channel(store);
    expect(reloaded.doc.store.pendingStructs).toBeNull();
    // What the client sends when asked (its sync step 2) fills the gap.
    room.receive(a, encodeSyncStep2(Y.encodeStateAsUpdate(client)));
    expect(room.doc.getMap('junk').get('big')).toHaveLength(5);
  });

  it('[HOSTILE-7] drops what depends on an update it has not seen, and gets it later', () => {
    const room = channel();
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    docA.getArray('list').insert(0, ['a']);
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA)); // B heard A first (another path)
    const before = Y.encodeStateVector(docB);
    docB.getArray('list').insert(1, ['b']);
    room.receive(b, encodeUpdate(Y.encodeStateAsUpdate(docB, before)));
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(b.closed).toEqual([]);
    expect(b.messages().at(-1)?.type).toBe('sync-step1');
    room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(docA)));
    room.receive(b, encodeSyncStep2(Y.encodeStateAsUpdate(docB, Y.encodeStateVector(room.doc))));
    expect(room.doc.getArray('list').toArray()).toEqual(['a', 'b']);
  });

  it('[HOSTILE-8] refuses new clocks under a client id another live connection writes, accepts repeats', () => {
    const room = channel();
    const victim = fakeConnection();
    const attacker = fakeConnection();
    room.connect(victim);
    room.connect(attacker);
    const doc = new Y.Doc();
    doc.getMap('lab').set('title', 'mine');
    room.receive(victim, encodeUpdate(Y.encodeStateAsUpdate(doc)));
    // Repeating what the server has, under the victim's id, is fine (a sync step 2).
    room.receive(attacker, encodeSyncStep2(Y.encodeStateAsUpdate(doc)));
    expect(attacker.closed).toEqual([]);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(room.doc));
    forged.clientID = doc.clientID; // after: Yjs would pick a new id on seeing its own
    forged.getMap('lab').set('title', 'forged');
    room.receive(attacker, encodeUpdate(Y.encodeStateAsUpdate(forged, Y.encodeStateVector(room.doc))));
    expect(attacker.closed).toEqual([ClientIdInUse]);
    expect(room.doc.getMap('lab').get('title')).toBe('mine');
    // Once the victim left, its id is free: its reconnection may write again.
    room.disconnect(victim);
    const back = fakeConnection();
    room.connect(back);
    doc.getMap('lab').set('title', 'mine again');
    room.receive(back, encodeUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc))));
    expect(back.closed).toEqual([]);
    expect(room.doc.getMap('lab').get('title')).toBe('mine again');
  });

  it("[HOSTILE-8] refuses a client's write under the server's own client id", () => {
    const room = channel();
    const a = fakeConnection();
    room.connect(a);
    const forged = new Y.Doc();
    forged.clientID = room.doc.clientID;
    forged.getMap('lab').set('title', 'as the server');
    room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(forged)));
    expect(a.closed).toEqual([ClientIdInUse]);
    expect(room.doc.getMap('lab').has('title')).toBe(false);
  });

  it('[HOSTILE-9] drops awareness for a client id another connection speaks for, without closing', () => {
    const room = channel();
    const alice = fakeConnection();
    const other = fakeConnection();
    room.connect(alice);
    room.connect(other);
    const entry = (clock: number, state: unknown) => ({ clientID: 1000, clock, json: JSON.stringify(state) });
    room.receive(alice, encodeAwareness(encodeAwarenessEntries([entry(1, { name: 'alice' })])));
    // An echo (as the stock client sends) and a forgery with a higher clock: both dropped.
    room.receive(other, encodeAwareness(encodeAwarenessEntries([entry(1, { name: 'alice' })])));
    room.receive(other, encodeAwareness(encodeAwarenessEntries([entry(9, { name: 'FORGED' })])));
    room.receive(other, encodeAwareness(encodeAwarenessEntries([entry(10, null)])));
    const asServer = { clientID: room.awareness.clientID, clock: 99, json: '{"name":"server"}' };
    room.receive(other, encodeAwareness(encodeAwarenessEntries([asServer])));
    expect(other.closed).toEqual([]);
    expect(room.awareness.getStates().get(1000)).toEqual({ name: 'alice' });
    expect(room.awareness.getStates().has(room.awareness.clientID)).toBe(false);
    room.disconnect(other);
    expect(room.awareness.getStates().get(1000)).toEqual({ name: 'alice' });
    room.disconnect(alice);
    expect(room.awareness.getStates().size).toBe(0);
    expect(room.awareness.meta.has(1000)).toBe(false);
  });

  it('forgets the awareness another process relayed for a process gone, not a state a connection here speaks for', () => {
    const room = channel();
    const here = fakeConnection();
    room.connect(here);
    const entry = (clientID: number, clock: number, name: string) => ({
      clientID,
      clock,
      json: JSON.stringify({ name }),
    });
    const from = { kind: 'remote', from: 'B', cause: 'awareness' } as const;
    room.applyRemoteAwareness(
      encodeAwarenessEntries([entry(1000, 1, 'ghost'), entry(2000, 1, 'moved')]),
      from,
    );
    // 2000's client reconnected here and speaks with a later clock.
    room.receive(here, encodeAwareness(encodeAwarenessEntries([entry(2000, 2, 'moved')])));
    const sent = here.sent.length;
    room.forgetRemoteAwareness([1000, 2000, 3000], {
      kind: 'remote',
      from: 'presence',
      cause: 'process gone',
    });
    expect(room.awareness.getStates().has(1000)).toBe(false);
    expect(room.awareness.getStates().get(2000)).toEqual({ name: 'moved' });
    // The removal reached the connection here.
    expect(here.sent.length).toBeGreaterThan(sent);
  });

  it('[HOSTILE-9] caps awareness at 4 client ids per connection and 64 KiB per frame', () => {
    const room = channel();
    const many = fakeConnection();
    const big = fakeConnection();
    room.connect(many);
    room.connect(big);
    const entries = [...Array(5).keys()].map((i) => ({ clientID: 500 + i, clock: 1, json: '{}' }));
    room.receive(many, encodeAwareness(encodeAwarenessEntries(entries.slice(0, 4))));
    expect(many.closed).toEqual([]);
    room.receive(many, encodeAwareness(encodeAwarenessEntries(entries.slice(4))));
    expect(many.closed).toEqual([InvalidMessage]);
    expect(room.awareness.getStates().size).toBe(0);
    const huge = { clientID: 7, clock: 1, json: JSON.stringify('x'.repeat(64 * 1024)) };
    room.receive(big, encodeAwareness(encodeAwarenessEntries([huge])));
    expect(big.closed).toEqual([MessageTooBig]);
    expect([...room.awareness.meta.keys()]).toEqual([room.awareness.clientID]);
  });

  it('[HOSTILE-10] limits sync step 1 and query awareness per connection, and hears nothing after closing it', () => {
    const room = channel();
    const a = fakeConnection();
    const b = fakeConnection();
    room.connect(a);
    room.connect(b);
    const step1 = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 4; i++) room.receive(a, i % 2 ? step1 : encodeQueryAwareness());
    expect(a.closed).toEqual([]);
    room.receive(a, step1);
    expect(a.closed).toEqual([TooManyMessages]);
    const sent = a.sent.length;
    room.receive(a, step1);
    room.receive(a, encodeUpdate(clientUpdate('title', 'after close')));
    expect(a.sent).toHaveLength(sent);
    expect(room.doc.getMap('lab').has('title')).toBe(false);
    room.receive(b, step1);
    expect(b.closed).toEqual([]);
  });
});
