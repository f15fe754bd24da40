/**
 * The edits a room page makes on the room's Y.Doc: each is ONE transaction with the
 * caller's origin (so an undo manager tracking that origin takes back only this
 * person's edits), and touches the one field it changes where it can, so two people
 * editing different fields of one VM never overwrite each other.
 *
 * Paths are the lab file's own (`['vms', 'web', 'adapters', 1, 'ip', 'address']`), the
 * same as `LabError.path` in the errors' syntax (`formatPath`). Missing maps on the way
 * are created; arrays of objects are `Y.Array`s of `Y.Map`s (labDoc.ts), lists of
 * strings or numbers are plain values written whole.
 */
import * as Y from 'yjs';
import { defaultsFor } from '../lab/defaults';
import { pathSteps } from '../lab/isLocked';
import { parseLab } from '../lab/parseLab';
import type { Hypervisor } from '../lab/types';
import {
  fromYValue,
  type JsonObject,
  type JsonValue,
  labMap,
  readLab,
  toYMap,
  toYValue,
  writeLab,
} from './labDoc';

export type LabPath = readonly (string | number)[];

type Container = Y.Map<unknown> | Y.Array<unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)
  );
}

/** The container at `path`, creating maps (or arrays, before a numeric key) that are missing. */
function ensureContainer(root: Y.Map<unknown>, path: LabPath): Container {
  let current: Container = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const wantsArray = typeof path[i + 1] === 'number';
    const existing: unknown = current instanceof Y.Map ? current.get(String(key)) : current.get(Number(key));
    if (existing instanceof Y.Map || existing instanceof Y.Array) {
      current = existing;
      continue;
    }
    // Absent, or stored as a plain value: replace it by a Y type holding what it held.
    const fresh: Container = wantsArray
      ? yArrayOf(Array.isArray(existing) ? existing : [])
      : isPlainObject(existing)
        ? toYMap(existing)
        : new Y.Map<unknown>();
    if (current instanceof Y.Map) current.set(String(key), fresh);
    else {
      const index = Number(key);
      if (index >= current.length) throw new Error(`no item ${index} at ${path.slice(0, i).join('.')}`);
      current.delete(index, 1);
      current.insert(index, [fresh]);
    }
    current = fresh;
  }
  return current;
}

