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

/** Anything stored in a Y type -> plain JSON. */
export function fromYValue(value: unknown): JsonValue {
  if (value instanceof Y.Map) return yMapToJson(value);
  if (value instanceof Y.Array) return value.toArray().map(fromYValue);
  if (value instanceof Y.AbstractType) return value.toJSON() as JsonValue;
  return toPlainJson(value);
}

export function yMapToJson(map: Y.Map<unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of map.entries()) out[key] = fromYValue(value);
  return out;
}

function toPlainJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value instanceof Y.AbstractType) return fromYValue(value);
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toPlainJson(member);
    }
    return out;
  }
  return null;
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
