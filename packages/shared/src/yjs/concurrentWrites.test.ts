import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LAB_LIMITS, type LabLimits } from '../lab/limits';
import { parseLab } from '../lab/parseLab';
import { mergeEdits, repairConcurrentWrites } from './concurrentWrites';
import { readLab, writeLab } from './labDoc';
import {
  addHostOnlyNetwork,
  addNatNetwork,
  addVm,
  cloneVm,
  deleteVm,
  enableAdapter,
  insertItem,
  renameVm,
  setField,
} from './labEdits';

const REPAIR = { kind: 'repair' };

/**
 * Room pages on one room, each with its own Y.Doc, joined by the server's room document
 * (which repairs, as the server's Room does): every update is held until `deliver()`,
 * so what the pages do before that is concurrent. `leave(page)` disconnects a page: it
 * sends and receives nothing more, as a closed tab.
 */
function room(
  count: number,
  lab: Record<string, unknown> = { format: 'vnetlab/1', vms: {} },
  clientIDs?: readonly number[],
  options: { repair?: boolean; limits?: LabLimits } = {},
) {
  const server = new Y.Doc();
  writeLab(server, lab, 'api');
  if (options.repair !== false) repairConcurrentWrites(server, REPAIR, () => true, options.limits);
  const start = Y.encodeStateAsUpdate(server);
  const docs = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    // Which of two concurrent writes Yjs keeps follows the client ids: tests pin both orders.
    if (clientIDs) doc.clientID = clientIDs[i]!;
    Y.applyUpdate(doc, start, server);
    return doc;
  });
  const gone = new Set<Y.Doc>();
  const toServer: { from: Y.Doc; update: Uint8Array }[] = [];
  const toPages: { to: Y.Doc; update: Uint8Array }[] = [];
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== server && !gone.has(doc)) toServer.push({ from: doc, update });
    });
  }
  server.on('update', (update: Uint8Array, origin: unknown) => {
    for (const doc of docs) if (doc !== origin) toPages.push({ to: doc, update });
  });
  /** Delivers every held update to the server, then the server's to every page, until quiet. */
  const deliver = () => {
    for (let round = 0; toServer.length > 0 || toPages.length > 0; round++) {
      if (round > 1000) throw new Error('the pages never agree');
      const next = toServer.shift();
      if (next) {
        Y.applyUpdate(server, next.update, next.from);
        continue;
      }
      const { to, update } = toPages.shift()!;
      if (!gone.has(to)) Y.applyUpdate(to, update, server);
    }
  };
  /** Sends what `page` holds to the server and closes it. */
  const leave = (page: Y.Doc) => {
    for (const held of toServer.splice(0)) Y.applyUpdate(server, held.update, held.from);
    gone.add(page);
  };
  return { docs, server, deliver, leave, online: () => docs.filter((doc) => !gone.has(doc)) };
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

