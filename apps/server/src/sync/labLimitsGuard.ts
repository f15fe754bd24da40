/**
 * The lab limits that only the document as a whole can cross — VMs, adapters per VM,
 * networks, members of one map or array, characters of one Y.Text — held on every client
 * update, whether one update crosses them or the hundredth small edit does.
 *
 * `checkUpdateLimits` reads an update before it is applied, but a count is a property of
 * the document after it: so the update is applied, the containers it inserted into are
 * counted, and an update that crossed a limit is undone at once in a server transaction
 * (compensated, DESIGN.md "Known ground": never dropped silently) and its connection is
 * closed with LabLimitExceeded (final), the reason logged. Its cost follows the update:
 * only the containers it wrote into are counted, and nothing is tracked for undoing
 * until a count is crossed (the update's transaction is kept, and what it deleted is
 * collected only once the counts hold). A root type the update created (a name no one
 * had written) goes with it: undone, it would stay an empty root in the document and in
 * every snapshot, and a few such updates would use up the room's roots (maxRoots).
 */
import { checkLabLimits, fromYValue, type LabLimits, labMap } from '@vnetlab/shared';
import * as Y from 'yjs';
import type { Logger } from '../log';
import { LabLimitExceeded } from './closeCodes';
import { type Connection, closeWith, type Origin, type WriteGuard } from './types';

const NETWORK_KEYS = ['lans', 'natNetworks', 'hostOnlyNetworks', 'internalNetworks'] as const;
const COUNTED_KEYS = new Set<string>(['vms', ...NETWORK_KEYS]);

export interface LabLimitsGuardOptions {
  readonly limits: LabLimits;
  readonly log: Logger;
  readonly doc: string;
}

/** `inner` (a class room's guard) runs as before; the counts are checked around it. */
export function withLabLimits(inner: WriteGuard | undefined, options: LabLimitsGuardOptions): WriteGuard {
  return (connection, doc, writes) => {
    const first = inner?.(connection, doc, writes) ?? { kind: 'apply' as const };
    if (first.kind === 'refuse') return first;
    // Taken as the update is applied, not as it arrived: over an asynchronous store its
    // append comes in between, and other updates may be applied meanwhile.
    let before = new Map<number, number>();
    let roots = new Set<string>();
    let held: HeldTransaction | undefined;
    return {
      kind: 'apply',
      beforeApply: () => {
        first.beforeApply?.();
        before = new Map(writes.map((client) => [client, Y.getState(doc.store, client)]));
        roots = new Set(doc.share.keys());
        held = holdNextTransaction(doc, connection);
      },
      settle: () => {
        const crossed = countsCrossed(doc, before, options.limits);
        const transaction = held?.transaction;
        if (crossed) {
          if (transaction) undoTransaction(doc, transaction);
          held?.release();
          dropNewRoots(doc, roots);
          options.log('lab-limit-compensated', {
            doc: options.doc,
            conn: connection.id,
            remote: connection.remote,
            detail: crossed,
          });
          closeWith(connection, LabLimitExceeded);
          return;
        }
        held?.release();
        first.settle?.();
      },
    };
  };
}

/** The connection's next transaction on the document, with what it deleted still there. */
interface HeldTransaction {
  /** Once it has run. */
  readonly transaction: Y.Transaction | undefined;
  /** Lets Yjs collect what it deleted (and stops waiting for it): at most once. */
  release(): void;
}

/**
 * Waits for `connection`'s next transaction and keeps Yjs from collecting what it
 * deletes (the content an undo would restore) until `release`. Garbage collection is
 * off for that one transaction's cleanup only, so nothing else is kept: the cheap
 * alternative to an UndoManager per update, which costs a transaction of its own to
 * clear. Should the update fail to apply, settle never runs: released anyway.
 */
