import { describe, expect, it } from 'vitest';
import { NOT_DRIVING } from '../presence/drive';
import type { Person } from '../presence/peers';
import { rosterOf, setAuthorRoster } from './authorNames';
import { isStageView, nameHider } from './stageNames';

const person = (
  clientID: number,
  name: string,
  self = false,
  role: Person['role'] = null,
  key = name,
): Person => ({
  clientID,
  name,
  key,
  colour: '#000',
  initials: name.slice(0, 2),
  self,
  openVm: null,
  cursor: null,
  viewport: null,
  role,
  projector: false,
  drive: NOT_DRIVING,
});

describe('nameHider', () => {
  it('gives every other person a stable alias, and leaves this page its own name', () => {
    const hide = nameHider();
    const first = hide([person(1, 'Instructor', true), person(7, 'ana'), person(9, 'bo')]);
    expect(first.map((p) => p.name)).toEqual(['Instructor', 'Student A', 'Student B']);
    const later = hide([person(9, 'bo renamed'), person(7, 'ana')]);
    expect(later.map((p) => p.name)).toEqual(['Student B', 'Student A']);
    expect(later.every((p) => !p.initials.includes('b'))).toBe(true);
  });
  it('names people as the room’s history does (the class’s aliases); the instructor’s other tab stays the instructor', () => {
    setAuthorRoster(
      rosterOf({
        people: { '@m1': 'ana', '@m2': 'bo', '@instructor': 'Instructor' },
        aliases: { '@m1': 'Student A', '@m2': 'Student B', '@instructor': 'Instructor' },
      }),
    );
    const hide = nameHider();
    const seen = hide([
      person(1, 'Instructor', true, 'instructor'),
      person(2, 'Instructor', false, 'instructor'),
      person(3, '老师', false, 'instructor'),
      person(9, 'bo'),
      // A student claiming to be the instructor under their own name is hidden all the same.
      person(7, 'ana', false, 'instructor'),
    ]);
    expect(seen.map((p) => p.name)).toEqual(['Instructor', 'Instructor', '老师', 'Student B', 'Student A']);
    setAuthorRoster({ people: {}, aliases: {} });
  });
  it('aliases by the author key a page publishes: two students of one name, the instructor’s tab under any name', () => {
    setAuthorRoster(
      rosterOf({
        people: { '@m1': 'ana', '@m3': 'ana', '@instructor': 'Instructor' },
        aliases: { '@m1': 'Student A', '@m3': 'Student C', '@instructor': 'Instructor' },
      }),
    );
    const hide = nameHider();
    const seen = hide([
      person(1, 'Ms Li', true, 'instructor', '@instructor'),
      // Their laptop's tab, before /me told it it is the instructor's: the key says so already.
      person(2, 'Ms Li', false, null, '@instructor'),
      person(5, 'ana', false, null, '@m3'),
      person(4, 'ana', false, null, '@m1'),
      // A student who publishes the instructor's key under their own name is still aliased.
      person(6, 'ana', false, 'instructor', '@instructor'),
    ]);
    expect(seen.map((p) => p.name)).toEqual(['Ms Li', 'Ms Li', 'Student C', 'Student A', 'Student A']);
    setAuthorRoster({ people: {}, aliases: {} });
  });
  it('knows the stage view by its parameter', () => {
    expect(isStageView('?token=x&stage=1')).toBe(true);
    expect(isStageView('?token=x')).toBe(false);
  });
});
