/**
 * The lab limits that only the document as a whole can cross — VMs, adapters per VM,
 * networks, members of one map or array, characters of one Y.Text — held on every client
 * update, whether one update crosses them or the hundredth small edit does.
 *
 * `checkUpdateLimits` reads an update before it is applied, but a count is a property of
 * the document after it: so the update is applied, the containers it inserted into are
 * counted, and an update that crossed a limit is undone at once in a server transaction
 * (compensated, DESIGN.md "Known ground": never dropped silently) and its connection is
 * closed with LabLimitExceeded (final), the reason logged. The undoing happens in the
 * update's own transaction (WriteGuard): what is stored is the update as undone, in one
 * append. Its cost follows the update: only the containers it wrote into are counted,
 * and nothing is tracked for undoing until a count is crossed. A root type the update
 * created (a name no one had written) goes with it, as GC structs that name no parent:
 * undone, it would stay an empty root in the document and in every snapshot (after a
 * restart too), and a few such updates would use up the room's roots (maxRoots).
 */
import { checkLabLimits, fromYValue, type LabLimits, labMap } from '@vnetlab/shared';
import * as Y from 'yjs';
import type { Logger } from '../log';
import { LabLimitExceeded } from './closeCodes';
import { closeWith, type WriteGuard } from './types';

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
    // Taken as the update is applied (in its transaction, see WriteGuard), not as it arrived.
    let before = new Map<number, number>();
    let roots = new Set<string>();
    return {
      kind: 'apply',
      beforeApply: () => {
        first.beforeApply?.();
        before = new Map(writes.map((client) => [client, Y.getState(doc.store, client)]));
        roots = new Set(doc.share.keys());
      },
      settle: () => {
        const crossed = countsCrossed(doc, before, options.limits);
        if (!crossed) return first.settle?.();
        undoSoFar(doc, before);
        dropNewRoots(doc, roots);
        options.log('lab-limit-compensated', {
          doc: options.doc,
          conn: connection.id,
          remote: connection.remote,
          detail: crossed,
        });
        closeWith(connection, LabLimitExceeded);
        return true;
      },
    };
  };
}

/**
 * Undoes, in the transaction still running, what it did so far: the clocks `before`
 * names written since, and what it deleted (its deleted items are not collected before
 * the transaction ends, so their content is still there to restore). An UndoManager
 * records it as it records a transaction it watched, from a view of the transaction as
 * it is now.
 */
function undoSoFar(doc: Y.Doc, before: ReadonlyMap<number, number>): void {
  doc.transact((transaction) => {
    // The whole document: a root no one on the server has typed (`layout`) never reports
    // itself changed, so only the document as scope sees what is written there.
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([Object]), captureTimeout: 0 });
    const afterState = new Map([...before.keys()].map((client) => [client, Y.getState(doc.store, client)]));
    const soFar: Y.Transaction = Object.create(transaction, {
      origin: { value: {} },
      beforeState: { value: before },
      afterState: { value: afterState },
      // A copy: the undo's own deletions join the transaction's set while it reads this one.
      deleteSet: { value: Y.mergeDeleteSets([transaction.deleteSet]) },
    });
    undo.afterTransactionHandler(soFar);
    const recorded = [...undo.undoStack];
    undo.undo();
    // The manager keeps what the update deleted (to redo it): un-kept, the transaction's
    // cleanup collects it, as it would have without the update.
    undo.undoStack.push(...recorded);
    undo.clear();
    undo.destroy();
  });
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
