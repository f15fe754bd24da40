import { type JsonObject, readLab, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LAB_STEP_CHARS, labAsUpdates } from './labUpdates';

/** The largest allowed lab of the hostile bench: 1,000 machines on one network (~220 KB). */
function thousandMachines(): JsonObject {
  const vms: JsonObject = {};
  for (let i = 0; i < 1000; i++) {
    vms[`vm${i}`] = {
      name: `machine ${i} ${'n'.repeat(100)}`,
      adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }],
      listen: ['tcp/22', 'tcp/80'],
    };
  }
  return {
    format: 'vnetlab/1',
    title: 'big',
    natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } },
    vms,
    goals: [{ id: 'g', from: 'vm0', to: 'vm1', expect: 'reachable' }],
  };
}

function applied(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('a lab as the updates that write it, in steps', () => {
  it('[HOSTILE-29] the largest allowed lab comes in bounded steps that, in order, give what writeLab gives', () => {
    const lab = thousandMachines();
    const updates = labAsUpdates(lab);
    // ~220 KB of JSON in steps of ~16 KB: none of them is the whole lab.
    expect(updates.length).toBeGreaterThan(10);
    for (const update of updates) expect(update.byteLength).toBeLessThan(2 * LAB_STEP_CHARS);
    const written = new Y.Doc();
    writeLab(written, lab, 'api');
    // The same JSON in the same key order, members and machines alike.
    expect(JSON.stringify(readLab(applied(updates)))).toBe(JSON.stringify(readLab(written)));
    expect(readLab(applied(updates))).toEqual(lab);
  });

  it('[HOSTILE-29] a small lab is one step; an entry bigger than a step is never split', () => {
    const small = { format: 'vnetlab/1', vms: { web: { adapters: [{ mode: 'nat' }] } } };
    expect(labAsUpdates(small)).toHaveLength(1);
    const lab = {
      format: 'vnetlab/1',
      vms: { a: { name: 'a'.repeat(300) }, b: { name: 'b' }, c: { name: 'c' }, d: { name: 'd'.repeat(300) } },
    };
    // Steps of 100 characters: vms is filled after the first step; `a` and `d` alone, `b` with `c`.
    const updates = labAsUpdates(lab, 100);
    expect(updates).toHaveLength(4);
    const doc = new Y.Doc();
    const seen: string[][] = [];
    for (const update of updates) {
      Y.applyUpdate(doc, update);
      seen.push(Object.keys((readLab(doc).vms as JsonObject | undefined) ?? {}));
    }
    expect(seen).toEqual([[], ['a'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]);
    expect(readLab(doc)).toEqual(lab);
  });
});
