/**
 * `next`, with every part that equals the same part of `prev` replaced by `prev`'s own
 * object: structural sharing between two snapshots of the room.
 *
 * The room's views (labView, resultsView) are rebuilt from plain JSON on every change,
 * so each VM, adapter and lease is a new object every time, and Solid's `Index` /
 * `For` rows re-run every binding of every row for a one-field edit. Handed back the old
 * objects where nothing changed, they re-run only the row that changed. Plain objects,
 * arrays and Maps are walked; anything else is compared with Object.is.
 */
export function shareUnchanged<T>(prev: T | undefined, next: T): T {
  return share(prev, next) as T;
}

function share(prev: unknown, next: unknown): unknown {
  if (Object.is(prev, next) || prev === undefined) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = share(prev[i], item);
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return same ? prev : out;
  }
  if (next instanceof Map) {
    if (!(prev instanceof Map)) return next;
    let same = prev.size === next.size;
    const out = new Map();
    for (const [key, value] of next) {
      const shared = share(prev.get(key), value);
      if (shared !== prev.get(key) || !prev.has(key)) same = false;
      out.set(key, shared);
    }
    return same ? prev : out;
  }
  if (isPlain(next)) {
    if (!isPlain(prev)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const shared = share(prev[key], next[key]);
      if (shared !== prev[key] || !(key in prev)) same = false;
      out[key] = shared;
    }
    return same ? prev : out;
  }
  return next;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