const VM = { name: 'vm1', adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vboxnet0' }] };
const NESTED_LAB = {
  format: 'vnetlab/1',
  hostOnlyNetworks: { vboxnet0: { hostIp: '192.168.56.1/24' } },
  vms: { vm1: VM },
};

describe('concurrent fills of an object nobody had created yet', () => {
  // Each: what Ana sets, what Ben sets, and what the room holds after, whatever the order.
  const cases: [
    string,
    (doc: Y.Doc, who: unknown) => void,
    (doc: Y.Doc, who: unknown) => void,
    (l: ReturnType<typeof lab>) => unknown,
    unknown,
  ][] = [
    [
      "a VM's first firewall",
      (doc, who) => setField(doc, ['vms', 'vm1', 'firewall', 'icmp'], false, who),
      (doc, who) => setField(doc, ['vms', 'vm1', 'firewall', 'allow'], ['tcp/22'], who),
      (l) => l.vms.vm1.firewall,
      { icmp: false, allow: ['tcp/22'] },
    ],
    [
      "an adapter's first static address",
      (doc, who) => setField(doc, ['vms', 'vm1', 'adapters', 1, 'ip', 'address'], '192.168.56.10/24', who),
      (doc, who) => setField(doc, ['vms', 'vm1', 'adapters', 1, 'ip', 'gateway'], '192.168.56.1', who),
      (l) => l.vms.vm1.adapters[1].ip,
      { address: '192.168.56.10/24', gateway: '192.168.56.1' },
    ],
    [
      "a host-only network's DHCP server",
      (doc, who) => setField(doc, ['hostOnlyNetworks', 'vboxnet0', 'dhcp', 'server'], '192.168.56.100', who),
      (doc, who) => setField(doc, ['hostOnlyNetworks', 'vboxnet0', 'dhcp', 'from'], '192.168.56.101', who),
      (l) => l.hostOnlyNetworks.vboxnet0.dhcp,
      { server: '192.168.56.100', from: '192.168.56.101' },
    ],
  ];
  const ssh = { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 };
  const web = { name: 'web', proto: 'tcp', hostIp: '', hostPort: 8080, guestPort: 80 };

  for (const ids of [
    [1000, 2000],
    [2000, 1000],
  ]) {
    it.each(cases)(`%s keeps both fields (clients ${ids.join(', ')})`, (_name, ana, ben, read, expected) => {
      const { docs, deliver } = room(2, NESTED_LAB, ids);
      ana(docs[0]!, person(1));
      ben(docs[1]!, person(2));
      deliver();
      expectSameEverywhere(docs);
      expect(read(lab(docs[0]!))).toEqual(expected);
    });

    it(`an adapter's first port forward, added by both, keeps both rows (clients ${ids.join(', ')})`, () => {
      const { docs, deliver } = room(2, NESTED_LAB, ids);
      const [ana, ben] = docs as [Y.Doc, Y.Doc];
      insertItem(ana, ['vms', 'vm1', 'adapters', 0, 'portForwards'], ssh, person(1));
      insertItem(ben, ['vms', 'vm1', 'adapters', 0, 'portForwards'], web, person(2));
      // Ana goes on editing her row before she has seen Ben's: that edit is kept too.
      setField(ana, ['vms', 'vm1', 'adapters', 0, 'portForwards', 0, 'hostPort'], 2200, person(1));
      // And adds a second row, still unaware: it joins the rows kept.
      insertItem(ana, ['vms', 'vm1', 'adapters', 0, 'portForwards'], { ...ssh, name: 'https' }, person(1));
      deliver();
      expectSameEverywhere(docs);
      const rows = lab(ana).vms.vm1.adapters[0].portForwards;
      expect(rows).toHaveLength(3);
      expect(rows).toEqual(
        expect.arrayContaining([{ ...ssh, hostPort: 2200 }, web, { ...ssh, name: 'https' }]),
      );
    });
  }

  it('without the repair, one of the two is lost (what the repair is for)', () => {
    const { docs, deliver } = room(2, NESTED_LAB, [1000, 2000], { repair: false });
    cases[0]![1](docs[0]!, person(1));
    cases[0]![2](docs[1]!, person(2));
    deliver();
    expect(lab(docs[0]!).vms.vm1.firewall).toEqual({ allow: ['tcp/22'] });
  });

  it('a field both set keeps one value, the same everywhere', () => {
    // Ana's object (the higher client id) is kept: Ben's other field is filled in.
    const { docs, deliver } = room(2, NESTED_LAB, [2000, 1000]);
    setField(docs[0]!, ['vms', 'vm1', 'firewall', 'icmp'], false, person(1));
    setField(docs[1]!, ['vms', 'vm1', 'firewall', 'icmp'], true, person(2));
    setField(docs[1]!, ['vms', 'vm1', 'firewall', 'allow'], ['tcp/80'], person(2));
    deliver();
    expectSameEverywhere(docs);
    const firewall = lab(docs[0]!).vms.vm1.firewall;
    expect(Object.keys(firewall).sort()).toEqual(['allow', 'icmp']);
  });

  it('an object one person replaced after seeing the other is not merged back', () => {
    const { docs, deliver } = room(2, NESTED_LAB);
    setField(docs[0]!, ['vms', 'vm1', 'firewall', 'icmp'], false, person(1));
    deliver();
    setField(docs[1]!, ['vms', 'vm1', 'firewall'], { allow: ['tcp/22'] }, person(2));
    deliver();
    expectSameEverywhere(docs);
    expect(lab(docs[0]!).vms.vm1.firewall).toEqual({ allow: ['tcp/22'] });
  });
});

describe('who repairs', () => {
  it('an author who left before the conflict was seen keeps the VM it added, with its edits', () => {
    const { docs, server, deliver, leave, online } = room(2, undefined, [2000, 1000]);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVm(ana, person(1));
    renameVm(ana, 'vm1', 'web', person(1));
    addVm(ben, person(2));
    // Ana's updates reach the server, then her tab closes before Ben's arrive anywhere.
    leave(ana);
    deliver();
    expect(online()).toEqual([ben]);
    const vms = lab(ben).vms as Record<string, { name: string }>;
    expect(Object.keys(vms).sort()).toEqual(['vm1', 'vm2']);
    // Ana's (the higher client id) kept vm1; Ben's untouched name follows its new id.
    expect(vms.vm1?.name).toBe('web');
    expect(vms.vm2?.name).toBe('vm2');
    expect(lab(ben)).toEqual(lab(server));
  });

  it('both authors gone: the room holds both additions for whoever comes next', () => {
    const { docs, server, leave } = room(2, { format: 'vnetlab/1' }, [1000, 2000]);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addNatNetwork(ana, person(1));
    addHostOnlyNetwork(ana, person(1));
    addNatNetwork(ben, person(2));
    addHostOnlyNetwork(ben, person(2));
    leave(ana);
    leave(ben);
    const next = new Y.Doc();
    Y.applyUpdate(next, Y.encodeStateAsUpdate(server));
    expect(Object.keys(lab(next).natNetworks).sort()).toEqual(['NatNetwork', 'NatNetwork1']);
    expect(Object.keys(lab(next).hostOnlyNetworks).sort()).toEqual(['vboxnet0', 'vboxnet1']);
    expect(parseLab(readLab(next)).ok).toBe(true);
  });

  it('a repair never takes the lab past its limits: at the VM limit, the dropped VM stays dropped', () => {
    const limits = { ...LAB_LIMITS, maxVms: 1 };
    const { docs, deliver } = room(2, undefined, [1000, 2000], { limits });
    for (const [i, doc] of docs.entries()) addVm(doc, person(i));
    deliver();
    expectSameEverywhere(docs);
    expect(Object.keys(lab(docs[0]!).vms)).toEqual(['vm1']);
  });

  it('a room that does not repair (not the engine owner in cluster mode) leaves it to the one that does', () => {
    const owner = { active: false };
    const server = new Y.Doc();
    writeLab(server, { format: 'vnetlab/1', vms: {} }, 'api');
    repairConcurrentWrites(server, REPAIR, () => owner.active);
    const [ana, ben] = [new Y.Doc(), new Y.Doc()];
    for (const doc of [ana, ben]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    addVm(ana, person(1));
    addVm(ben, person(2));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ana));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ben));
    expect(Object.keys(lab(server).vms)).toEqual(['vm1']);
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
