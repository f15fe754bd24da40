import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LabReader } from './LabReader';
import { labMap, readLab, toYMap, toYValue } from './labDoc';

/** A small deterministic generator (the edits must be the same on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function vm(n: number): Record<string, unknown> {
  return {
    name: `vm ${n}`,
    adapters: [{ mode: 'nat' }, { mode: 'intnet', network: `n${n}` }],
    listen: ['tcp/22'],
  };
}

describe('LabReader', () => {
  it('[HOSTILE-24] reads what readLab reads, in the same key order, after every kind of edit', () => {
    const doc = new Y.Doc();
    const reader = new LabReader(doc);
    const lab = labMap(doc);
    doc.transact(() => {
      lab.set('format', 'vnetlab/1');
      lab.set('vms', toYMap(Object.fromEntries([0, 1, 2, 3].map((n) => [`vm${n}`, vm(n)]))));
    });
    const next = random(7);
    const edits: ((vms: Y.Map<unknown>) => void)[] = [
      (vms) => vms.set(`vm${Math.floor(next() * 8)}`, toYValue(vm(Math.floor(next() * 100)))),
      (vms) => vms.delete(`vm${Math.floor(next() * 8)}`),
      (vms) => {
        const machine = vms.get(`vm${Math.floor(next() * 8)}`);
        if (machine instanceof Y.Map) machine.set('name', `renamed ${next()}`);
      },
      (vms) => {
        const adapters = (vms.get(`vm${Math.floor(next() * 8)}`) as Y.Map<unknown> | undefined)?.get(
          'adapters',
        );
        if (adapters instanceof Y.Array) adapters.push([toYMap({ mode: 'bridged' })]);
      },
      (vms) => {
        const adapter = (
          (vms.get('vm1') as Y.Map<unknown> | undefined)?.get('adapters') as Y.Array<unknown>
        )?.get(0);
        if (adapter instanceof Y.Map) adapter.set('cable', next() > 0.5);
      },
      () => lab.set('title', `title ${next()}`),
      () => lab.set('lans', toYValue({ office: { cidr: '10.0.0.0/24', devices: { printer: {} } } })),
      () => lab.delete('title'),
      () => lab.set('vms', toYValue({ only: vm(9) })),
      () => lab.set('vms', { plain: { name: 'a plain object' } }),
    ];
    for (let step = 0; step < 300; step++) {
      const vms = lab.get('vms');
      const edit = edits[Math.floor(next() * edits.length)] as (vms: Y.Map<unknown>) => void;
      doc.transact(() => edit(vms instanceof Y.Map ? vms : (lab.set('vms', new Y.Map()) as Y.Map<unknown>)));
      const read = reader.read();
      expect(JSON.stringify(read)).toBe(JSON.stringify(readLab(doc)));
    }
    reader.destroy();
  });

  it('[HOSTILE-24] an edit of one machine reads that machine again: the others are the same objects as before', () => {
    const doc = new Y.Doc();
    const reader = new LabReader(doc);
    labMap(doc).set('vms', toYMap({ a: vm(1), b: vm(2) }));
    const before = reader.read();
    expect(reader.read()).toBe(before); // nothing changed: the very same lab
    ((labMap(doc).get('vms') as Y.Map<unknown>).get('a') as Y.Map<unknown>).set('name', 'changed');
    doc.getMap('layout').set('a', { x: 1 }); // another root: nothing of the lab to read
    const after = reader.read();
    expect(after).not.toBe(before);
    const vms = (lab: unknown) => (lab as { vms: Record<string, unknown> }).vms;
    expect(vms(after).b).toBe(vms(before).b);
    expect(vms(after).a).toEqual({ ...vm(1), name: 'changed' });
    expect(Object.isFrozen(vms(after).a)).toBe(true);
  });

  it('[HOSTILE-24] reads a value nested past the limit as readLab does (null below READ_DEPTH)', () => {
    const doc = new Y.Doc();
    const reader = new LabReader(doc);
    let value: unknown = 'deep';
    for (let i = 0; i < 40; i++) value = { v: value };
    labMap(doc).set('vms', toYMap({ a: { name: 'a', extra: value } }));
    labMap(doc).set('notes', value);
    expect(reader.read()).toEqual(readLab(doc));
  });

  it("reads the transaction's change from inside the lab's own observers (the page mirrors it there)", () => {
    const doc = new Y.Doc();
    const reader = new LabReader(doc);
    labMap(doc).set('vms', toYMap({ a: vm(1) }));
    expect(reader.read()).toEqual(readLab(doc));
    const seen: unknown[] = [];
    labMap(doc).observeDeep(() => seen.push(reader.read()));
    ((labMap(doc).get('vms') as Y.Map<unknown>).get('a') as Y.Map<unknown>).set('name', 'seen');
    labMap(doc).set('title', 'also seen');
    expect(seen).toEqual([{ vms: { a: { ...vm(1), name: 'seen' } } }, readLab(doc)]);
  });
});
