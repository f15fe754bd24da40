import { describe, expect, it } from 'vitest';
import { historyEntries, labAt, revertWrites } from './timelineView';

const entries = historyEntries([
  {
    id: 'a',
    revision: 2,
    at: 1,
    by: ['Ana'],
    changes: [{ path: ['vms', 'vm2', 'adapters', 0, 'mode'], before: 'natnetwork', after: 'nat' }],
    flips: [],
  },
  {
    id: 'b',
    revision: 3,
    at: 2,
    by: ['Ben'],
    changes: [
      { path: ['title'], after: 'T' },
      { path: ['vms', 'vm3'], before: { adapters: [] } },
    ],
    flips: [],
  },
  { id: 'bad', changes: [{ path: [{}] }], flips: [{ reachable: 'yes' }] },
]);

describe('the timeline', () => {
  it('reads entries without trusting them', () => {
    expect(entries).toHaveLength(3);
    expect(entries[2]?.changes).toEqual([]);
    expect(entries[2]?.flips).toEqual([]);
  });

  it('gives the lab as it was after an entry by writing later befores back, newest first', () => {
    const live = { format: 'vnetlab/1', title: 'T', vms: { vm2: { adapters: [{ mode: 'nat' }] } } };
    expect(labAt(live, entries, 0)).toEqual({
      format: 'vnetlab/1',
      vms: { vm2: { adapters: [{ mode: 'nat' }] }, vm3: { adapters: [] } },
    });
    expect(labAt(live, entries, -1).vms).toEqual({
      vm2: { adapters: [{ mode: 'natnetwork' }] },
      vm3: { adapters: [] },
    });
    expect(live.title).toBe('T');
  });

  it('reverts one entry by writing its before values', () => {
    expect(revertWrites(entries[1]!)).toEqual([
      [['title'], undefined],
      [['vms', 'vm3'], { adapters: [] }],
    ]);
  });
});
