import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './shareUnchanged';

describe('shareUnchanged', () => {
  it('keeps the old objects where nothing changed, and builds new ones on the path of a change', () => {
    const prev = {
      vms: [
        { id: 'vm1', name: 'a', adapters: [{ slot: 0, mode: 'nat' }] },
        { id: 'vm2', name: 'b', adapters: [{ slot: 0, mode: 'nat' }] },
      ],
      leases: new Map([['vm1', { ip: '10.0.2.15' }]]),
    };
    const next = structuredClone(prev);
    next.vms[1]!.name = 'renamed';
    const shared = shareUnchanged(prev, next);
    expect(shared).not.toBe(prev);
    expect(shared.vms[0]).toBe(prev.vms[0]);
    expect(shared.vms[1]).not.toBe(prev.vms[1]);
    expect(shared.vms[1]!.name).toBe('renamed');
    expect(shared.vms[1]!.adapters).toBe(prev.vms[1]!.adapters);
    expect(shared.leases).toBe(prev.leases);
    expect(shared).toEqual(next);
  });

  it('hands back prev itself when everything is equal, and next when there is no prev', () => {
    const prev = { a: [1, 2, { b: null }], c: new Map([[1, { d: 'x' }]]) };
    expect(shareUnchanged(prev, structuredClone(prev))).toBe(prev);
    const next = { a: 1 };
    expect(shareUnchanged(undefined, next)).toBe(next);
  });

  it('sees added and removed keys, entries and items', () => {
    const prev = { a: 1, list: [1, 2], map: new Map([['k', 1]]) };
    const added: Record<string, unknown> = { a: 1, b: undefined, list: [1, 2], map: new Map([['k', 1]]) };
    expect(shareUnchanged<Record<string, unknown>>(prev, added)).not.toBe(prev);
    expect(shareUnchanged(prev, { a: 1, list: [1], map: new Map([['k', 1]]) }).list).toEqual([1]);
    const map = shareUnchanged(prev, { a: 1, list: [1, 2], map: new Map([['j', 1]]) }).map;
    expect([...map.keys()]).toEqual(['j']);
  });
});
