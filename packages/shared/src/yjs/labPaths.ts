/**
 * Writes values at paths of the lab (`['vms', 'vm2', 'adapters', 0, 'mode']`), as the
 * room's history names them: a revert writes an entry's `before` values back as this
 * person's own edit. All paths of one call go in one transaction with `origin`, so one
 * revert is one undo step. `value: undefined` deletes the key (it did not exist before).
 */
import * as Y from 'yjs';
import { type JsonValue, labMap, toYValue } from './labDoc';
import type { LabPath } from './labEdits';

export interface PathWrite {
  readonly path: LabPath;
  readonly value: JsonValue | undefined;
}

export function writeLabPaths(doc: Y.Doc, writes: readonly PathWrite[], origin: unknown): void {
  doc.transact(() => {
    for (const write of writes) writeAt(labMap(doc), write.path, write.value);
  }, origin);
}

function writeAt(root: Y.Map<unknown>, path: LabPath, value: JsonValue | undefined): void {
  if (path.length === 0) return;
  let node: Y.Map<unknown> | Y.Array<unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    const child = getChild(node, segment);
    if (child instanceof Y.Map || child instanceof Y.Array) {
      node = child;
      continue;
    }
    if (child === undefined && node instanceof Y.Map && typeof segment === 'string') {
      // The object was removed since (a VM deleted later): bring back the part on the path.
      const created = new Y.Map<unknown>();
      node.set(segment, created);
      node = created;
      continue;
    }
    if (child === undefined) return;
    // A plain JSON value stored as it is (an array of strings): rewrite it whole.
    setChild(node, segment, setIn(child as JsonValue, path.slice(i + 1), value));
    return;
  }
  setChild(node, path[path.length - 1]!, value);
}

function getChild(node: Y.Map<unknown> | Y.Array<unknown>, segment: string | number): unknown {
  if (node instanceof Y.Map) return typeof segment === 'string' ? node.get(segment) : undefined;
  return typeof segment === 'number' && segment < node.length ? node.get(segment) : undefined;
}

function setChild(
  node: Y.Map<unknown> | Y.Array<unknown>,
  segment: string | number,
  value: JsonValue | undefined,
) {
  if (node instanceof Y.Map) {
    if (typeof segment !== 'string') return;
    if (value === undefined) node.delete(segment);
    else node.set(segment, toYValue(value));
    return;
  }
  if (typeof segment !== 'number' || segment > node.length) return;
  if (segment < node.length) node.delete(segment, 1);
  if (value !== undefined) node.insert(segment, [toYValue(value)]);
}

/** A copy of a plain JSON value with `value` at `path` (undefined: removed). */
function setIn(target: JsonValue, path: LabPath, value: JsonValue | undefined): JsonValue | undefined {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(target) && typeof head === 'number') {
    const copy = [...target];
    const next = setIn(copy[head] ?? null, rest, value);
    if (next === undefined) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  if (typeof target === 'object' && target !== null && !Array.isArray(target) && typeof head === 'string') {
    const copy = { ...target };
    const next = setIn(copy[head] ?? {}, rest, value);
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  return target;
}
