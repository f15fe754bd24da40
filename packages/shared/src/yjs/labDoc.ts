/**
 * The lab file <-> the room's Y.Doc (DESIGN.md, "Public contracts", Sync).
 *
 * The root `Y.Map` named `lab` holds the lab file: JSON objects are `Y.Map`s, arrays
 * whose every element is an object are `Y.Array`s of `Y.Map`s, every other value
 * (strings, numbers, booleans, null, empty arrays, arrays of strings) is stored as it
 * is. Reading accepts more than writing produces (a plain object or a `Y.Array` of
 * strings reads back as JSON too), so a client that stores a value "as is" where we
 * would have made a `Y.Map` still reads back correctly.
 */
import * as Y from 'yjs';
import { LAB_LIMITS } from '../lab/limits';

/** The name of the room document's root map. */
export const LAB_ROOT = 'lab';
/** The name of the results document's root map. */
export const RESULTS_ROOT = 'results';
/** The suffix of the results document's name: `ROOM:results`. */
export const RESULTS_DOC_SUFFIX = ':results';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a JSON value becomes inside a `Y.Map` or `Y.Array`. */
export type LabYValue = Y.Map<unknown> | Y.Array<unknown> | JsonValue;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArrayOfObjects(value: unknown[]): boolean {
  return value.length > 0 && value.every(isPlainObject);
}

/** JSON value -> what to store in a Y type (a fresh, not yet integrated Y type for objects). */
export function toYValue(value: unknown): LabYValue {
  if (Array.isArray(value)) {
    if (!isArrayOfObjects(value)) return value.map(toPlainJson);
    const array = new Y.Array<unknown>();
    array.push(value.map((item) => toYMap(item as Record<string, unknown>)));
    return array;
  }
  if (isPlainObject(value)) return toYMap(value);
  return toPlainJson(value);
}

/** A JSON object -> a fresh `Y.Map` (undefined members are left out, as JSON would). */
export function toYMap(object: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(object)) {
    if (value !== undefined) map.set(key, toYValue(value));
  }
  return map;
}

/**
 * How deep reading goes: one past the limit, so that `checkLabLimits` still sees (and
 * names) a value nested too deep, while what lies below is read as `null`. Reading is
 * iterative: a stored value nested thousands deep (older data, or another writer) can
 * neither overflow the stack here nor reach a worker or the engine.
 */
export const READ_DEPTH = LAB_LIMITS.maxDepth + 1;

/** Anything stored in a Y type -> plain JSON, `depth` levels deep already. */
export function fromYValue(value: unknown, depth = 1): JsonValue {
  return toJsonBounded(value, depth);
}

export function yMapToJson(map: Y.Map<unknown>, depth = 1): JsonObject {
  const json = toJsonBounded(map, depth);
  return isPlainObject(json) ? (json as JsonObject) : {};
}

function toPlainJson(value: unknown): JsonValue {
  return toJsonBounded(value, 1);
}

interface ReadFrame {
  readonly value: unknown;
  readonly depth: number;
  readonly set: (json: JsonValue) => void;
}

/** Y types and plain values alike -> JSON, without recursion; deeper than READ_DEPTH is null. */
function toJsonBounded(root: unknown, startDepth: number): JsonValue {
  let result: JsonValue = null;
  const stack: ReadFrame[] = [{ value: root, depth: startDepth, set: (json) => (result = json) }];
  while (stack.length > 0) {
    const { value, depth, set } = stack.pop() as ReadFrame;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
      set(value);
      continue;
    }
    if (typeof value === 'number') {
      set(Number.isFinite(value) ? value : null);
      continue;
    }
    if (value instanceof Y.Text) {
      set(value.toString());
      continue;
    }
    const isMap = value instanceof Y.Map;
    const isArray = value instanceof Y.Array || Array.isArray(value);
    if (!isMap && !isArray && !isPlainObject(value)) {
      set(null); // undefined, bigint, binary, other Y types: nothing JSON would carry
      continue;
    }
    if (depth > READ_DEPTH) {
      set(null);
      continue;
    }
    if (isArray) {
      const items = value instanceof Y.Array ? value.toArray() : (value as unknown[]);
      const out: JsonValue[] = new Array(items.length).fill(null);
      set(out);
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push({ value: items[i], depth: depth + 1, set: (json) => (out[i] = json) });
      }
      continue;
    }
    const out: JsonObject = {};
    set(out);
    const entries = isMap
      ? [...(value as Y.Map<unknown>).entries()]
      : Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
    // Keys in their order: placeholders first, filled as the stack unwinds.
    for (const [key] of entries) out[key] = null;
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, member] = entries[i] as [string, unknown];
      stack.push({ value: member, depth: depth + 1, set: (json) => (out[key] = json) });
    }
  }
  return result;
}

/** The lab root map of a room document. */
export function labMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(LAB_ROOT);
}

/** The room document's lab as plain JSON (not validated: pass it to `parseLab`). */
export function readLab(doc: Y.Doc): JsonObject {
  return yMapToJson(labMap(doc));
}

/**
 * Replaces the whole lab in one transaction with `origin`: keys absent from `lab` are
 * deleted, every present key is rewritten.
 */
export function writeLab(doc: Y.Doc, lab: Record<string, unknown>, origin: unknown): void {
  doc.transact(() => {
    const map = labMap(doc);
    for (const key of [...map.keys()]) {
      if (!(key in lab) || lab[key] === undefined) map.delete(key);
    }
    for (const [key, value] of Object.entries(lab)) {
      if (value !== undefined) map.set(key, toYValue(value));
    }
  }, origin);
}
