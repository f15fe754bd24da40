import { describe, expect, it } from 'vitest';
import { peopleOf, peopleWithVmOpen } from './peers';

const states = new Map<number, unknown>([
  [30, { user: { name: 'Ben' }, openVm: 'vm2', cursor: { x: 0.5, y: 0.25 } }],
  [10, { user: { name: 'Ana' }, openVm: 'vm2', viewport: { x: 1, y: 2, k: 0 } }],
  [20, {}],
  [40, { user: { name: 'Cleo' }, openVm: 7, cursor: { x: 'a' } }],
]);

describe('the people present', () => {
  it('this page first, then by name; states without a name are not people; bad fields are dropped', () => {
    const people = peopleOf(states, 40);
    expect(people.map((p) => [p.name, p.self])).toEqual([
      ['Cleo', true],
      ['Ana', false],
      ['Ben', false],
    ]);
    expect(people[0]).toMatchObject({ openVm: null, cursor: null });
    expect(people[1]?.viewport).toBeNull();
    expect(people[2]?.cursor).toEqual({ x: 0.5, y: 0.25 });
  });

  it('gives people present different colours', () => {
    const same = new Map<number, unknown>([
      [1, { user: { name: 'Ana' } }],
      [2, { user: { name: 'Ana' } }],
    ]);
    const [a, b] = peopleOf(same, 1);
    expect(a?.colour).not.toBe(b?.colour);
  });

  it('peopleWithVmOpen lists the partners with that dialog open, not this page', () => {
    expect(peopleWithVmOpen(peopleOf(states, 10), 'vm2').map((p) => p.name)).toEqual(['Ben']);
  });
});
