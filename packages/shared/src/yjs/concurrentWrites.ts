/**
 * Two people who create the same map at once — both add a VM and pick the same free
 * name (`vm3`), both add the first NAT network (so both create `natNetworks` too), both
 * set a field of an adapter's first port forward or of a VM's first `guest` — each write
 * a new `Y.Map` (or `Y.Array`) at one key. Yjs keeps one of the two at that key (the
 * higher client id) and deletes the other, with everything its author had set in it.
 *
 * The repair: in the transaction where the two meet, before Yjs collects the dropped one
 * (`beforeObserverCalls` comes before the garbage collection), what it held is still
 * readable, and it is merged into the one kept —
 * - an entry of a keyed section (`vms.X`, `natNetworks.X`, `hostOnlyNetworks.X`,
 *   `lans.L.devices.X`): two additions, so the dropped one is added again under the name
 *   an add picks now, with the fields its author changed (a field equal to the kept
 *   entry's is the add's default and takes the fresh one: `vm4`, `10.0.3.0/24`, a MAC
 *   no other adapter has);
 * - any other object: the fields only the dropped one had are set in the kept one (a
 *   field both set keeps the kept one's value, as any two concurrent writes of a field);
 *   a list gets the items only the dropped one had.
 *
 * Exactly one party repairs, so a repair is never made twice: the server's room (its
 * engine's owner, in cluster mode), which integrates every update of every client
 * whoever is still online. Its repair is a transaction of its own, stored and relayed to
 * every page like any other write. Pages do not repair.
 */
import * as Y from 'yjs';
import { LAB_LIMITS, type LabLimits, NETWORK_KEYS } from '../lab/limits';
import { fromYValue, type JsonObject, type JsonValue, LAB_ROOT, labMap, toYValue } from './labDoc';
import { insertItem, type LabPath, planReadd, setField } from './labEdits';

type YContainer = Y.Map<unknown> | Y.Array<unknown>;

/** A write that reached a dropped type after its repair, for its home: a field (or list) set, or an item added. */
interface LateWrite {
  readonly path: LabPath;
  readonly value: JsonValue;
  readonly append: boolean;
}

/** A Y.Map or Y.Array written at `key` of the map at `path` that lost to `kept` there. */
interface Dropped {
  readonly path: LabPath;
  readonly key: string;
  readonly lost: YContainer;
  readonly kept: YContainer;
}

/**
 * How many dropped types a document keeps from the garbage collector, so that what
 * their authors write in them afterwards still reaches the repair (the oldest go first).
 */
const KEPT_TYPES = 1000;

/**
 * From now on, concurrent creations of one map in `doc`'s lab are merged (see above) in
 * a transaction with `origin`, while `active()` holds. Returns the function that stops it.
 * A repair never takes the lab past `limits` (the server holds clients' updates to them,
 * and a repair is the server's own write): past them, the dropped one stays dropped.
 */
export function repairConcurrentWrites(
  doc: Y.Doc,
  origin: unknown,
  active: () => boolean = () => true,
  limits: LabLimits = LAB_LIMITS,
): () => void {
  /** Each dropped type that was repaired, and where what it holds went (its home now). */
  const homes = new Map<unknown, LabPath>();
  const collect = doc.gcFilter;
  // Its author goes on writing in it until it sees the other (one field per transaction):
  // those writes arrive later, into a dropped type, and are forwarded to its home.
  doc.gcFilter = (item) => collect(item) && homeOf(homes, item) === undefined;
  const check = (transaction: Y.Transaction) => {
    if (transaction.deleteSet.clients.size === 0 || !active()) return;
    const { dropped, late } = scan(transaction, homes);
    if (dropped.length === 0 && late.length === 0) return;
    // Now: once this transaction ends, Yjs collects the dropped ones' content.
    doc.transact(() => {
      const repair = new Repair(doc, transaction, origin, homes, limits);
      for (const item of dropped) repair.merge(item);
      for (const write of late) {
        if (!homeExists(doc, write.path)) continue; // deleted on purpose since
        if (write.append) insertItem(doc, write.path, write.value, origin);
        else setField(doc, write.path, write.value, origin);
      }
    }, origin);
    for (const type of [...homes.keys()].slice(0, Math.max(0, homes.size - KEPT_TYPES))) homes.delete(type);
  };
  doc.on('beforeObserverCalls', check);
  return () => {
    doc.off('beforeObserverCalls', check);
    doc.gcFilter = collect;
  };
}

