import { describe, expect, it } from 'vitest';
import { colourChoices } from './identity';
import { colourOfAuthor, peopleOf, peopleWithVmOpen } from './peers';

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

  it('colours a person by their author key: the same after anyone reloads (new client ids)', () => {
    const room = (ids: [number, number, number]) =>
      new Map<number, unknown>([
        [ids[0], { user: { name: 'Ana', key: '@m1' } }],
        [ids[1], { user: { name: 'Bo', key: '@m2' } }],
        [ids[2], { user: { name: 'Cy', key: '@m3' } }],
      ]);
    const colours = (ids: [number, number, number]) =>
      Object.fromEntries(peopleOf(room(ids), ids[0]).map((p) => [p.key, p.colour]));
    const before = colours([10, 20, 30]);
    expect(new Set(Object.values(before)).size).toBe(3);
    // Everyone reloaded, in another order: new client ids, the same colours.
    expect(colours([93, 41, 7])).toEqual(before);
  });

  it('two keys wanting one colour: the first in key order keeps it, whatever the client ids', () => {
    // Two keys whose own colour is the same one.
    const keys = Array.from({ length: 40 }, (_, i) => `@k${i}`);
    const first = keys[0]!;
    const twin = keys.find((k) => k !== first && colourChoices(k, 0)[0] === colourChoices(first, 0)[0])!;
    for (const [a, b] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const people = peopleOf(
        new Map<number, unknown>([
          [a, { user: { name: 'Ana', key: first } }],
          [b, { user: { name: 'Ana', key: twin } }],
        ]),
        1,
      );
      const colourOfKey = (key: string) => people.find((p) => p.key === key)?.colour;
      const leader = [first, twin].sort()[0]!;
      expect(colourOfKey(leader)).toBe(colourChoices(first, 0)[0]);
      expect(colourOfKey(first)).not.toBe(colourOfKey(twin));
    }
  });

  it('one person’s two tabs share their colour; a history entry signed by the key has it, under an alias too', () => {
    const people = peopleOf(
      new Map<number, unknown>([
        [5, { user: { name: 'Ms Li', key: '@instructor', role: 'instructor' } }],
        [6, { user: { name: 'Ms Li', key: '@instructor', role: 'instructor', view: 'projector' } }],
        [7, { user: { name: 'Student A', key: '@m1' } }],
      ]),
      5,
    );
    const [tab, projector, student] = [5, 6, 7].map((id) => people.find((p) => p.clientID === id)!);
    expect(projector?.colour).toBe(tab?.colour);
    expect(colourOfAuthor(people, '@instructor')).toBe(tab?.colour);
    // The history says `@m1`; the page knows the person by their alias only.
    expect(colourOfAuthor(people, '@m1')).toBe(student?.colour);
    // Gone from the room: their key's own colour, the one they get when they come back alone.
    expect(colourOfAuthor(people, '@m9')).toBe(colourChoices('@m9', 0)[0]);
  });

  it('outside a class the key is the name, as the history signs it', () => {
    const people = peopleOf(new Map<number, unknown>([[3, { user: { name: 'Ana', key: 'not a key' } }]]), 3);
    expect(people[0]?.key).toBe('Ana');
    expect(colourOfAuthor(people, 'Ana')).toBe(people[0]?.colour);
  });
});
