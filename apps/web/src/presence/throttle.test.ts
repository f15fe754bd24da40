import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    timer: {
      set: (fn: () => void, ms: number) => {
        const entry = { at: t + ms, fn };
        timers.push(entry);
        return entry;
      },
      clear: (id: unknown) => {
        timers.splice(timers.indexOf(id as (typeof timers)[number]), 1);
      },
    },
    advance(ms: number) {
      t += ms;
      for (const entry of [...timers].filter((e) => e.at <= t)) {
        timers.splice(timers.indexOf(entry), 1);
        entry.fn();
      }
    },
  };
}

describe('throttle', () => {
  it('sends the first at once, then at most one per interval, the newest, and the last one', () => {
    const time = fakeTime();
    const sent: number[] = [];
    const move = throttle((v: number) => sent.push(v), 50, time.now, time.timer);
    move(1);
    move(2);
    move(3);
    expect(sent).toEqual([1]);
    time.advance(50);
    expect(sent).toEqual([1, 3]);
    for (let i = 4; i < 40; i++) {
      move(i);
      time.advance(5);
    }
    time.advance(100);
    // 180 ms of moves at 5 ms: one send per 50 ms, and the final position.
    expect(sent.length).toBeLessThanOrEqual(2 + 4 + 1);
    expect(sent.at(-1)).toBe(39);
  });
});
