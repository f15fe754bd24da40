/**
 * Puts values back at concrete paths of the lab document (a compensating write): the
 * deepest Y container on the path gets the old value, as a fresh Y value, or loses the
 * key if there was none. Where the path runs through a plain value (a list of strings)
 * or through something the write removed, the nearest Y container gets back the whole
 * old value below it.
 */
import { type ConcretePath, type JsonValue, LAB_ROOT, toYValue } from '@vnetlab/shared';
import * as Y from 'yjs';

export function restorePath(doc: Y.Doc, before: JsonValue, path: ConcretePath): void {
  let container: Y.Map<unknown> | Y.Array<unknown> = doc.getMap(LAB_ROOT);
  let depth = 0;
  for (; depth < path.length - 1; depth++) {
    const child = childOf(container, path[depth] as string | number);
    if (!(child instanceof Y.Map || child instanceof Y.Array)) break;
    container = child;
  }
  const step = path[depth] as string | number;
  put(container, step, valueAt(before, path.slice(0, depth + 1)));
}

function childOf(container: Y.Map<unknown> | Y.Array<unknown>, step: string | number): unknown {
  if (container instanceof Y.Map) return typeof step === 'string' ? container.get(step) : undefined;
  return typeof step === 'number' && step < container.length ? container.get(step) : undefined;
}

function put(
  container: Y.Map<unknown> | Y.Array<unknown>,
  step: string | number,
  value: JsonValue | undefined,
) {
  if (container instanceof Y.Map) {
    const key = String(step);
    if (value === undefined) container.delete(key);
    else container.set(key, toYValue(value));
    return;
  }
  const index = Number(step);
  if (index < container.length) container.delete(index, 1);
  if (value !== undefined) container.insert(Math.min(index, container.length), [toYValue(value)]);
}

export function valueAt(root: JsonValue, path: ConcretePath): JsonValue | undefined {
  let value: JsonValue | undefined = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value)
      ? typeof step === 'number'
        ? value[step]
        : undefined
      : Object.hasOwn(value, String(step))
        ? value[String(step)]
        : undefined;
  }
  return value;
}

/** Structural equality of JSON values (key order aside). */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ak = Object.keys(a);
  const bo = b as Record<string, JsonValue>;
  return (
    ak.length === Object.keys(bo).length &&
    ak.every((key) => sameJson((a as Record<string, JsonValue>)[key], bo[key]))
  );
}

/** The first path (depth first, keys in order) where `after` differs from `before`, as deep as it goes. */
export function firstChange(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: (string | number)[] = [],
): ConcretePath | null {
  if (sameJson(before, after)) return null;
  const container = (value: JsonValue | undefined) => typeof value === 'object' && value !== null;
  if (!container(before) || !container(after) || Array.isArray(before) !== Array.isArray(after)) return path;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const found = firstChange(before[index], after[index], [...path, index]);
      if (found) return found;
    }
    return path;
  }
  const a = before as Record<string, JsonValue>;
  const b = after as Record<string, JsonValue>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstChange(a[key], b[key], [...path, key]);
    if (found) return found;
  }
  return path;
}
