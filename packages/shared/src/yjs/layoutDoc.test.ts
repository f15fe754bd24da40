import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearPositions, LAYOUT_ROOT, readLayout, writePositions } from './layoutDoc';

describe('layoutDoc', () => {
  it('stores a drag as one transaction with the given origin, rounded', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = { kind: 'person', clientID: 7 };
    writePositions(
      doc,
      new Map([
        ['vm:web', { x: 10.4, y: -3.6 }],
        ['host', { x: 1, y: 2 }],
      ]),
      origin,
    );
    expect(origins).toEqual([origin]);
    expect(Object.fromEntries(readLayout(doc))).toEqual({ 'vm:web': { x: 10, y: -4 }, host: { x: 1, y: 2 } });
  });

  it('reaches another document through an update and skips entries of another shape', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update));
    writePositions(a, new Map([['vm:db', { x: 5, y: 6 }]]), null);
    a.getMap(LAYOUT_ROOT).set('junk', 'nope');
    a.getMap(LAYOUT_ROOT).set('nan', { x: 'a', y: 1 });
    expect([...readLayout(b)]).toEqual([['vm:db', { x: 5, y: 6 }]]);
    clearPositions(a, ['vm:db'], null);
    expect(readLayout(b).size).toBe(0);
  });

  it('writes nothing for an empty drag or a non-finite position', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    writePositions(doc, new Map(), null);
    expect(transactions).toBe(0);
    writePositions(doc, new Map([['x', { x: Number.NaN, y: 1 }]]), null);
    expect(readLayout(doc).size).toBe(0);
  });
});
