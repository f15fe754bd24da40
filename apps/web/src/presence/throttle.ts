/**
 * At most one call per `intervalMs`, the newest argument wins, and the last one is
 * never lost (a cursor that stops must be drawn where it stopped). Cursors go to every
 * partner through the server; ~20 a second is smooth and far under its limits.
 */
export interface Throttled<T> {
  (value: T): void;
  cancel(): void;
}

export function throttle<T>(
  send: (value: T) => void,
  intervalMs: number | (() => number),
  now: () => number = () => performance.now(),
  timer: { set: (fn: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  },
): Throttled<T> {
  let last = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let scheduled: unknown = null;
  const flush = () => {
    scheduled = null;
    if (!pending) return;
    last = now();
    const { value } = pending;
    pending = null;
    send(value);
  };
  const throttled = ((value: T) => {
    pending = { value };
    if (scheduled !== null) return;
    const wait = last + (typeof intervalMs === 'number' ? intervalMs : intervalMs()) - now();
    if (wait <= 0) flush();
    else scheduled = timer.set(flush, wait);
  }) as Throttled<T>;
  throttled.cancel = () => {
    if (scheduled !== null) timer.clear(scheduled);
    scheduled = null;
    pending = null;
  };
  return throttled;
}
