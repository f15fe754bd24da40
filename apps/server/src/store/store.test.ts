/**
 * The store contract, run against every store (SQLite and a real PostgreSQL): what a
 * room relies on when it appends, loads and compacts, and what the API relies on for
 * rooms and tokens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type OpenedStore, STORE_BACKENDS } from '../testing/storeBackends';
import type { Store, StoredDoc } from './types';

/** A real Yjs update setting `key` in the map `m`, written by client `client`. */
function edit(client: number, key: string, value: string, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, value);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

function contentOf(stored: StoredDoc): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const content = doc.getMap('m').toJSON();
  doc.destroy();
  return content;
}

describe.each(STORE_BACKENDS)('$name store', (backend) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('[STORE-1] keeps appended updates in order across reopening, per document', async () => {
    opened = await backend.open();
    const { store } = opened;
    await store.append('a', Uint8Array.from([1]));
    await store.append('b', Uint8Array.from([9]));
    await store.append('a', Uint8Array.from([2, 3]));
    const again = await opened.reopen();
    expect(await again.load('a')).toEqual({
      updates: [Uint8Array.from([1]), Uint8Array.from([2, 3])],
      bytes: 3,
    });
    expect((await again.load('b')).updates).toEqual([Uint8Array.from([9])]);
    expect(await again.load('none')).toEqual({ updates: [], bytes: 0 });
  });

  it('[STORE-3] compaction replaces the log by the snapshot', async () => {
    opened = await backend.open();
    const { store } = opened;
    const doc = new Y.Doc();
    for (const [key, value] of [
      ['x', '1'],
      ['y', '2'],
    ]) {
      const update = edit(1, key as string, value as string, doc);
      Y.applyUpdate(doc, update);
      await store.append('a', update);
    }
    await store.compact('a', Y.encodeStateAsUpdate(doc));
    await store.append('a', edit(2, 'z', '3'));
    const stored = await store.load('a');
    expect(stored.updates).toHaveLength(2);
    expect(contentOf(stored)).toEqual({ x: '1', y: '2', z: '3' });
    expect(contentOf(await (await opened.reopen()).load('a'))).toEqual({ x: '1', y: '2', z: '3' });
  });

  // One process per SQLite file: only a shared store has appends from elsewhere to keep.
  it.runIf(backend.name === 'postgres')(
    '[STORE-3] a compaction keeps what another process appends while it runs, and what its snapshot lacks',
    async () => {
      opened = await backend.open();
      const { store } = opened;
      const writer = (await opened.another?.()) as Store;
      const doc = new Y.Doc();
      for (let i = 0; i < 20; i++) {
        const update = edit(1, `k${i}`, 'v', doc);
        Y.applyUpdate(doc, update);
        await store.append('a', update);
      }
      // The other writer's updates race the compaction: every one of them must survive it.
      await Promise.all([
        store.compact('a', Y.encodeStateAsUpdate(doc)),
        ...Array.from({ length: 20 }, (_, i) => writer.append('a', edit(100 + i, `o${i}`, 'w'))),
      ]);
      await store.compact('a', Y.encodeStateAsUpdate(doc));
      const content = contentOf(await store.load('a'));
      expect(Object.keys(content)).toHaveLength(40);
      for (let i = 0; i < 20; i++) expect(content[`o${i}`]).toBe('w');
    },
  );

  it('[AUTH-3] stores rooms and their token hashes', async () => {
    opened = await backend.open();
    const { store } = opened;
    await store.createRoom({ room: 'r1', tokenHash: 'ab', createdAt: 1_764_000_000_000 });
    expect(await store.getRoom('r1')).toEqual({ room: 'r1', tokenHash: 'ab', createdAt: 1_764_000_000_000 });
    expect(await store.getRoom('r2')).toBeUndefined();
    await expect(
      (async () => store.createRoom({ room: 'r1', tokenHash: 'cd', createdAt: 6 }))(),
    ).rejects.toThrow();
  });

  it('says what it is and that it answers', async () => {
    opened = await backend.open();
    expect(await opened.store.health()).toEqual({ kind: backend.name, state: 'ok' });
  });
});