function holdNextTransaction(doc: Y.Doc, connection: Connection): HeldTransaction {
  let transaction: Y.Transaction | undefined;
  let released = false;
  const collects = doc.gc;
  const onTransaction = (candidate: Y.Transaction) => {
    const origin = candidate.origin as Origin | null;
    if (origin?.kind !== 'client' || origin.connId !== connection.id) return;
    transaction = candidate;
    doc.off('afterTransaction', onTransaction);
    // Yjs collects right after this event, in the same cleanup; back on just after.
    doc.gc = false;
    doc.on('afterTransactionCleanup', onCleanup);
  };
  const onCleanup = (cleaned: Y.Transaction) => {
    if (cleaned !== transaction) return;
    doc.gc = collects;
    doc.off('afterTransactionCleanup', onCleanup);
  };
  doc.on('afterTransaction', onTransaction);
  const held: HeldTransaction = {
    get transaction() {
      return transaction;
    },
    release() {
      if (released) return;
      released = true;
      doc.off('afterTransaction', onTransaction);
      if (transaction && collects) Y.tryGc(transaction.deleteSet, doc.store, doc.gcFilter);
    },
  };
  queueMicrotask(() => held.release());
  return held;
}

/** Undoes exactly what `transaction` did (its deletions were held: holdNextTransaction). */
function undoTransaction(doc: Y.Doc, transaction: Y.Transaction): void {
  // The whole document: a root no one on the server has typed (`layout`) never reports
  // itself changed, so only the document as scope sees what is written there.
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([Object]), captureTimeout: 0 });
  // Recorded after the fact, as the manager records a transaction it watched.
  undo.afterTransactionHandler(transaction);
  undo.undo();
  release(doc, undo);
}

/**
 * Stops tracking and lets Yjs collect what the undo deleted: the undo manager kept
 * those items (to redo), so the transaction's own cleanup skipped them, and kept they
 * would stay in the document for good.
 */
function release(doc: Y.Doc, undo: Y.UndoManager): void {
  const deletions = [...undo.undoStack, ...undo.redoStack].map((item) => item.deletions);
  undo.clear(); // un-keeps them (destroy alone would not)
  undo.destroy();
  if (!doc.gc) return;
  for (const deleted of deletions) Y.tryGc(deleted, doc.store, doc.gcFilter);
}

/**
 * Forgets the roots created since `existing` was taken whose every item is deleted (the
 * undone update's): their items become GC structs, as those of a collected type do, so
 * nothing in the document names the root any more, and it leaves `doc.share`.
 */
function dropNewRoots(doc: Y.Doc, existing: ReadonlySet<string>): void {
  if (!doc.gc) return;
  for (const [name, type] of [...doc.share]) {
    if (existing.has(name) || !everyItemDeleted(type)) continue;
    // What Yjs does to the children of a type it collects (ContentType.gc).
    new Y.ContentType(type).gc(doc.store);
    doc.share.delete(name);
  }
}

/** False for a root with no items at all: the server made that one (`labMap`), not the update. */
function everyItemDeleted(type: Pick<Y.AbstractType<unknown>, '_start' | '_map'>): boolean {
  if (type._start === null && type._map.size === 0) return false;
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return false;
  for (const last of type._map.values()) {
    for (let item: Y.Item | null = last; item !== null; item = item.left) if (!item.deleted) return false;
  }
  return true;
}

/** The first count the update pushed past its limit, or undefined. */
export function countsCrossed(
  doc: Y.Doc,
  before: ReadonlyMap<number, number>,
  limits: LabLimits,
): string | undefined {
  const root = labMap(doc);
  const vms = root.get('vms');
  const touched = new Set<Y.AbstractType<unknown>>();
  /** VMs whose adapters the update may have changed, by id. */
  const vmIds = new Set<string>();
  let rootKeys = false;
  for (const [client, from] of before) {
    for (const item of insertedItems(doc, client, from)) {
      const parent = item.parent as Y.AbstractType<unknown> | null;
      if (!parent || item.deleted) continue;
      touched.add(parent);
      if (parent === root && item.parentSub !== null && COUNTED_KEYS.has(item.parentSub)) rootKeys = true;
      const vmId = vmOf(parent, item, vms);
      if (vmId !== null) vmIds.add(vmId);
    }
  }
  for (const type of touched) {
    const problem = containerProblem(type, root, vms, limits);
    if (problem) return problem;
  }
  if (vms instanceof Y.Map) {
    for (const id of vmIds) {
      const count = adapterCount(vms.get(id));
      if (count > limits.maxAdaptersPerVm) {
        return `vms.${id}.adapters: ${count} adapters, at most ${limits.maxAdaptersPerVm}`;
      }
    }
  }
  // A plain value written whole at `vms` or a network group: count it as the lab would.
  if (rootKeys) {
    const counted: Record<string, unknown> = {};
    for (const key of COUNTED_KEYS) if (root.has(key)) counted[key] = fromYValue(root.get(key), 2);
    const [error] = checkLabLimits(counted, limits);
    if (error) return error.path === '' ? error.message : `${error.path}: ${error.message}`;
  }
  return undefined;
}

