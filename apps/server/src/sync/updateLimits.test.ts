import { LAB_LIMITS } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateLimits, precheckUpdate } from './updateLimits';

const bounds = { maxRoots: 4, maxClientIds: 3 };

function check(server: Y.Doc, write: (doc: Y.Doc) => void, client = new Y.Doc()): string | undefined {
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  write(client);
  return checkUpdateLimits(Y.decodeUpdate(Y.encodeStateAsUpdate(client, before)), server, LAB_LIMITS, bounds);
}

function nestedMaps(parent: Y.Map<unknown>, depth: number): void {
  let map = parent;
  for (let i = 0; i < depth; i++) {
    const child = new Y.Map<unknown>();
    map.set('m', child);
    map = child;
  }
}

describe('an update against the lab limits, before it is applied', () => {
  it('[HOSTILE-11] passes what a lab edit writes', () => {
    const server = new Y.Doc();
    expect(check(server, (doc) => doc.getMap('lab').set('title', 'a lab'))).toBeUndefined();
    expect(check(server, (doc) => nestedMaps(doc.getMap('lab'), 15))).toBeUndefined();
  });

  it('[HOSTILE-11] counts a nested type from the root, through the document and the update alike', () => {
    const server = new Y.Doc();
    expect(check(server, (doc) => nestedMaps(doc.getMap('lab'), 16))).toMatch(
      /type nested more than 16 deep/,
    );
    // 10 deep already in the document, 7 more in the update.
    const doc = new Y.Doc();
    nestedMaps(doc.getMap('lab'), 10);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    expect(
      check(server, (client) => {
        let map = client.getMap<unknown>('lab');
        for (let i = 0; i < 10; i++) map = map.get('m') as Y.Map<unknown>;
        nestedMaps(map, 7);
      }),
    ).toMatch(/nested more than 16 deep/);
  });

  it('[HOSTILE-11] follows neighbours to their parent: maps pushed into an array deep down', () => {
    const server = new Y.Doc();
    expect(
      check(server, (doc) => {
        const list = new Y.Array<unknown>();
        doc.getMap('lab').set('list', list);
        const maps = Array.from({ length: 3 }, () => new Y.Map<unknown>());
        list.push(maps);
        for (const map of maps) nestedMaps(map, 14); // lab 1, list 2, map 3, +14 = 17
      }),
    ).toMatch(/nested more than 16 deep/);
  });

  it('[HOSTILE-11] a plain value counts from where it is stored; strings, keys, roots and client ids are bounded', () => {
    const server = new Y.Doc();
    let deep: unknown = 1;
    for (let i = 0; i < 16; i++) deep = [deep]; // lab is 1, the outer list 2, the inner 17
    expect(check(server, (doc) => doc.getMap('lab').set('v', deep))).toMatch(/nested more than 16 deep/);
    expect(check(server, (doc) => doc.getMap('lab').set('v', 'x'.repeat(2001)))).toMatch(/2001 characters/);
    expect(check(server, (doc) => doc.getMap('lab').set('k'.repeat(201), 1))).toMatch(/key of 201/);
    expect(check(server, (doc) => doc.getText('t').insert(0, 'y'.repeat(2001)))).toMatch(/string of 2001/);
    expect(
      check(server, (doc) => {
        for (const name of ['a', 'b', 'c', 'd', 'e']) doc.getMap(name).set('x', 1);
      }),
    ).toMatch(/5 root types, at most 4/);
    for (let i = 0; i < 3; i++) {
      const writer = new Y.Doc();
      writer.getMap('lab').set(`w${i}`, i);
      expect(check(server, (doc) => doc.getMap('lab').set(`w${i}`, i), writer)).toBeUndefined();
      Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    }
    expect(check(server, (doc) => doc.getMap('lab').set('fourth', 1))).toMatch(/4 client ids, at most 3/);
  });
});

describe('an update against the client-id cap, before it is decoded', () => {
  it('[HOSTILE-14] an update under more than twice the client ids a document may hold is refused from its first bytes', () => {
    const many = Y.mergeUpdates(
      [1, 2, 3, 4, 5, 6, 7].map((id) => {
        const doc = new Y.Doc();
        doc.clientID = id;
        doc.getMap('layout').set(`n${id}`, id);
        return Y.encodeStateAsUpdate(doc);
      }),
    );
    expect(precheckUpdate(many, bounds)).toBe('an update under 7 client ids, at most 3');
    // Up to twice the cap it is decoded (the write guard may refuse it for what it is), then counted.
    const six = Y.mergeUpdates(
      [1, 2, 3, 4, 5, 6].map((id) => {
        const doc = new Y.Doc();
        doc.clientID = id;
        doc.getMap('layout').set(`n${id}`, id);
        return Y.encodeStateAsUpdate(doc);
      }),
    );
    expect(precheckUpdate(six, bounds)).toBeUndefined();
    expect(checkUpdateLimits(Y.decodeUpdate(six), new Y.Doc(), LAB_LIMITS, bounds)).toBe(
      '6 client ids, at most 3',
    );
    expect(precheckUpdate(new Uint8Array([0xff]), bounds)).toBeUndefined();
  });
});