/** The dropped types a repair took in `item` lies in (or is), nearest first: their home, and the keys below it. */
function homeOf(
  homes: ReadonlyMap<unknown, LabPath>,
  item: Y.Item,
): { type: Y.AbstractType<unknown>; home: LabPath; below: (string | null)[] } | undefined {
  if (homes.size === 0) return undefined;
  const below: (string | null)[] = [];
  if (item.content instanceof Y.ContentType) {
    const home = homes.get(item.content.type);
    if (home) return { type: item.content.type, home, below };
  }
  below.push(item.parentSub);
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type instanceof Y.AbstractType) {
    const home = homes.get(type);
    if (home) return { type, home, below: below.reverse() };
    if (!type._item) return undefined;
    below.push(type._item.parentSub);
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  return undefined;
}

/** Whether the object (or list) a late write goes into is still there (not deleted on purpose since). */
function homeExists(doc: Y.Doc, path: LabPath): boolean {
  let current: unknown = labMap(doc);
  for (const key of path.slice(0, -1)) {
    if (current instanceof Y.Map && typeof key === 'string') current = current.get(key);
    else if (current instanceof Y.Array && typeof key === 'number' && key < current.length)
      current = current.get(key);
    else return false;
  }
  return current instanceof Y.Map || current instanceof Y.Array;
}

/**
 * This transaction's dropped types, and the writes it brought into types dropped before
 * (a path under their home and the value to write there; a list on the way is written
 * whole, a list's new item is added to the list at home).
 */
function scan(
  transaction: Y.Transaction,
  homes: ReadonlyMap<unknown, LabPath>,
): { dropped: Dropped[]; late: LateWrite[] } {
  const root = transaction.doc.share.get(LAB_ROOT);
  const dropped: Dropped[] = [];
  const late = new Map<string, LateWrite>();
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item)) return;
    const lateWrite = lateWriteOf(transaction, homes, struct);
    if (lateWrite) {
      // One write per place: the last item read there holds the value the transaction left.
      late.set(lateWrite.append ? `+${late.size}` : JSON.stringify(lateWrite.path), lateWrite);
      return;
    }
    if (struct.parentSub === null || !(struct.content instanceof Y.ContentType)) return;
    const parent = struct.parent;
    if (!(parent instanceof Y.Map) || parent._item?.deleted) return;
    const current = parent._map.get(struct.parentSub);
    if (current === undefined || current === struct || current.deleted) return;
    if (!(current.content instanceof Y.ContentType)) return;
    const lost = struct.content.type as unknown as YContainer;
    const kept = current.content.type as unknown as YContainer;
    if (!sameKind(lost, kept) || seen(struct)) return;
    const path = pathFromRoot(parent as unknown as Y.AbstractType<unknown>, root);
    if (path !== null) dropped.push({ path, key: struct.parentSub, lost, kept });
  });
  return { dropped, late: [...late.values()] };
}

/** A write its author made into a dropped type after the repair: where it goes now, and what. */
function lateWriteOf(
  transaction: Y.Transaction,
  homes: ReadonlyMap<unknown, LabPath>,
  item: Y.Item,
): LateWrite | undefined {
  // Only what this transaction brought: the dropped types' own members were deleted with them.
  const brought = (struct: Y.Item) => struct.id.clock >= (transaction.beforeState.get(struct.id.client) ?? 0);
  if (!brought(item)) return undefined;
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || !parent._item?.deleted) return undefined;
  const found = homeOf(homes, item);
  if (!found) return undefined;
  // Inside an object or row this transaction brought too: that one carries it, whole.
  for (let type: Y.AbstractType<unknown> = parent; type !== found.type && type._item; ) {
    if (brought(type._item)) return undefined;
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  // A list's new item: added to the list at home.
  if (found.below.length === 1 && found.below[0] === null && found.type instanceof Y.Array) {
    return { path: found.home, value: readAll(lastValue(item)), append: true };
  }
  // Down to the first list on the way (written whole), or to the field itself.
  const path: (string | number)[] = [...found.home];
  let value: unknown = found.type;
  for (const key of found.below) {
    if (key === null || !(value instanceof Y.Map)) break;
    path.push(key);
    value = lastValue(value._map.get(key));
  }
  if (value === undefined) return undefined;
  return { path, value: readAll(value), append: false };
}

