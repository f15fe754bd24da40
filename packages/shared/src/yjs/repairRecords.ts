/**
 * What the room's repairs (concurrentWrites.ts) took and made, kept in the room document
 * itself (its root `repairs`, beside the lab), so that it outlives the process that
 * repaired and reaches every page:
 * - each dropped type's home, where what its author writes into it afterwards goes: a
 *   server started again on the stored document still keeps those types from the garbage
 *   collector (`keepRepairedTypes`, installed before the load) and forwards those writes;
 * - what the repair made for it (a re-added entry, a row): its author's page takes that
 *   back with its own Undo (followRepairs.ts), and a second run of the same repair (two
 *   processes during a lease handover, each unaware of the other's) is taken back here.
 */
import * as Y from 'yjs';
import type { LabPath } from './labEdits';

export const REPAIRS_ROOT = 'repairs';

/**
 * How many records a document keeps (the oldest go first): a dropped type's author
 * writes into it only until the other write reaches its page, seconds at most.
 */
export const KEPT_RECORDS = 1000;

/** A struct's id as stored: [client, clock]. */
export type StoredId = readonly [number, number];

export interface RepairRecord {
  /** The dropped type (or a dropped list's row): its client is its author's page. */
  readonly lost: StoredId;
  /** Where what it holds went, and where its author's later writes into it go. */
  readonly home: LabPath;
  /** What the repair wrote at home for it, when it wrote something of its own (a re-added entry, a row). */
  readonly made?: StoredId;
  /** When `lost` was itself made by a repair: the author's original, whose copy it was. */
  readonly of?: StoredId;
}

const keyOf = (id: StoredId | Y.ID): string =>
  Array.isArray(id) ? `${id[0]}:${id[1]}` : `${(id as Y.ID).client}:${(id as Y.ID).clock}`;

export const storedId = (id: Y.ID): StoredId => [id.client, id.clock];

/** The author's original a record stands for: two runs of one repair share it. */
export const originalOf = (record: RepairRecord): StoredId => record.of ?? record.lost;

/** The record list of a document, read once per change. */
export class RepairRecords {
  readonly array: Y.Array<RepairRecord>;
  private byLost: Map<string, RepairRecord[]> | undefined;
  private byMade: Map<string, RepairRecord> | undefined;

