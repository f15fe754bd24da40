import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseLab } from '../lab/parseLab';
import { keepConcurrentAdds, mergeEdits } from './concurrentAdds';
import { readLab, writeLab } from './labDoc';
import { addNatNetwork, addVm, cloneVm, deleteVm, enableAdapter, renameVm, setField } from './labEdits';

const RELAY = 'relay';

/**
 * Room pages on one room document, each with its own Y.Doc, joined by a relay that
 * holds every update until `deliver()`: what each does before that is concurrent.
 */
function room(
  count: number,
  lab: Record<string, unknown> = { format: 'vnetlab/1', vms: {} },
  clientIDs?: readonly number[],
) {
  const seed = new Y.Doc();
  writeLab(seed, lab, 'api');
  const start = Y.encodeStateAsUpdate(seed);
  const docs = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    // Which of two concurrent writes Yjs keeps follows the client ids: tests pin both orders.
    if (clientIDs) doc.clientID = clientIDs[i]!;
    Y.applyUpdate(doc, start, RELAY);
    keepConcurrentAdds(doc);
    return doc;
  });
  const queue: { from: Y.Doc; update: Uint8Array }[] = [];
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== RELAY) queue.push({ from: doc, update });
    });
  }
  /** Delivers every held update to every other page, and what they write in answer, until quiet. */
  const deliver = () => {
    for (let round = 0; queue.length > 0; round++) {
      if (round > 100) throw new Error('the pages never agree');
      const { from, update } = queue.shift()!;
      for (const doc of docs) if (doc !== from) Y.applyUpdate(doc, update, RELAY);
    }
  };
  return { docs, deliver };
}

const person = (n: number) => ({ kind: 'person', clientID: n });
// biome-ignore lint/suspicious/noExplicitAny: test reads of plain JSON
const lab = (doc: Y.Doc) => readLab(doc) as any;

function expectSameEverywhere(docs: Y.Doc[]) {
  for (const doc of docs) expect(lab(doc)).toEqual(lab(docs[0]!));
}

