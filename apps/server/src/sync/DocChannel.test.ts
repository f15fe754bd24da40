import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import type { DocStore } from '../store/types';
import { fakeConnection } from '../testing/fakeSocket';
import { DocumentTooLarge, InvalidMessage, TooManyMessages } from './closeCodes';
import { DocChannel } from './DocChannel';
import { encodeAwareness, encodeQueryAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
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
    client.getMap('lab').set('notes', 'x'.repeat(3000));
    room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(a.closed).toEqual([]);
    // The same state again, as a client's sync step 2 after a reconnection: no growth.
    const again = fakeConnection();
    room.connect(again);
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(again.closed).toEqual([]);
    client.getMap('lab').set('more', 'y'.repeat(2000));
    room.receive(again, encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect(again.closed).toEqual([DocumentTooLarge]);
    expect(room.doc.getMap('lab').has('more')).toBe(false);
  });
});