  constructor(private readonly doc: Y.Doc) {
    this.array = doc.getArray<RepairRecord>(REPAIRS_ROOT);
    // Before anyone reads them in this transaction's cleanup (the repair, the collector).
    doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      if (this.changedIn(transaction)) this.forget();
    });
  }

  /** Whether `transaction` added or removed records. */
  changedIn(transaction: Y.Transaction): boolean {
    return transaction.changed.has(this.array as unknown as Y.AbstractType<Y.YEvent<Y.Array<RepairRecord>>>);
  }

  get size(): number {
    return this.array.length;
  }

  note(record: RepairRecord): void {
    this.array.push([record]);
    this.forget();
  }

  /** Drops the oldest past `KEPT_RECORDS` (run inside the repair's transaction). */
  trim(): void {
    const excess = this.array.length - KEPT_RECORDS;
    if (excess > 0) {
      this.array.delete(0, excess);
      this.forget();
    }
  }

  /** Where writes into the dropped type `id` go, preferring a home whose made entry still stands. */
  homeOf(id: Y.ID): LabPath | undefined {
    const records = this.index().lost.get(keyOf(id));
    if (!records) return undefined;
    return (records.find((record) => record.made === undefined || this.alive(record.made)) ?? records[0])!
      .home;
  }

  /** Whether a repair (here or on another process) took the dropped type or row `id` already. */
  took(id: StoredId | Y.ID): boolean {
    return this.index().lost.has(keyOf(id));
  }

  /** The record whose `made` is `id`: that struct was written by a repair. */
  madeBy(id: Y.ID): RepairRecord | undefined {
    return this.index().made.get(keyOf(id));
  }

  /** The items made for `original` (by any run) that still stand, `except` one. */
  standingCopies(original: StoredId, except?: Y.ID): Y.Item[] {
    const out: Y.Item[] = [];
    for (const record of this.array.toArray()) {
      if (record.made === undefined || keyOf(originalOf(record)) !== keyOf(original)) continue;
      if (except && keyOf(record.made) === keyOf(except)) continue;
      const item = this.item(record.made);
      if (item && !item.deleted && !out.includes(item)) out.push(item);
    }
    return out;
  }

  /**
   * Copies that two runs of one repair both made (each process unaware of the other's):
   * all but the first by id, the same choice wherever it is made.
   */
  duplicates(): StoredId[] {
    const copies = new Map<string, StoredId[]>();
    for (const record of this.array.toArray()) {
      if (record.made === undefined || !this.alive(record.made)) continue;
      const key = keyOf(originalOf(record));
      const list = copies.get(key) ?? [];
      if (!list.some((id) => keyOf(id) === keyOf(record.made!))) list.push(record.made);
      copies.set(key, list);
    }
    const extra: StoredId[] = [];
    for (const list of copies.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      extra.push(...list.slice(1));
    }
    return extra;
  }

  /** The item that holds the struct `id`, or undefined when this document has none (yet) or only its collected trace. */
  item(id: StoredId): Y.Item | undefined {
    const [client, clock] = id;
    if (Y.getState(this.doc.store, client) <= clock) return undefined;
    const struct = Y.getItem(this.doc.store, Y.createID(client, clock));
    return struct instanceof Y.Item ? struct : undefined;
  }

  private alive(id: StoredId): boolean {
    const item = this.item(id);
    return item !== undefined && !item.deleted;
  }

  private forget(): void {
    this.byLost = undefined;
    this.byMade = undefined;
  }

  private index(): { lost: Map<string, RepairRecord[]>; made: Map<string, RepairRecord> } {
    if (!this.byLost || !this.byMade) {
      this.byLost = new Map();
      this.byMade = new Map();
      for (const record of this.array.toArray()) {
        const key = keyOf(record.lost);
        this.byLost.set(key, [...(this.byLost.get(key) ?? []), record]);
        if (record.made) this.byMade.set(keyOf(record.made), record);
      }
    }
    return { lost: this.byLost, made: this.byMade };
  }
}

const recordsOf = new WeakMap<Y.Doc, RepairRecords>();

/** The document's records (one reader per document). */
export function repairRecords(doc: Y.Doc): RepairRecords {
  let records = recordsOf.get(doc);
  if (!records) {
    records = new RepairRecords(doc);
    recordsOf.set(doc, records);
  }
  return records;
}

/**
 * The home of the repaired type `item` lies in (or is), nearest first, and the keys
 * below it (null for a list's member).
 */
export function repairedHomeOf(
  records: RepairRecords,
  item: Y.Item,
): { type: Y.AbstractType<unknown>; home: LabPath; below: (string | null)[] } | undefined {
  if (records.size === 0) return undefined;
  const below: (string | null)[] = [];
  if (item.content instanceof Y.ContentType) {
    const home = records.homeOf(item.id);
    if (home) return { type: item.content.type, home, below };
  }
  below.push(item.parentSub);
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type instanceof Y.AbstractType) {
    if (!type._item) return undefined;
    const home = records.homeOf(type._item.id);
    if (home) return { type, home, below: below.reverse() };
    below.push(type._item.parentSub);
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  return undefined;
}

const kept = new WeakSet<Y.Doc>();

/**
 * From now on the garbage collector leaves `doc`'s repaired types (and what lies in them)
 * alone, so that what their authors write into them later still reaches the repair. Call
 * it before the stored document is loaded: the load's own cleanup collects otherwise.
 */
export function keepRepairedTypes(doc: Y.Doc): void {
  if (kept.has(doc)) return;
  kept.add(doc);
  const records = repairRecords(doc);
  const collect = doc.gcFilter;
  doc.gcFilter = (item) => collect(item) && repairedHomeOf(records, item) === undefined;
}
