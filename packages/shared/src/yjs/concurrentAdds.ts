/**
 * Two people who add a VM at the same moment both pick the same free name (`vm3`), as
 * two who add the first NAT network both pick `NatNetwork`: the room's Y.Map keeps one
 * of the two writes at that key (the last writer wins) and drops the other, with
 * whatever its author had already set in it. Names that no two clients could pick
 * alike would not be the product's names (`vm3`, `NatNetwork1`), and adapters name
 * their network by its key, so the repair comes after the fact: the author of an
 * addition that a concurrent write dropped — the one client that still knows what it
 * held — adds it again under the name its add picks now, keeping the edits made in it.
 * Yjs drops the same write on every client, so exactly one of two authors repairs, and
 * once the repair has synced both additions are in the room (three at once converge
 * the same way, one round more).
 *
 * Only pages that call `keepConcurrentAdds` repair (the room page); elsewhere (the
 * server, the command line) there is one writer per document and nothing to keep.
 */
import * as Y from 'yjs';
import { fromYValue, type JsonValue, labMap } from './labDoc';

/** Re-adds an addition that a concurrent write dropped, given what it held then. */
export type Readd = (held: JsonValue) => void;

interface Kept {
  readonly entry: Y.Map<unknown>;
  held: JsonValue;
  readonly readd: Readd;
  readonly observe: () => void;
}

const keepers = new WeakMap<Y.Doc, Set<Kept>>();

/**
 * From now on, this person's additions in `doc` (`addVm`, `cloneVm`, `addNatNetwork`…)
 * are added again when a concurrent addition under the same name drops them. Returns
 * the function that stops it.
 */
export function keepConcurrentAdds(doc: Y.Doc): () => void {
  const kept = new Set<Kept>();
  keepers.set(doc, kept);
  const check = (transaction: Y.Transaction) => {
    // Only someone else's update can drop an addition; one's own undo removes it on purpose.
    if (transaction.local || kept.size === 0) return;
    for (const item of [...kept]) {
      const fate = fateOf(item.entry);
      if (fate === 'alive') continue;
      forget(kept, item);
      if (fate === 'overwritten') item.readd(item.held);
    }
  };
  doc.on('afterTransaction', check);
  return () => {
    doc.off('afterTransaction', check);
    for (const item of [...kept]) forget(kept, item);
    if (keepers.get(doc) === kept) keepers.delete(doc);
  };
}

/** Called by an add right after it wrote a new entry at `path`: keeps it, if this page keeps additions. */
export function keepAddition(doc: Y.Doc, path: readonly (string | number)[], readd: Readd): void {
  const kept = keepers.get(doc);
  if (!kept) return;
  let entry: unknown = labMap(doc);
  for (const key of path) entry = entry instanceof Y.Map ? entry.get(String(key)) : undefined;
  if (!(entry instanceof Y.Map)) return;
  const map = entry;
  const item: Kept = {
    entry: map,
    held: fromYValue(map),
    readd,
    // What it holds is read while it is alive: once dropped, Yjs no longer hands it out.
    observe: () => {
      item.held = fromYValue(map);
    },
  };
  map.observeDeep(item.observe);
  kept.add(item);
}

function forget(kept: Set<Kept>, item: Kept): void {
  item.entry.unobserveDeep(item.observe);
  kept.delete(item);
}

/**
 * Alive; removed on purpose (deleted, or overwritten by someone who had seen it); or
 * overwritten by a write made without knowing it — the entry itself, or a map above it
 * that two people created at once (the first NAT network creates `natNetworks` too).
 */
function fateOf(entry: Y.Map<unknown>): 'alive' | 'removed' | 'overwritten' {
  let lost: Y.Item | null = null;
  for (let item = entry._item; item !== null; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) lost = item;
  }
  if (lost === null) return 'alive';
  if (lost.parentSub === null) return 'removed';
  const parent = lost.parent as Y.AbstractType<unknown>;
  const current = parent._map.get(lost.parentSub);
  if (current === undefined || current === lost || current.deleted) return 'removed';
  // A write at this key made by someone who had seen ours has ours as its origin.
  for (let later = lost.right; later !== null; later = later.right) {
    if (later.origin !== null && Y.compareIDs(later.origin, lost.lastId)) return 'removed';
  }
  return 'overwritten';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `fresh` (what an add makes now) with the edits that turned `created` (what it made
 * then) into `held` (what it held when dropped): a renamed VM keeps its new name, an
 * untouched name or address or MAC takes the fresh one (`vm4`, `10.0.3.0/24`, a MAC no
 * other adapter has).
 */
export function mergeEdits(fresh: unknown, created: unknown, held: unknown): unknown {
  if (JSON.stringify(created) === JSON.stringify(held)) return fresh;
  if (isPlainObject(fresh) && isPlainObject(created) && isPlainObject(held)) {
    const merged: Record<string, unknown> = { ...fresh };
    for (const key of new Set([...Object.keys(created), ...Object.keys(held)])) {
      const value = mergeEdits(fresh[key], created[key], held[key]);
      if (value === undefined) delete merged[key];
      else merged[key] = value;
    }
    return merged;
  }
  if (Array.isArray(fresh) && Array.isArray(created) && Array.isArray(held)) {
    return held.map((item, i) =>
      i < created.length && i < fresh.length ? mergeEdits(fresh[i], created[i], item) : item,
    );
  }
  return held;
}
