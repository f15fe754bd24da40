import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLab } from '../yjs/labDoc';
import { checkJsonValue, checkLabLimits, LAB_LIMITS } from './limits';

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('lab limits', () => {
  it('[HOSTILE-11] a lab inside every bound has no errors', () => {
    const lab = {
      format: 'vnetlab/1',
      vms: {
        web: { adapters: [{ mode: 'nat', portForwards: [{ name: 'ssh', hostPort: 1, guestPort: 2 }] }] },
      },
    };
    expect(checkLabLimits(lab)).toEqual([]);
  });

  it('[HOSTILE-11] names the path of a value nested too deep, a million levels costing no more than twenty', () => {
    const errors = checkLabLimits({ format: 'vnetlab/1', title: nested(1_000_000) });
    expect(errors).toEqual([
      { path: `title${'[0]'.repeat(LAB_LIMITS.maxDepth - 1)}`, message: 'nested more than 16 deep' },
    ]);
  });

  it('[HOSTILE-11] counts machines, adapters, networks, members, string and key lengths', () => {
    const vms = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`vm${i}`, {}]));
    expect(checkLabLimits({ vms }).map((e) => e.path)).toEqual(['vms']);
    const adapters = Array.from({ length: 11 }, () => ({ mode: 'nat' }));
    expect(checkLabLimits({ vms: { a: { adapters } } })).toEqual([
      { path: 'vms.a.adapters', message: '11 adapters, at most 10' },
    ]);
    const lans = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`l${i}`, {}]));
    expect(checkLabLimits({ lans })[0]?.message).toBe('1001 networks, at most 1000');
    expect(checkLabLimits({ hypervisor: 'x'.repeat(2001) })).toEqual([
      { path: 'hypervisor', message: '2001 characters, at most 2000' },
    ]);
    expect(checkLabLimits({ ['k'.repeat(201)]: 1 })[0]?.message).toBe('a key of 201 characters, at most 200');
    expect(checkLabLimits({ list: new Array(10_001).fill(0) })[0]?.message).toBe(
      '10001 elements, at most 10000',
    );
  });

  it('[HOSTILE-11] checkJsonValue counts the depth the value is stored at', () => {
    expect(checkJsonValue(nested(3), 2)).toBeUndefined();
    expect(checkJsonValue(nested(20), 2)).toMatch(/nested more than 16 deep/);
    expect(checkJsonValue(nested(14), 4)).toMatch(/nested more than 16 deep/);
  });
});

describe('reading the lab is bounded', () => {
  it('[HOSTILE-12] a plain value nested 100,000 deep reads without overflowing, cut at the read depth', () => {
    const doc = new Y.Doc();
    doc.transact(() => doc.getMap('lab').set('deep', nested(100_000)), 'test');
    const lab = readLab(doc);
    expect(checkLabLimits(lab)[0]?.message).toBe('nested more than 16 deep');
    expect(JSON.stringify(lab).length).toBeLessThan(200);
  });

  it('[HOSTILE-12] Y.Maps nested 5,000 deep read without overflowing', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let map = doc.getMap<unknown>('lab');
      for (let i = 0; i < 5000; i++) {
        const child = new Y.Map<unknown>();
        map.set('m', child);
        map = child;
      }
    }, 'test');
    const lab = readLab(doc);
    expect(checkLabLimits(lab)[0]?.message).toBe('nested more than 16 deep');
  });
});
