/**
 * One heavy step per turn of the event loop, for the whole process (issue #10).
 *
 * Reading, checking and writing the largest allowed lab each hold the main thread for
 * tens of milliseconds. Yielding with `setImmediate` between them is not enough: four
 * such labs POSTed at once queue four immediates, and the check phase runs them back to
 * back (profiled: 170–220 ms without a poll), while every other room's frames wait for
 * the poll phase. Here a heavy step waits for its turn: at most one runs between two
 * polls, so another room's edit waits for one step at most, never for all of them.
 *
 * Usage: `await heavyTurn();` then the step, synchronously. Light work (a classroom
 * lab) should not call it: when nothing heavy is waiting a turn is granted at once, but
 * behind a queue of big labs it waits its place.
 */

/**
 * What counts as heavy in bytes: a client update past it is checked and applied in turns
 * of their own (DocChannel), a stored document past it loads in turns (storedUpdates.ts).
 */
export const HEAVY_UPDATE_BYTES = 64 * 1024;

const waiting: (() => void)[] = [];
/** A step was granted and the poll phase has not run since. */
let granted = false;

/**
 * Two immediates: one granted from the poll phase has its first immediate in the same
 * iteration's check phase, before the next poll; the second lands after it.
 */
function releaseAfterPoll(): void {
  setImmediate(() => setImmediate(release));
}

function release(): void {
  granted = false;
  const next = waiting.shift();
  if (!next) return;
  granted = true;
  releaseAfterPoll();
  next();
}

/** Resolves when this turn may run one heavy step (at once if none ran since the last poll). */
export function heavyTurn(): Promise<void> {
  if (!granted && waiting.length === 0) {
    granted = true;
    releaseAfterPoll();
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** Steps waiting for a turn (for tests). */
export function heavyStepsWaiting(): number {
  return waiting.length;
}
