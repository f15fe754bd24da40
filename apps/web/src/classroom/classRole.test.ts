import { describe, expect, it } from 'vitest';
import { readOnlyReasonOf, selfKeyOf } from './classRole';

describe('readOnlyReasonOf', () => {
  const me = { role: 'student', room: 'own', stageRoom: 'stage', paused: false };
  it('lets a student edit their own room while the class runs', () => {
    expect(readOnlyReasonOf(me, 'own')).toBeNull();
  });
  it('makes it read-only while paused, and the stage and other rooms always', () => {
    expect(readOnlyReasonOf({ ...me, paused: true }, 'own')).toBe('paused');
    expect(readOnlyReasonOf(me, 'stage')).toBe('stage');
    expect(readOnlyReasonOf(me, 'group-3')).toBe('spotlight');
  });
  it('never for the instructor', () => {
    expect(readOnlyReasonOf({ ...me, role: 'instructor', paused: true }, 'stage')).toBeNull();
  });
});

describe('the key this page signs with', () => {
  it('is the member’s for a student, one for all the instructor’s tabs, none outside a class', () => {
    expect(selfKeyOf({ role: 'student', member: 'M7' })).toBe('@M7');
    expect(selfKeyOf({ role: 'instructor' })).toBe('@instructor');
    expect(selfKeyOf({ role: 'student' })).toBeNull();
    expect(selfKeyOf({})).toBeNull();
  });
});