function yArrayOf(items: readonly unknown[]): Y.Array<unknown> {
  const array = new Y.Array<unknown>();
  array.push(items.map((item) => (isPlainObject(item) ? toYMap(item) : toYValue(item))));
  return array;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The JSON at `path`, walking the Y types (only the part asked for is converted). */
function readAt(doc: Y.Doc, path: LabPath): JsonValue | undefined {
  let current: unknown = labMap(doc);
  for (const key of path) {
    if (current instanceof Y.Map) current = current.get(String(key));
    else if (current instanceof Y.Array) current = typeof key === 'number' ? current.get(key) : undefined;
    else if (current !== null && typeof current === 'object')
      current = (current as Record<string, unknown>)[key];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return fromYValue(current);
}

/** One field to write: its path and its new value (undefined deletes it). */
export type FieldWrite = readonly [LabPath, unknown];

/**
 * THE way to write a lab path (DESIGN.md "The way of one edit"): the field at `path`
 * gets `value` (undefined deletes it) in one transaction with `origin`; nothing happens
 * when it already holds `value` (no empty undo steps). Missing parts of the path are
 * created (a VM deleted since comes back along the path of a revert); a part stored as
 * a plain value (a list of strings, `"dhcp"` where an address object goes) is rewritten
 * whole, so lists of strings stay plain values as labDoc.ts stores them. A write past
 * the end of a list has nowhere to go and is skipped.
 */
export function setField(doc: Y.Doc, path: LabPath, value: unknown, origin: unknown): void {
  if (path.length === 0) throw new Error('setField needs a path');
  if (sameJson(readAt(doc, path), value)) return;
  doc.transact(() => writeAt(labMap(doc), path, value), origin);
}

/** Several fields that make one change (a mode and the network it attaches to; a revert), in one transaction. */
export function setFields(doc: Y.Doc, changes: readonly FieldWrite[], origin: unknown): void {
  doc.transact(() => {
    for (const [path, value] of changes) setField(doc, path, value, origin);
  }, origin);
}

export type EditOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * `setField` at a path in the errors' syntax (`vms.web.adapters[1].cable`), for edits
 * that arrive as text (a console command's `ip link set enp0s8 down`, applied by the
 * server). Only a field of an object that exists is written: a path that leads nowhere
 * is refused, never created half-way.
 */
export function applyLabEdit(
  doc: Y.Doc,
  edit: { readonly path: string; readonly value: boolean | number | string | null },
  origin: unknown,
): EditOutcome {
  const steps = pathSteps(edit.path);
  if (steps === null || steps.length === 0 || steps.includes('*'))
    return { ok: false, error: `${edit.path}: not a lab path` };
  const key = steps.at(-1);
  const parent = readAt(doc, steps.slice(0, -1));
  if (typeof key !== 'string' || !isPlainObject(parent))
    return { ok: false, error: `${edit.path}: no such place in the lab` };
  setField(doc, steps, edit.value, origin);
  return { ok: true };
}

function writeAt(root: Y.Map<unknown>, path: LabPath, value: unknown): void {
  let node: Container = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const child = childOf(node, key);
    const last = i === path.length - 1;
    if (!last && (child instanceof Y.Map || child instanceof Y.Array)) {
      node = child;
      continue;
    }
    // The end of the path, or a part of it not held as a Y type: that part is written whole.
    putChild(
      node,
      key,
      last ? value : setIn(child === undefined ? undefined : fromYValue(child), path.slice(i + 1), value),
    );
    return;
  }
}

function childOf(node: Container, key: string | number): unknown {
  if (node instanceof Y.Map) return typeof key === 'string' ? node.get(key) : undefined;
  return typeof key === 'number' && key < node.length ? node.get(key) : undefined;
}

function putChild(node: Container, key: string | number, value: unknown): void {
  if (node instanceof Y.Map) {
    if (typeof key !== 'string') return;
    if (value === undefined) node.delete(key);
    else node.set(key, toYValue(value));
    return;
  }
  if (typeof key !== 'number' || key > node.length) return;
  if (key < node.length) node.delete(key, 1);
  if (value !== undefined) node.insert(key, [toYValue(value)]);
}

/** A copy of a plain JSON value with `value` at `path` (undefined: removed), creating what is missing. */
function setIn(target: unknown, path: LabPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const copy = Array.isArray(target) ? [...target] : [];
    if (head > copy.length) return target;
    const next = setIn(copy[head], rest, value);
    if (next === undefined) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  const copy: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  const next = setIn(copy[head!], rest, value);
  if (next === undefined) delete copy[head!];
  else copy[head!] = next;
  return copy;
}

/** Appends (or inserts at `index`) one item to the list at `path`, creating the list. */
export function insertItem(doc: Y.Doc, path: LabPath, item: unknown, origin: unknown, index?: number): void {
  doc.transact(() => {
    const parent = ensureContainer(labMap(doc), path.slice(0, -1));
    const key = path[path.length - 1]!;
    const existing = parent instanceof Y.Map ? parent.get(String(key)) : parent.get(Number(key));
    let array: Y.Array<unknown>;
    if (existing instanceof Y.Array) array = existing;
    else {
      // Missing, or a plain list (empty, or of strings): becomes a Y.Array holding what it held.
      array = yArrayOf(Array.isArray(existing) ? existing : []);
      if (parent instanceof Y.Map) parent.set(String(key), array);
      else {
        parent.delete(Number(key), 1);
        parent.insert(Number(key), [array]);
      }
    }
    const value = isPlainObject(item) ? toYMap(item) : toYValue(item);
    array.insert(Math.min(index ?? array.length, array.length), [value]);
  }, origin);
}

/** Removes item `index` of the list at `path`. */
export function removeItem(doc: Y.Doc, path: LabPath, index: number, origin: unknown): void {
  const current = readAt(doc, path);
  if (!Array.isArray(current) || index < 0 || index >= current.length) return;
  doc.transact(() => {
    const list = ensureContainer(labMap(doc), path);
    if (list instanceof Y.Array) list.delete(index, 1);
  }, origin);
}

/** The first of `base1`, `base2`, … (or `base` itself when `bare`) that `taken` does not hold. */
export function freeName(base: string, taken: ReadonlySet<string>, first = 1, bare = false): string {
  if (bare && !taken.has(base)) return base;
  for (let n = first; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function keysAt(doc: Y.Doc, path: LabPath): Set<string> {
  const value = readAt(doc, path);
  return new Set(isPlainObject(value) ? Object.keys(value) : []);
}

/** The lab's product (the schema's default when absent or unknown): whose MAC prefix new adapters get. */
function hypervisorOf(doc: Y.Doc): Hypervisor {
  const named = readAt(doc, ['hypervisor']);
  return named === 'vmware' || named === 'libvirt' || named === 'hyperv' ? named : 'virtualbox';
}

/** Every machine id in the lab (VMs and LAN devices): a new VM or device must not take one. */
function machineIds(doc: Y.Doc): Set<string> {
  const ids = keysAt(doc, ['vms']);
  for (const lan of keysAt(doc, ['lans']))
    for (const device of keysAt(doc, ['lans', lan, 'devices'])) ids.add(device);
  return ids;
}

/** A new entry of a keyed section (`vms`, `natNetworks`…): the name an add picks, and what it holds. */
export interface Planned {
  readonly key: string;
  readonly value: JsonObject;
}

/** Writes the entry `plan` picks from the room as it is now into `section`. */
function addEntry(doc: Y.Doc, section: LabPath, plan: (doc: Y.Doc) => Planned, origin: unknown): string {
  const planned = plan(doc);
  setField(doc, [...section, planned.key], planned.value, origin);
  return planned.key;
}

/**
 * What an add into `section` would make now, for an addition a concurrent one of the
 * same name dropped (`lostKey`; concurrentWrites.ts): a clone is planned as a clone of
 * its source again, so its fresh MACs are its own.
 */
export function planReadd(doc: Y.Doc, section: LabPath, lostKey: string): Planned {
  const [first, lan] = section;
  if (first === 'natNetworks') return planNatNetwork(doc);
  if (first === 'hostOnlyNetworks') return planHostOnlyNetwork(doc);
  if (first === 'lans' && typeof lan === 'string') return planLanDevice(doc, lan);
  const source = /^(.+)-clone\d*$/.exec(lostKey)?.[1];
  const then = source === undefined ? undefined : readAt(doc, ['vms', source]);
  if (source !== undefined && isPlainObject(then)) return planClone(source, then as JsonObject)(doc);
  return planVm(doc);
}

function planVm(doc: Y.Doc): Planned {
  const id = freeName('vm', machineIds(doc));
  return { key: id, value: { name: id, adapters: [{ mode: 'nat' }] } };
}

/** Adds a VM as VirtualBox's wizard does: the first free `vmN`, one NAT adapter. Returns its id. */
export function addVm(doc: Y.Doc, origin: unknown): string {
  let id = '';
  doc.transact(() => {
    const root = labMap(doc);
    if (root.get('format') === undefined) root.set('format', 'vnetlab/1');
    id = addEntry(doc, ['vms'], planVm, origin);
  }, origin);
  return id;
}

/** Every MAC the lab uses: explicit ones and, when the lab parses, the generated ones too. */
function usedMacs(doc: Y.Doc): Set<string> {
  const lab = readLab(doc);
  const used = new Set<string>();
  const vms = isPlainObject(lab.vms) ? lab.vms : {};
  for (const vm of Object.values(vms)) {
    const adapters = isPlainObject(vm) && Array.isArray(vm.adapters) ? vm.adapters : [];
    for (const adapter of adapters) {
      if (isPlainObject(adapter) && typeof adapter.mac === 'string') used.add(adapter.mac.toLowerCase());
    }
  }
  const parsed = parseLab(lab);
  if (parsed.ok) for (const vm of parsed.lab.vms) for (const adapter of vm.adapters) used.add(adapter.mac);
  return used;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A MAC with the product's prefix, from `seed`, that is not in `used` (and is added to it). */
export function freshMac(prefix: string, seed: string, used: Set<string>): string {
  let suffix = fnv1a(seed) & 0xffffff;
  for (;;) {
    const mac = prefix + suffix.toString(16).padStart(6, '0');
    if (!used.has(mac)) {
      used.add(mac);
      return mac;
    }
    suffix = (suffix + 1) & 0xffffff;
  }
}

/** A clone of `sourceId` as it is now (as it was, should it be gone since): see `cloneVm`. */
function planClone(sourceId: string, then: JsonObject): (doc: Y.Doc) => Planned {
  return (doc) => {
    const now = readAt(doc, ['vms', sourceId]);
    const source = isPlainObject(now) ? (now as JsonObject) : then;
    const id = freeName(`${sourceId}-clone`, machineIds(doc), 2, true);
    const used = usedMacs(doc);
    const prefix = defaultsFor(hypervisorOf(doc)).macPrefix;
    const adapters = Array.isArray(source.adapters) ? source.adapters : [];
    const clone: JsonObject = {
      ...source,
      name: `${typeof source.name === 'string' && source.name ? source.name : sourceId} Clone`,
      adapters: adapters.map((adapter, slot) => ({
        ...(isPlainObject(adapter) ? (adapter as JsonObject) : {}),
        mac: freshMac(prefix, `${id}/${slot}`, used),
      })),
    };
    if (adapters.length === 0) delete clone.adapters;
    return { key: id, value: clone };
  };
}

/**
 * Clones a VM with VirtualBox's "Generate new MAC addresses for all network adapters":
 * id `SOURCE-clone` (then `-clone2`…), name "NAME Clone", each adapter a fresh MAC
 * (deterministic, unique in the lab). Returns the new id, or null when there is no such VM.
 */
export function cloneVm(doc: Y.Doc, sourceId: string, origin: unknown): string | null {
  const source = readAt(doc, ['vms', sourceId]);
  if (!isPlainObject(source)) return null;
  return addEntry(doc, ['vms'], planClone(sourceId, source as JsonObject), origin);
}

/** A new MAC for one adapter (VirtualBox's "regenerate" button next to the MAC field). */
export function regenerateMac(doc: Y.Doc, vmId: string, slot: number, origin: unknown): void {
  const used = usedMacs(doc);
  const prefix = defaultsFor(hypervisorOf(doc)).macPrefix;
  const current = readAt(doc, ['vms', vmId, 'adapters', slot, 'mac']);
  const mac = freshMac(prefix, `${vmId}/${slot}/${typeof current === 'string' ? current : ''}`, used);
  setField(doc, ['vms', vmId, 'adapters', slot, 'mac'], mac, origin);
}

export function renameVm(doc: Y.Doc, vmId: string, name: string, origin: unknown): void {
  setField(doc, ['vms', vmId, 'name'], name, origin);
}

/** The goals whose probe names the VM (by id or display name): they cannot stand without it. */
export function goalsNaming(doc: Y.Doc, vmId: string): string[] {
  const vm = readAt(doc, ['vms', vmId]);
  const names = new Set([vmId]);
  if (isPlainObject(vm) && typeof vm.name === 'string' && vm.name) names.add(vm.name);
  const goals = readAt(doc, ['goals']);
  return (Array.isArray(goals) ? goals : []).flatMap((goal) => {
    const probe = isPlainObject(goal) && isPlainObject(goal.probe) ? goal.probe : {};
    const named = names.has(String(probe.from)) || names.has(String(probe.to));
    return named && isPlainObject(goal) ? [String(goal.id)] : [];
  });
}

/** Deletes a VM and the goals that probe it (a goal naming a missing machine is not a valid lab), in one transaction. */
export function deleteVm(doc: Y.Doc, vmId: string, origin: unknown): void {
  const doomed = new Set(goalsNaming(doc, vmId));
  doc.transact(() => {
    const goals = readAt(doc, ['goals']);
    if (Array.isArray(goals)) {
      for (let index = goals.length - 1; index >= 0; index--) {
        const goal = goals[index];
        if (isPlainObject(goal) && doomed.has(String(goal.id))) removeItem(doc, ['goals'], index, origin);
      }
    }
    setField(doc, ['vms', vmId], undefined, origin);
  }, origin);
}

/**
 * A slot whose adapter is exactly `{mode: "none"}` is a disabled adapter kept so the
 * later slots keep their numbers (VirtualBox's NAT subnets follow the slot: VB-NAT-2).
 * Choosing "Not attached" on an enabled adapter keeps its other fields, so it stays enabled.
 */
export function isDisabledAdapter(adapter: unknown): boolean {
  return (
    adapter === undefined ||
    (isPlainObject(adapter) && adapter.mode === 'none' && Object.keys(adapter).length === 1)
  );
}

/** VirtualBox's "Enable Network Adapter": on, a NAT adapter in that slot (earlier empty slots stay disabled). */
export function enableAdapter(doc: Y.Doc, vmId: string, slot: number, origin: unknown): void {
  const adapters = readAt(doc, ['vms', vmId, 'adapters']);
  const current = Array.isArray(adapters) ? adapters : [];
  if (slot < current.length && !isDisabledAdapter(current[slot])) return;
  doc.transact(() => {
    if (slot < current.length) {
      setField(doc, ['vms', vmId, 'adapters', slot], { mode: 'nat' }, origin);
      return;
    }
    for (let s = current.length; s < slot; s++)
      insertItem(doc, ['vms', vmId, 'adapters'], { mode: 'none' }, origin);
    insertItem(doc, ['vms', vmId, 'adapters'], { mode: 'nat' }, origin);
  }, origin);
}

/** "Enable Network Adapter" off: the last slot goes (with disabled ones before it); others become disabled placeholders. */
export function disableAdapter(doc: Y.Doc, vmId: string, slot: number, origin: unknown): void {
  const adapters = readAt(doc, ['vms', vmId, 'adapters']);
  const current = Array.isArray(adapters) ? adapters : [];
  if (slot >= current.length) return;
  doc.transact(() => {
    if (slot < current.length - 1) {
      setField(doc, ['vms', vmId, 'adapters', slot], { mode: 'none' }, origin);
      return;
    }
    let last = slot;
    while (last > 0 && isDisabledAdapter(current[last - 1])) last--;
    const list = ensureContainer(labMap(doc), ['vms', vmId, 'adapters']);
    if (list instanceof Y.Array) list.delete(last, list.length - last);
  }, origin);
}

/** The first free name of a keyed section (`natNetworks`, `lans.home.devices`, …) for a new entry. */
function planNamed(
  doc: Y.Doc,
  section: LabPath,
  base: string,
  value: JsonObject,
  options: { first?: number; bare?: boolean; avoid?: ReadonlySet<string> } = {},
): Planned {
  const taken = new Set([...keysAt(doc, section), ...(options.avoid ?? [])]);
  return { key: freeName(base, taken, options.first ?? 1, options.bare ?? false), value };
}

/** A new NAT network: VirtualBox `NatNetwork`, `NatNetwork1`…; VMware a custom `vmnetN`. */
export function addNatNetwork(doc: Y.Doc, origin: unknown): string {
  return addEntry(doc, ['natNetworks'], planNatNetwork, origin);
}

function planNatNetwork(doc: Y.Doc): Planned {
  const n = keysAt(doc, ['natNetworks']).size;
  if (hypervisorOf(doc) === 'vmware') {
    const avoid = new Set([...keysAt(doc, ['hostOnlyNetworks']), 'vmnet0', 'vmnet1']);
    const value = { cidr: `192.168.${200 + n}.0/24`, dhcp: true, hostAdapter: `192.168.${200 + n}.1/24` };
    return planNamed(doc, ['natNetworks'], 'vmnet', value, { first: 8, avoid });
  }
  return planNamed(
    doc,
    ['natNetworks'],
    'NatNetwork',
    { cidr: `10.0.${2 + n}.0/24`, dhcp: true },
    { bare: true },
  );
}

/** A new host-only network with its DHCP server, the product's way (VB-HO-1, VMW-3). */
export function addHostOnlyNetwork(doc: Y.Doc, origin: unknown): string {
  return addEntry(doc, ['hostOnlyNetworks'], planHostOnlyNetwork, origin);
}

function planHostOnlyNetwork(doc: Y.Doc): Planned {
  const n = keysAt(doc, ['hostOnlyNetworks']).size;
  const vmware = hypervisorOf(doc) === 'vmware';
  const net = vmware ? `192.168.${100 + n}` : `192.168.${56 + n}`;
  const dhcp = vmware
    ? { server: `${net}.254`, from: `${net}.128`, to: `${net}.253` }
    : { server: `${net}.100`, from: `${net}.101`, to: `${net}.254` };
  const value = { hostIp: `${net}.1/24`, dhcp };
  if (vmware) {
    const avoid = new Set([...keysAt(doc, ['natNetworks']), 'vmnet0', 'vmnet8']);
    return planNamed(doc, ['hostOnlyNetworks'], 'vmnet', value, { first: 1, avoid });
  }
  return planNamed(doc, ['hostOnlyNetworks'], 'vboxnet', value, { first: 0 });
}

/** A new machine on a LAN (`device1`…), by DHCP; its name is unique among all machines. */
export function addLanDevice(doc: Y.Doc, lan: string, origin: unknown): string {
  return addEntry(doc, ['lans', lan, 'devices'], (now) => planLanDevice(now, lan), origin);
}

function planLanDevice(doc: Y.Doc, lan: string): Planned {
  const section = ['lans', lan, 'devices'];
  return planNamed(doc, section, 'device', { ip: 'dhcp' }, { avoid: machineIds(doc) });
}

/** Replaces the whole lab (import of a new file), in one transaction. */
export function importLab(doc: Y.Doc, lab: Record<string, unknown>, origin: unknown): void {
  writeLab(doc, lab, origin);
}
