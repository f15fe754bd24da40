import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairConcurrentWrites } from './concurrentWrites';
import { readLab, writeLab } from './labDoc';
import { addVm, renameVm, setField } from './labEdits';
import { KEPT_RECORDS, keepRepairedTypes, REPAIRS_ROOT } from './repairRecords';

const REPAIR = { kind: 'repair' };
const person = (n: number) => ({ kind: 'person', clientID: n });

/** Sends `to` what `from` holds that it lacks, in one update (one transaction there). */
function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), from);
}

/** Everyone sends everyone what they lack until nothing moves (the repairs' writes included). */
function settle(docs: readonly Y.Doc[]): void {
  for (let round = 0; round < 50; round++) {
    const before = docs.map((doc) => Y.encodeStateVector(doc).join());
    for (const from of docs) for (const to of docs) if (from !== to) send(from, to);
    if (docs.every((doc, i) => Y.encodeStateVector(doc).join() === before[i])) return;
  }
  throw new Error('the documents never settle');
}

/** A server's document: a new room's, or (`of`) another process's copy of one. */
function serverDoc(of?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  if (of) send(of, doc);
  else writeLab(doc, { format: 'vnetlab/1', vms: {} }, 'api');
  repairConcurrentWrites(doc, REPAIR);
  return doc;
}

/** Two processes holding one room, both repairing (a lease handover). */
function twoProcesses(): [Y.Doc, Y.Doc] {
  const one = serverDoc();
  return [one, serverDoc(one)];
}

function page(from: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  send(from, doc);
  return doc;
}

type Vms = Record<string, { name: string; adapters: { mode: string }[] }>;
const vmsOf = (doc: Y.Doc) => (readLab(doc).vms ?? {}) as Vms;
const names = (doc: Y.Doc) =>
  Object.values(vmsOf(doc))
    .map((vm) => vm.name)
    .sort();

/** Ana (the higher client id, kept) and Ben (dropped) add `vm1` at once; the server repairs Ben's as vm2. */
function conflict(server: Y.Doc) {
  const ana = page(server, 2000);
  const ben = page(server, 1000);
  addVm(ana, person(1));
  addVm(ben, person(2));
  send(ana, server);
  send(ben, server);
  expect(Object.keys(vmsOf(server)).sort()).toEqual(['vm1', 'vm2']);
  // Ben has not seen Ana's yet: he goes on editing the VM he added, in his vm1.
  setField(ben, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', person(2));
  return { ana, ben };
}

/** A server process started again on what `before` stored (its updates, in one load). */
function restarted(before: Y.Doc, keep: boolean): Y.Doc {
  const doc = new Y.Doc();
  if (keep) keepRepairedTypes(doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(before));
  repairConcurrentWrites(doc, REPAIR);
  return doc;
}

describe('repairs across a restart', () => {
  it('a write into the dropped VM that reaches a restarted server still lands in its repaired copy', () => {
    const server = serverDoc();
    const { ben } = conflict(server);
    const again = restarted(server, true);
    send(ben, again);
    expect(vmsOf(again).vm2?.adapters[0]?.mode).toBe('natnetwork');
    expect(vmsOf(again).vm1?.adapters[0]?.mode).toBe('nat');
  });

  it('without the records kept from the collector at load, that write is lost (what they are for)', () => {
    const server = serverDoc();
    const { ben } = conflict(server);
    const again = restarted(server, false);
    send(ben, again);
    expect(vmsOf(again).vm2?.adapters[0]?.mode).toBe('nat');
  });

  it('keeps at most KEPT_RECORDS records, the oldest going first', () => {
    const server = serverDoc();
    const records = server.getArray(REPAIRS_ROOT);
    server.transact(() => {
      for (let i = 0; i < KEPT_RECORDS; i++) records.push([{ lost: [1, i], home: ['old'] }]);
    }, REPAIR);
    conflict(server);
    expect(records.length).toBe(KEPT_RECORDS);
    expect((records.get(0) as { lost: number[] }).lost).toEqual([1, 1]);
  });
});

describe('a repair run twice (two processes holding the room in turn)', () => {
  it('both processes repair the same conflict unaware of each other: one copy stays', () => {
    const [one, two] = twoProcesses();
    const ana = page(one, 2000);
    const ben = page(one, 1000);
    addVm(ana, person(1));
    renameVm(ana, 'vm1', 'ana', person(1));
    addVm(ben, person(2));
    renameVm(ben, 'vm1', 'ben', person(2));
    // Each process gets both pages' writes before the other's repair reaches it.
    for (const server of [one, two]) {
      send(ana, server);
      send(ben, server);
      expect(names(server)).toEqual(['ana', 'ben']);
    }
    settle([one, two, ana, ben]);
    for (const doc of [one, two, ana, ben]) expect(names(doc)).toEqual(['ana', 'ben']);
    expect(readLab(ana)).toEqual(readLab(one));
  });

  it('the two copies under different names (one process had seen another VM first): one stays', () => {
    const [one, two] = twoProcesses();
    const ana = page(one, 2000);
    const ben = page(one, 1000);
    const carl = page(one, 3000);
    addVm(ana, person(1));
    renameVm(ana, 'vm1', 'ana', person(1));
    addVm(ben, person(2));
    renameVm(ben, 'vm1', 'ben', person(2));
    setField(carl, ['vms', 'vm2'], { name: 'carl', adapters: [{ mode: 'nat' }] }, person(3));
    // Carl's vm2 reaches the second process first: its copy of Ben's is vm3, the first's vm2.
    send(carl, two);
    for (const server of [one, two]) {
      send(ana, server);
      send(ben, server);
    }
    settle([one, two, ana, ben, carl]);
    for (const doc of [one, two, ana, ben, carl]) expect(names(doc)).toEqual(['ana', 'ben', 'carl']);
    // The ids are distinct and nothing is left over.
    expect(Object.keys(vmsOf(one))).toHaveLength(3);
  });

  it('one process repairs, the other has already seen its repair: nothing is repaired again', () => {
    const [one, two] = twoProcesses();
    const { ana, ben } = conflict(one);
    // The repair reaches the other process with the conflict itself, in one update; then
    // Ben's edit in his dropped VM (a page sends each edit as it makes it) reaches both.
    send(one, two);
    send(ben, two);
    send(ben, one);
    settle([one, two, ana, ben]);
    expect(names(two)).toEqual(['vm1', 'vm2']);
    expect(vmsOf(two).vm2?.adapters[0]?.mode).toBe('natnetwork');
  });
});
