/**
 * Where people dragged the canvas's nodes: the room document's root `Y.Map` named
 * `layout`, node key -> `{x, y}` (world coordinates of the topology). Kept beside the
 * lab, not in it: moving a box is not an edit of the lab file, and the engine never
 * reads it. A node without an entry is placed by the canvas's automatic layout.
 */
import type * as Y from 'yjs';

export const LAYOUT_ROOT = 'layout';

export interface NodePosition {
  readonly x: number;
  readonly y: number;
}

export function layoutMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(LAYOUT_ROOT);
}

/** A stored position, or null when the entry is missing or not two finite numbers. */
export function positionOf(value: unknown): NodePosition | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as Record<string, unknown>;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : null;
}

/** Every valid stored position; entries of another shape are skipped, never trusted. */
export function readLayout(doc: Y.Doc): ReadonlyMap<string, NodePosition> {
  const out = new Map<string, NodePosition>();
  for (const [key, value] of layoutMap(doc).entries()) {
    const position = positionOf(value);
    if (position) out.set(key, position);
  }
  return out;
}

/** A position as the room document keeps it: whole units, small and the same on every page. */
export const wholeUnits = (p: NodePosition): NodePosition => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** One drag's end: every moved node in one transaction (`origin` = the person), in whole units. */
export function writePositions(doc: Y.Doc, moved: ReadonlyMap<string, NodePosition>, origin: unknown): void {
  if (moved.size === 0) return;
  const map = layoutMap(doc);
  doc.transact(() => {
    for (const [key, { x, y }] of moved) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      map.set(key, wholeUnits({ x, y }));
    }
  }, origin);
}

/** Forgets stored positions (e.g. "arrange again"), in one transaction. */
export function clearPositions(doc: Y.Doc, keys: Iterable<string>, origin: unknown): void {
  const map = layoutMap(doc);
  doc.transact(() => {
    for (const key of keys) map.delete(key);
  }, origin);
}