function lastValue(item: Y.Item | undefined): unknown {
  if (!item) return undefined;
  const contents = item.content.getContent();
  return contents[contents.length - 1];
}

function sameKind(a: unknown, b: unknown): boolean {
  return (a instanceof Y.Map && b instanceof Y.Map) || (a instanceof Y.Array && b instanceof Y.Array);
}

/** Whether someone wrote at this key after seeing `item` there: then it was replaced on purpose. */
function seen(item: Y.Item): boolean {
  for (let later = item.right; later !== null; later = later.right) {
    if (later.origin !== null && Y.compareIDs(later.origin, item.lastId)) return true;
  }
  return false;
}

/** The keys (and list indices) from the lab's root down to `type`, or null when it is not under the lab. */
function pathFromRoot(type: Y.AbstractType<unknown>, root: unknown): (string | number)[] | null {
  const keys: (string | number)[] = [];
  let current = type;
  while (current._item) {
    const item = current._item;
    keys.push(item.parentSub ?? indexOf(item));
    current = item.parent as Y.AbstractType<unknown>;
  }
  return current === root ? keys.reverse() : null;
}

/** The index of a list's item among the list's items now. */
function indexOf(item: Y.Item): number {
  let index = 0;
  for (let left = item.left; left !== null; left = left.left) {
    if (left.countable && !left.deleted) index += left.length;
  }
  return index;
}

/**
 * What a dropped type held just before `transaction` dropped it: its members deleted in
 * this transaction (with it) count, those deleted before do not. (A member its author
 * deleted in the very update that brings the dropped type here cannot be told apart: it
 * counts.)
 */
