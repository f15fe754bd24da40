import type { JsonValue } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diffLab, type LabChange } from './labDiff';
import { matrixFlips } from './matrixFlips';

/** Writes the `before` values back: what step back and revert do. */
function undo(after: JsonValue, changes: readonly LabChange[]): JsonValue {
  const copy = structuredClone(after) as Record<string | number, JsonValue>;
  for (const change of changes) {
    let node = copy as Record<string | number, JsonValue>;
    for (const segment of change.path.slice(0, -1))
      node = node[segment] as Record<string | number, JsonValue>;
    const last = change.path.at(-1)!;
    if (change.before === undefined) delete node[last];
    else node[last] = change.before;
  }
  return copy;
}

const lab = (mode: string, extra: Record<string, JsonValue> = {}): JsonValue => ({
  format: 'vnetlab/1',
  vms: {
    vm1: { adapters: [{ mode: 'natnetwork', network: 'n' }] },
    vm2: { adapters: [{ mode, network: 'n' }] },
  },
  ...extra,
});

describe('what an edit changed', () => {
  it('[HISTORY-1] names the leaf path with its value before and after', () => {
    expect(diffLab(lab('natnetwork'), lab('nat'))).toEqual([
      { path: ['vms', 'vm2', 'adapters', 0, 'mode'], before: 'natnetwork', after: 'nat' },
    ]);
  });

  it('[HISTORY-1] an added or removed key has no before or no after; key order is no change', () => {
    const before = lab('nat');
    const after = lab('nat', { title: 'T' });
    expect(diffLab(before, after)).toEqual([{ path: ['title'], after: 'T' }]);
    expect(diffLab(after, before)).toEqual([{ path: ['title'], before: 'T' }]);
    expect(diffLab({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
  });

  it('[HISTORY-2] writing the before values back gives the earlier state, even for a replaced lab', () => {
    const before = lab('nat-network', { services: ['tcp/22'] });
    const vms: Record<string, JsonValue> = {};
    for (let i = 0; i < 60; i++) vms[`x${i}`] = { adapters: [{ mode: 'nat' }, { mode: 'bridged' }] };
    const after: JsonValue = { format: 'vnetlab/1', title: 'new', vms };
    const changes = diffLab(before, after);
    expect(changes.length).toBeLessThanOrEqual(40);
    expect(undo(after, changes)).toEqual(before);
    const small = lab('nat', { services: ['tcp/22', 'tcp/80'] });
    expect(undo(small, diffLab(before, small))).toEqual(before);
  });
});

describe('which cells flipped', () => {
  const matrix = (reachable: boolean) => ({
    cells: [
      { from: 'vm2', to: 'vm1', kind: 'ping', port: null, reachable },
      { from: 'vm2', to: 'vm1', kind: 'tcp', port: 22, reachable: true },
    ],
  });
  it('[HISTORY-3] lists the pairs whose reachability changed, with the new state', () => {
    expect(matrixFlips(matrix(true), matrix(false))).toEqual([
      { from: 'vm2', to: 'vm1', probe: 'ping', reachable: false },
    ]);
    expect(matrixFlips(matrix(true), matrix(true))).toEqual([]);
    expect(matrixFlips(null, matrix(false))).toEqual([]);
  });
});
