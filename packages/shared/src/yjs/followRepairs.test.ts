import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairConcurrentWrites } from './concurrentWrites';
import { followRepairs } from './followRepairs';
import { readLab, writeLab } from './labDoc';
import { addVm, insertItem, renameVm } from './labEdits';

const SERVER = 'server';

/** The room's server (which repairs, as the server's Room does) and one page per client id. */
function room(clientIDs: readonly number[]) {
  const server = new Y.Doc();
  writeLab(server, { format: 'vnetlab/1', vms: {} }, 'api');
  repairConcurrentWrites(server, { kind: 'repair' });
  const pages = clientIDs.map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), SERVER);
    const origin = { kind: 'person', clientID };
    const undo = new Y.UndoManager(doc.getMap('lab'), {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    });
    followRepairs(undo, doc);
    return { doc, origin, undo };
  });
  /** What each page did reaches the server (repaired there), then all of it every page. */
  const sync = () => {
    for (const { doc } of pages)
      Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)), doc);
    for (const { doc } of pages)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), SERVER);
  };
  return { server, pages, sync };
}

type Vms = Record<string, { name: string; adapters: { portForwards?: { name: string }[] }[] }>;
const vmsOf = (doc: Y.Doc) => (readLab(doc).vms ?? {}) as Vms;
const names = (doc: Y.Doc) =>
  Object.values(vmsOf(doc))
    .map((vm) => vm.name)
    .sort();

describe('undo after a repair', () => {
  it.each([
    [1000, 2000],
    [2000, 1000],
  ])('each author’s Undo takes back their own VM, the repaired copy included (clients %i, %i)', (...ids) => {
    const { server, pages, sync } = room(ids);
    const [ana, ben] = pages as [(typeof pages)[0], (typeof pages)[0]];
    // Both add `vm1` at once and rename it (a second step) before seeing the other's.
    for (const [page, name] of [
      [ana, 'ana'],
      [ben, 'ben'],
    ] as const) {
      expect(addVm(page.doc, page.origin)).toBe('vm1');
      renameVm(page.doc, 'vm1', name, page.origin);
    }
    sync();
    expect(names(server)).toEqual(['ana', 'ben']);
    // Ben's Undo: his rename, then his addition (one press each, whichever was repaired).
    ben.undo.undo();
    ben.undo.undo();
    sync();
    expect(names(server)).toEqual(['ana']);
    expect(names(ana.doc)).toEqual(['ana']);
    ben.undo.redo();
    sync();
    expect(names(server).length).toBe(2);
    ana.undo.undo();
    ana.undo.undo();
    sync();
    expect(names(server).every((name) => name !== 'ana')).toBe(true);
    expect(names(server).length).toBe(1);
    expect(readLab(ben.doc)).toEqual(readLab(server));
  });

  it('the author whose port forward was repaired into the kept list takes that row back with Undo', () => {
    const { server, pages, sync } = room([2000, 1000]);
    const [ana, ben] = pages as [(typeof pages)[0], (typeof pages)[0]];
    addVm(ana.doc, ana.origin);
    sync();
    // Both add the first forward of vm1's adapter at once: two new lists, one kept.
    const rows = ['vms', 'vm1', 'adapters', 0, 'portForwards'];
    const ssh = { name: 'ssh', protocol: 'tcp', hostPort: 2222, guestPort: 22 };
    insertItem(ana.doc, rows, ssh, ana.origin);
    insertItem(ben.doc, rows, { ...ssh, name: 'web', hostPort: 8080, guestPort: 80 }, ben.origin);
    sync();
    const forwards = () => vmsOf(server).vm1?.adapters[0]?.portForwards ?? [];
    expect(forwards()).toHaveLength(2);
    ben.undo.undo();
    sync();
    expect(forwards().map((row) => row.name)).toEqual(['ssh']);
    expect(readLab(ana.doc)).toEqual(readLab(server));
  });

  it('a page that made no addition leaves the repair alone', () => {
    const { server, pages, sync } = room([2000, 1000, 3000]);
    const [ana, ben, carl] = pages as [(typeof pages)[0], (typeof pages)[0], (typeof pages)[0]];
    addVm(ana.doc, ana.origin);
    addVm(ben.doc, ben.origin);
    sync();
    carl.undo.undo();
    sync();
    expect(Object.keys(vmsOf(server))).toHaveLength(2);
  });
});