function heldBefore(value: unknown, transaction: Y.Transaction): JsonValue {
  return readWith(value, (item) => !item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
}

/** What a type that is all deleted (a dropped one, kept from the collector) holds. */
function readAll(value: unknown): JsonValue {
  return readWith(value, () => true);
}

function readWith(value: unknown, counts: (item: Y.Item) => boolean): JsonValue {
  if (value instanceof Y.Map) {
    const out: JsonObject = {};
    for (const [key, item] of (value as Y.Map<unknown>)._map) {
      if (counts(item)) out[key] = readWith(lastValue(item), counts);
    }
    return out;
  }
  if (value instanceof Y.Array) {
    const out: JsonValue[] = [];
    for (let item = value._start; item !== null; item = item.right) {
      if (!item.countable || !counts(item)) continue;
      for (const member of item.content.getContent()) out.push(readWith(member, counts));
    }
    return out;
  }
  return fromYValue(value);
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `path` (down to an entry's key) names an entry of a keyed section: two of those are two additions. */
function isSectionEntry(path: LabPath): boolean {
  const [first, second, third] = path;
  if (path.length === 2) return first === 'vms' || first === 'natNetworks' || first === 'hostOnlyNetworks';
  return path.length === 4 && first === 'lans' && typeof second === 'string' && third === 'devices';
}

/** One repair transaction: merges dropped types into what was kept, noting where each went. */
class Repair {
  constructor(
    private readonly doc: Y.Doc,
    private readonly transaction: Y.Transaction,
    private readonly origin: unknown,
    private readonly homes: Map<unknown, LabPath>,
    private readonly limits: LabLimits,
  ) {}

  /** Whether one more entry fits in `section` (VMs, networks, members of one map). */
  private roomFor(section: LabPath): boolean {
    const lab = labMap(this.doc);
    const size = (key: string) => {
      const value = lab.get(key);
      return value instanceof Y.Map ? value.size : 0;
    };
    const [first] = section;
    if (first === 'vms') return size('vms') < this.limits.maxVms;
    if (
      typeof first === 'string' &&
      (NETWORK_KEYS as readonly string[]).includes(first) &&
      section.length === 1
    ) {
      const networks = NETWORK_KEYS.reduce((sum, key) => sum + size(key), 0);
      if (networks >= this.limits.maxNetworks) return false;
    }
    let container: unknown = lab;
    for (const key of section) {
      if (container instanceof Y.Map && typeof key === 'string') container = container.get(key);
      else return true; // setField creates it
    }
    return !(container instanceof Y.Map) || container.size < this.limits.maxKeys;
  }

  merge({ path, key, lost, kept }: Dropped): void {
    const at = [...path, key];
    if (isSectionEntry(at) && lost instanceof Y.Map) this.readd(at, lost, kept);
    else this.fill(at, kept, lost);
  }

  /** The dropped addition under the name an add picks now, keeping what its author changed. */
  private readd(path: LabPath, lost: Y.Map<unknown>, kept: YContainer): void {
    const held = heldBefore(lost, this.transaction);
    if (!isPlainObject(held)) return;
    const section = path.slice(0, -1);
    if (!this.roomFor(section)) return;
    const lostKey = String(path[path.length - 1]);
    const planned = planReadd(this.doc, section, lostKey);
    // Both additions started from the same defaults: where the dropped one equals the kept
    // one, it is an untouched default and takes the fresh one; where it differs, an edit.
    const value = mergeEdits(planned.value, fromYValue(kept), held) as JsonObject;
    if (section[0] === 'vms' && value.name === lostKey) value.name = planned.key;
    const home = [...section, planned.key];
    setField(this.doc, home, value, this.origin);
    this.homes.set(lost, home);
  }

  /** The dropped list's items that the kept one does not hold, added at its end (two people's first rows). */
  private append(path: LabPath, kept: Y.Array<unknown>, lost: Y.Array<unknown>): void {
    const there = kept.toArray().map((item) => JSON.stringify(fromYValue(item)));
    for (let item = lost._start; item !== null; item = item.right) {
      if (!item.countable || (item.deleted && !Y.isDeleted(this.transaction.deleteSet, item.id))) continue;
      for (const member of item.content.getContent()) {
        const json = heldBefore(member, this.transaction);
        const text = JSON.stringify(json);
        if (there.includes(text) || kept.length >= this.limits.maxKeys) continue;
        there.push(text);
        if (member instanceof Y.AbstractType) this.homes.set(member, [...path, kept.length]);
        kept.push([toYValue(json)]);
      }
    }
  }

  /** What only the dropped object (or list) held, added to the kept one. */
  private fill(path: LabPath, kept: YContainer, lost: YContainer): void {
    this.homes.set(lost, path);
    if (kept instanceof Y.Array || lost instanceof Y.Array) {
      if (kept instanceof Y.Array && lost instanceof Y.Array) this.append(path, kept, lost);
      return;
    }
    for (const [key, item] of lost._map) {
      if (item.deleted && !Y.isDeleted(this.transaction.deleteSet, item.id)) continue;
      const value = lastValue(item);
      const current = kept.get(key);
      if (current === undefined) {
        if (kept.size >= this.limits.maxKeys) continue;
        kept.set(key, toYValue(heldBefore(value, this.transaction)));
        if (value instanceof Y.AbstractType) this.homes.set(value, [...path, key]);
        continue;
      }
      const inner = [...path, key];
      if (isSectionEntry(inner) && current instanceof Y.Map && value instanceof Y.Map) {
        // Both created the section with an entry of the same name (the first NAT network):
        // two additions, even when both hold the same untouched defaults.
        this.readd(inner, value, current);
        continue;
      }
      if (value instanceof Y.AbstractType && (current instanceof Y.Map || current instanceof Y.Array)) {
        if (sameKind(value, current)) this.fill(inner, current, value as YContainer);
      }
    }
  }
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