/** The VM an item written into `parent` belongs to, when it may change that VM's adapters. */
function vmOf(parent: Y.AbstractType<unknown>, item: Y.Item, vms: unknown): string | null {
  if (parent === vms) return item.parentSub;
  const holder = parent._item;
  if (!holder) return null;
  // Into a VM's map (its `adapters` key), or into its adapters array.
  if (holder.parent === vms) return item.parentSub === 'adapters' ? holder.parentSub : null;
  const vm = (holder.parent as Y.AbstractType<unknown>)._item;
  return holder.parentSub === 'adapters' && vm && vm.parent === vms ? vm.parentSub : null;
}

function adapterCount(vm: unknown): number {
  const adapters = vm instanceof Y.Map ? vm.get('adapters') : isObject(vm) ? vm.adapters : undefined;
  if (adapters instanceof Y.Array || Array.isArray(adapters)) return adapters.length;
  return 0;
}

function containerProblem(
  type: Y.AbstractType<unknown>,
  root: Y.Map<unknown>,
  vms: unknown,
  limits: LabLimits,
): string | undefined {
  if (type instanceof Y.Text) {
    return type.length > limits.maxStringLength
      ? `a text of ${type.length} characters, at most ${limits.maxStringLength}`
      : undefined;
  }
  // A root no one on the server has typed yet (`layout`, say) is a bare AbstractType:
  // its `_length` (a sequence's elements) and `_map` (a map's keys) count the same.
  if (type._length > limits.maxKeys) return `${type._length} elements, at most ${limits.maxKeys}`;
  if (sizeAbove(type, limits.maxKeys)) return `${liveKeys(type)} members, at most ${limits.maxKeys}`;
  if (type === vms && sizeAbove(type, limits.maxVms)) {
    return `vms: ${liveKeys(type)} machines, at most ${limits.maxVms}`;
  }
  const holder = type._item;
  if (holder?.parent === root && NETWORK_KEYS.some((key) => key === holder.parentSub)) {
    const groups = NETWORK_KEYS.map((key) => root.get(key));
    // `_map` keeps deleted keys too: an upper bound, counted exactly only past the limit.
    const bound = groups.reduce((sum: number, group) => sum + upperCount(group), 0);
    if (bound > limits.maxNetworks) {
      const networks = groups.reduce((sum: number, group) => sum + exactCount(group), 0);
      if (networks > limits.maxNetworks) return `${networks} networks, at most ${limits.maxNetworks}`;
    }
  }
  return undefined;
}

/** Live keys past `limit`; `_map` (deleted keys too) decides cheaply when it is small. */
function sizeAbove(type: Y.AbstractType<unknown> | Y.Map<unknown>, limit: number): boolean {
  return type._map.size > limit && liveKeys(type) > limit;
}

function liveKeys(type: Y.AbstractType<unknown> | Y.Map<unknown>): number {
  let count = 0;
  for (const item of type._map.values()) if (!item.deleted) count++;
  return count;
}

function upperCount(group: unknown): number {
  if (group instanceof Y.Map) return group._map.size;
  return isObject(group) ? Object.keys(group).length : 0;
}

function exactCount(group: unknown): number {
  if (group instanceof Y.Map) return liveKeys(group);
  return isObject(group) ? Object.keys(group).length : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items `client` wrote from clock `from` on (what the update just applied added). */
function* insertedItems(doc: Y.Doc, client: number, from: number): Generator<Y.Item> {
  const structs = doc.store.clients.get(client);
  if (!structs) return;
  let low = 0;
  let high = structs.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid] as Y.Item | Y.GC;
    if (struct.id.clock + struct.length <= from) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < structs.length; i++) {
    const struct = structs[i];
    if (struct instanceof Y.Item && struct.id.clock + struct.length > from) yield struct;
  }
}
