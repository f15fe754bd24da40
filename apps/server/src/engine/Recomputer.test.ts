import { describe, expect, it } from 'vitest';
import { Recomputer } from './Recomputer';

describe('Recomputer', () => {
  it('[ENGINE-1] coalesces a burst of requests into one computation of the newest state', async () => {
    let state = 0;
    const seen: number[] = [];
    const recomputer = new Recomputer(async () => {
      seen.push(state);
    });
    for (let i = 1; i <= 100; i++) {
      state = i;
      recomputer.request();
    }
    await recomputer.whenIdle();
    expect(seen).toEqual([100]);
  });

  it('runs again for a request made after a computation', async () => {
    const seen: number[] = [];
    const recomputer = new Recomputer(async () => {
      seen.push(seen.length);
    });
    recomputer.request();
    await recomputer.whenIdle();
    recomputer.request();
    await recomputer.whenIdle();
    expect(seen).toEqual([0, 1]);
  });

  it('does not compute on the caller’s stack', () => {
    let computed = false;
    const recomputer = new Recomputer(async () => {
      computed = true;
    });
    recomputer.request();
    expect(computed).toBe(false);
    recomputer.stop();
  });

  it('[ENGINE-1] keeps one computation in flight: edits during it cause exactly one more, of the newest state', async () => {
    let state = 0;
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const recomputer = new Recomputer(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const snapshot = state;
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(snapshot);
      inFlight--;
    });
    recomputer.request();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 1; i <= 10; i++) {
      state = i;
      recomputer.request();
    }
    await recomputer.whenIdle();
    expect(seen).toEqual([0, 10]);
    expect(maxInFlight).toBe(1);
  });

  it('[ENGINE-4] catches up with every edit made so far while edits keep coming', async () => {
    let state = 0;
    const seen: number[] = [];
    const recomputer = new Recomputer(async () => {
      const snapshot = state;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(snapshot);
    });
    const editing = setInterval(() => {
      state++;
      recomputer.request();
    }, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = state;
    await recomputer.whenCaughtUp();
    clearInterval(editing);
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(asked);
    recomputer.stop();
  });
});
