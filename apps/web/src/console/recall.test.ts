import { describe, expect, it } from 'vitest';
import { recallList, recallStep } from './recall';

describe('command recall', () => {
  const list = recallList(
    [
      { at: 1, command: 'ip addr' },
      { at: 3, command: 'ping -c 1 10.0.2.2' },
      { at: 4, command: 'ping -c 1 10.0.2.2' },
    ],
    [{ at: 2, command: 'lss' }],
  );

  it('merges the room and this person in time order, repeats folded', () => {
    expect(list).toEqual(['ip addr', 'lss', 'ping -c 1 10.0.2.2']);
  });

  it('↑ walks back and stops at the oldest; ↓ walks forward to the draft', () => {
    let state = { position: 0, text: 'dra' };
    const press = (key: 'up' | 'down') => {
      state = recallStep(list, state.position, key, 'dra');
      return state.text;
    };
    expect(press('up')).toBe('ping -c 1 10.0.2.2');
    expect(press('up')).toBe('lss');
    expect(press('up')).toBe('ip addr');
    expect(press('up')).toBe('ip addr');
    expect(press('down')).toBe('lss');
    expect(press('down')).toBe('ping -c 1 10.0.2.2');
    expect(press('down')).toBe('dra');
    expect(press('down')).toBe('dra');
  });
});
