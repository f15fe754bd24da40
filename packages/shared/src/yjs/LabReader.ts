/**
 * A room's lab as plain JSON, read again only where its transactions changed it.
 *
 * `readLab` walks the whole document: for a lab of 1,000 machines that is 60–130 ms of
 * the event loop on a busy machine, paid on every computation and every console line —
 * an attacker adding one VM every 20 ms held every room's relay that long, again and
 * again (issue #10). The page reads its room the same way (one edited VM, one VM read again). Here each top-level key of the lab, and each machine under `vms`,
 * is read once and kept until a transaction touches it (`transaction.changed`, walked up
 * to the lab's root): an edit of one machine costs reading that machine.
 *
 * What it returns is frozen and shared from one read to the next (the machines nobody
 * touched are the same objects): never mutate it. Sharing is what makes the history's
 * diff cheap too, `sameJson` stops at the first identical object.
 */

import * as Y from 'yjs';
import { deepFreeze } from '../deepFreeze';
import { fromYValue, type JsonObject, type JsonValue, LAB_ROOT, labMap } from './labDoc';

/** The depth `readLab` reads a top-level value at (the lab itself is 1), and a machine at. */
const TOP_DEPTH = 2;
const VM_DEPTH = 3;

export class LabReader {
  /** Each top-level key's JSON (but `vms` when it is a Y.Map: its machines are kept one by one). */
  private readonly top = new Map<string, JsonValue>();
  private readonly vms = new Map<string, JsonValue>();
  private vmsJson: JsonObject | undefined;
  private readonly dirtyTop = new Set<string>();
  private readonly dirtyVms = new Set<string>();
  private last: JsonObject | undefined;

  constructor(private readonly doc: Y.Doc) {
    // Before the observers: one that reads the lab (the page's mirror) must see this transaction.
    doc.on('beforeObserverCalls', this.onTransaction);
  }

  destroy(): void {
    this.doc.off('beforeObserverCalls', this.onTransaction);
    this.forget();
  }

  /** The lab now: what `readLab(doc)` returns, frozen, sharing what did not change. */
  read(): JsonObject {
    if (this.last) return this.last;
    const root = this.doc.getMap<unknown>(LAB_ROOT);
    for (const key of this.dirtyTop) this.top.delete(key);
    if (this.dirtyTop.has('vms')) this.forgetVms();
    for (const id of this.dirtyVms) this.vms.delete(id);
    if (this.dirtyVms.size > 0) this.vmsJson = undefined;
    this.dirtyTop.clear();
    this.dirtyVms.clear();
    const lab: JsonObject = {};
    for (const [key, value] of root.entries()) {
      if (key === 'vms' && value instanceof Y.Map) {
        lab[key] = this.readVms(value);
        continue;
      }
      let json = this.top.get(key);
      if (json === undefined) {
        json = deepFreeze(fromYValue(value, TOP_DEPTH));
        this.top.set(key, json);
      }
      lab[key] = json;
    }
    this.last = Object.freeze(lab);
    return this.last;
  }

  private readVms(map: Y.Map<unknown>): JsonObject {
    if (this.vmsJson) return this.vmsJson;
    const vms: JsonObject = {};
    for (const [id, vm] of map.entries()) {
      let json = this.vms.get(id);
      if (json === undefined) {
        json = deepFreeze(fromYValue(vm, VM_DEPTH));
        this.vms.set(id, json);
      }
      vms[id] = json;
    }
    this.vmsJson = Object.freeze(vms);
    return this.vmsJson;
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    const root = this.doc.share.get(LAB_ROOT);
    for (const [type, keys] of transaction.changed) {
      const path = pathFromRoot(type);
      if (path.root !== root) continue; // another root (`layout`, `console`): not the lab
      this.last = undefined;
      const [first, second] = path.keys;
      if (path.keys.length === 0) {
        for (const key of keys) this.markTop(key);
      } else if (first !== 'vms') {
        this.markTop(first);
      } else if (path.keys.length === 1) {
        for (const key of keys) this.markVm(key);
      } else {
        this.markVm(second);
      }
    }
  };

  private markTop(key: string | null | undefined): void {
    if (typeof key === 'string') this.dirtyTop.add(key);
    else this.forget(); // not a map's key: read it all again
  }

  private markVm(id: string | null | undefined): void {
    if (typeof id === 'string') this.dirtyVms.add(id);
    else this.markTop('vms');
  }

  private forget(): void {
    this.last = undefined;
    this.top.clear();
    this.forgetVms();
    this.dirtyTop.clear();
    this.dirtyVms.clear();
  }

  private forgetVms(): void {
    this.vms.clear();
    this.vmsJson = undefined;
  }
}

/** The root a type lives under and the keys from it down to the type (null: in an array). */
function pathFromRoot(type: Pick<Y.AbstractType<unknown>, '_item'>): {
  root: unknown;
  keys: (string | null)[];
} {
  const keys: (string | null)[] = [];
  let current = type;
  while (current._item) {
    keys.push(current._item.parentSub);
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  return { root: current, keys: keys.reverse() };
}

/** How many VMs the room's lab has, read off the document without reading the lab. */
export function machineCount(doc: Y.Doc): number {
  const vms = labMap(doc).get('vms');
  if (vms instanceof Y.Map) return vms.size;
  return typeof vms === 'object' && vms !== null ? Object.keys(vms).length : 0;
}
