import { describe, expect, it } from 'vitest';
import type { Person } from '../presence/peers';
import { isStageView, nameHider } from './stageNames';

const person = (clientID: number, name: string, self = false): Person => ({
  clientID,
  name,
  colour: '#000',
  initials: name.slice(0, 2),
  self,
  openVm: null,
  cursor: null,
  viewport: null,
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
  it('knows the stage view by its parameter', () => {
    expect(isStageView('?token=x&stage=1')).toBe(true);
    expect(isStageView('?token=x')).toBe(false);
  });
});
