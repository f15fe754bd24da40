import { describe, expect, it } from 'vitest';
import { type FrameClock, frameBatch } from './frameBatch';

/** A clock whose frames the test ends by hand. */
function manualClock(): FrameClock & { tick: () => void } {
  let waiting: (() => void)[] = [];
  return {
    request: (run) => {
      waiting.push(run);
      return () => {
        waiting = waiting.filter((r) => r !== run);
      };
    },
    tick: () => {
      const now = waiting;
      waiting = [];
      for (const run of now) run();
    },
  };
}

describe('frameBatch', () => {
  it('runs the first change at once and the rest of the frame once, at its end', () => {
    const clock = manualClock();
    let runs = 0;
    const batch = frameBatch(() => runs++, clock);
    batch.changed();
    expect(runs).toBe(1);
    batch.changed();
    batch.changed();
    batch.changed();
    expect(runs).toBe(1);
    clock.tick();
    expect(runs).toBe(2);
    clock.tick(); // a quiet frame: nothing pending
    expect(runs).toBe(2);
    batch.changed(); // after the quiet frame: at once again
    expect(runs).toBe(3);
  });

  it('flush runs a pending change now, and only once', () => {
    const clock = manualClock();
    let runs = 0;
    const batch = frameBatch(() => runs++, clock);
    batch.changed();
    batch.changed();
    batch.flush();
    expect(runs).toBe(2);
    batch.flush();
    clock.tick();
    expect(runs).toBe(2);
  });

  it('dispose drops what was pending', () => {
    const clock = manualClock();
    let runs = 0;
    const batch = frameBatch(() => runs++, clock);
    batch.changed();
    batch.changed();
    batch.dispose();
    clock.tick();
    expect(runs).toBe(1);
  });
});