describe('concurrent additions', () => {
  it.each([
    [1000, 2000],
    [2000, 1000],
  ])(
    'two people adding a VM at once both keep theirs, with what they set in it (clients %i, %i)',
    (...ids) => {
      const { docs, deliver } = room(2, undefined, ids);
      const [ana, ben] = docs as [Y.Doc, Y.Doc];
      expect(addVm(ana, person(1))).toBe('vm1');
      expect(addVm(ben, person(2))).toBe('vm1');
      setField(ana, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', person(1));
      renameVm(ben, 'vm1', 'web', person(2));
      deliver();
      expectSameEverywhere(docs);
      const byId = lab(ana).vms as Record<string, { name: string; adapters: { mode: string }[] }>;
      expect(Object.keys(byId).sort()).toEqual(['vm1', 'vm2']);
      // Which write Yjs drops depends on the client ids; an untouched name follows the new id.
      const vms = Object.values(byId);
      expect(Object.entries(byId).every(([id, vm]) => vm.name === id || vm.name === 'web')).toBe(true);
      expect(vms.find((vm) => vm.name === 'web')?.adapters[0]?.mode).toBe('nat');
      expect(vms.find((vm) => vm.name !== 'web')?.adapters[0]?.mode).toBe('natnetwork');
    },
  );

  it('the dropped VM comes back under the next free name, its untouched name following', () => {
    const { docs, deliver } = room(2);
    for (const [i, doc] of docs.entries()) addVm(doc, person(i));
    deliver();
    expectSameEverywhere(docs);
    expect(lab(docs[0]!).vms).toEqual({
      vm1: { name: 'vm1', adapters: [{ mode: 'nat' }] },
      vm2: { name: 'vm2', adapters: [{ mode: 'nat' }] },
    });
  });

  it.each([
    [1000, 2000],
    [2000, 1000],
  ])(
    'two people creating the first NAT network (so `natNetworks` itself too) both keep one (%i, %i)',
    (...ids) => {
      const { docs, deliver } = room(2, { format: 'vnetlab/1' }, ids);
      const [ana, ben] = docs as [Y.Doc, Y.Doc];
      expect(addNatNetwork(ana, person(1))).toBe('NatNetwork');
      expect(addNatNetwork(ben, person(2))).toBe('NatNetwork');
      setField(ben, ['natNetworks', 'NatNetwork', 'dhcp'], false, person(2));
      deliver();
      expectSameEverywhere(docs);
      const nets = lab(ana).natNetworks;
      expect(Object.keys(nets).sort()).toEqual(['NatNetwork', 'NatNetwork1']);
      expect(new Set([nets.NatNetwork.cidr, nets.NatNetwork1.cidr])).toEqual(
        new Set(['10.0.2.0/24', '10.0.3.0/24']),
      );
      expect([nets.NatNetwork.dhcp, nets.NatNetwork1.dhcp].sort()).toEqual([false, true]);
      expect(parseLab(readLab(ana)).ok).toBe(true);
    },
  );

  it('three at once converge on three VMs', () => {
    const { docs, deliver } = room(3);
    for (const [i, doc] of docs.entries()) addVm(doc, person(i));
    deliver();
    expectSameEverywhere(docs);
    expect(Object.keys(lab(docs[0]!).vms).sort()).toEqual(['vm1', 'vm2', 'vm3']);
  });

  it('two clones made at once get different ids and MACs', () => {
    const { docs, deliver } = room(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVm(ana, person(1));
    enableAdapter(ana, 'vm1', 1, person(1));
    deliver();
    cloneVm(ana, 'vm1', person(1));
    cloneVm(ben, 'vm1', person(2));
    deliver();
    expectSameEverywhere(docs);
    expect(Object.keys(lab(ana).vms).sort()).toEqual(['vm1', 'vm1-clone', 'vm1-clone2']);
    const parsed = parseLab(readLab(ana));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const macs = parsed.lab.vms.flatMap((vm) => vm.adapters.map((adapter) => adapter.mac));
    expect(new Set(macs).size).toBe(macs.length);
  });

  it('what a partner deleted on purpose, and one’s own undone add, stay gone', () => {
    const { docs, deliver } = room(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVm(ana, person(1));
    deliver();
    deleteVm(ben, 'vm1', person(2));
    deliver();
    expect(lab(ana).vms).toEqual({});
    const mine = person(1);
    const undo = new Y.UndoManager(ana.getMap('lab'), { trackedOrigins: new Set([mine]) });
    addVm(ana, mine);
    undo.undo();
    setField(ben, ['title'], 'after', person(2));
    deliver();
    expectSameEverywhere(docs);
    expect(lab(ana).vms).toEqual({});
  });

  it('a page offline for a while keeps its additions when it comes back', () => {
    const { docs, deliver } = room(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVm(ana, person(1));
    for (let i = 0; i < 5; i++) setField(ana, ['vms', 'vm1', 'listen'], [`tcp/${8000 + i}`], person(1));
    addVm(ben, person(2));
    addVm(ben, person(2));
    deliver();
    expectSameEverywhere(docs);
    expect(Object.keys(lab(ana).vms).sort()).toEqual(['vm1', 'vm2', 'vm3']);
    const listening = Object.values(lab(ana).vms).filter((vm) => (vm as { listen?: unknown }).listen);
    expect(listening).toHaveLength(1);
  });
});

describe('mergeEdits', () => {
  it('takes the fresh value where nothing was edited, the edit where something was', () => {
    const created = { name: 'vm1', adapters: [{ mode: 'nat', mac: 'a' }] };
    const fresh = { name: 'vm2', adapters: [{ mode: 'nat', mac: 'b' }] };
    const held = {
      name: 'vm1',
      adapters: [{ mode: 'hostonly', mac: 'a' }, { mode: 'nat' }],
      listen: ['tcp/22'],
    };
    expect(mergeEdits(fresh, created, held)).toEqual({
      name: 'vm2',
      adapters: [{ mode: 'hostonly', mac: 'b' }, { mode: 'nat' }],
      listen: ['tcp/22'],
    });
    expect(mergeEdits(fresh, created, { ...created, name: 'web' })).toMatchObject({ name: 'web' });
    expect(mergeEdits(fresh, created, { name: 'vm1' })).toEqual({ name: 'vm2' });
  });
});
