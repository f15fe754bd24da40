import { describe, expect, it } from 'vitest';
import { heavyStepsWaiting, heavyTurn } from './heavyTurns';

describe('heavyTurn', () => {
  it('grants a turn at once when no heavy step waits', async () => {
    // Settles before a macrotask queued after it: no added turn for a lone step.
    let later = false;
    setTimeout(() => {
      later = true;
    }, 0);
    await heavyTurn();
    expect(later).toBe(false);
    // Let the grant lapse before the next test.
    await new Promise((resolve) => setTimeout(resolve, 5));
  });

  it('runs steps asked for at once one per turn, with the event loop turning between them', async () => {
    const events: string[] = [];
    const steps = Array.from({ length: 4 }, (_, i) =>
      heavyTurn().then(() => {
        events.push(`step ${i}`);
        // What a socket's frame would be: queued during the step, it must run before the next step.
        setImmediate(() => events.push(`between ${i}`));
      }),
    );
    expect(heavyStepsWaiting()).toBe(3);
    await Promise.all(steps);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([
      'step 0',
      'between 0',
      'step 1',
      'between 1',
      'step 2',
      'between 2',
      'step 3',
      'between 3',
    ]);
    expect(heavyStepsWaiting()).toBe(0);
  });
});
