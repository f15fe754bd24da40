import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseLab } from '../lab/parseLab';
import { readLab, writeLab } from './labDoc';
import {
  addHostOnlyNetwork,
  addLanDevice,
  addNatNetwork,
  addVm,
  cloneVm,
  deleteVm,
  disableAdapter,
  enableAdapter,
  importLab,
  insertItem,
  isDisabledAdapter,
  regenerateMac,
  removeItem,
  renameVm,
  setField,
} from './labEdits';

const ana = { kind: 'person', clientID: 1 };
const ben = { kind: 'person', clientID: 2 };

function emptyRoom(extra: Record<string, unknown> = {}): Y.Doc {
  const doc = new Y.Doc();
  writeLab(doc, { format: 'vnetlab/1', vms: {}, ...extra }, { kind: 'api' });
  return doc;
}

/** The origins of the transactions `edit` makes. */
function transactionsOf(doc: Y.Doc, edit: () => void): unknown[] {
  const origins: unknown[] = [];
  const listen = (transaction: Y.Transaction) => origins.push(transaction.origin);
  doc.on('afterTransaction', listen);
  edit();
  doc.off('afterTransaction', listen);
  return origins;
}

// biome-ignore lint/suspicious/noExplicitAny: test reads of plain JSON
const lab = (doc: Y.Doc) => readLab(doc) as any;

describe('labEdits', () => {
  it('sets one field at a path in one transaction with the caller origin, creating missing maps', () => {
    const doc = emptyRoom();
    const id = addVm(doc, ana);
    const origins = transactionsOf(doc, () =>
      setField(doc, ['vms', id, 'adapters', 0, 'ip', 'address'], '10.0.2.300/24', ana),
    );
    expect(origins).toEqual([ana]);
    expect(lab(doc).vms.vm1.adapters[0]).toEqual({ mode: 'nat', ip: { address: '10.0.2.300/24' } });
    const parsed = parseLab(readLab(doc));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]?.path).toBe('vms.vm1.adapters[0].ip.address');
  });

  it('writes nothing when the field already holds the value (no empty undo steps)', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    expect(transactionsOf(doc, () => renameVm(doc, 'vm1', 'vm1', ana))).toEqual([]);
  });

  it('two people editing different fields of one adapter both keep their edit', () => {
    const a = emptyRoom();
    addVm(a, ana);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setField(a, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', ana);
    setField(b, ['vms', 'vm1', 'adapters', 0, 'cable'], false, ben);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(lab(a).vms.vm1.adapters[0]).toEqual({ mode: 'natnetwork', cable: false });
    expect(lab(b)).toEqual(lab(a));
  });

  it('adds VMs with free names vm1, vm2… and one NAT adapter, as VirtualBox wizard', () => {
    const doc = emptyRoom({ vms: { vm1: {} }, lans: { home: { devices: { vm2: {} } } } });
    expect(transactionsOf(doc, () => expect(addVm(doc, ana)).toBe('vm3'))).toEqual([ana]);
    expect(lab(doc).vms.vm3).toEqual({ name: 'vm3', adapters: [{ mode: 'nat' }] });
  });

  it('the first Add VM works on a room with nothing in it yet', () => {
    const doc = new Y.Doc();
    addVm(doc, ana);
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it('clones with new MACs unique in the lab, the same ones every time', () => {
    const build = () => {
      const doc = emptyRoom();
      addVm(doc, ana);
      enableAdapter(doc, 'vm1', 1, ana);
      setField(doc, ['vms', 'vm1', 'listen'], ['tcp/22'], ana);
      return doc;
    };
    const doc = build();
    const origins = transactionsOf(doc, () => expect(cloneVm(doc, 'vm1', ana)).toBe('vm1-clone'));
    expect(origins).toEqual([ana]);
    expect(cloneVm(doc, 'vm1', ana)).toBe('vm1-clone2');
    const parsed = parseLab(readLab(doc));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const macs = parsed.lab.vms.flatMap((vm) => vm.adapters.map((adapter) => adapter.mac));
    expect(new Set(macs).size).toBe(macs.length);
    expect(lab(doc).vms['vm1-clone'].name).toBe('vm1 Clone');
    expect(lab(doc).vms['vm1-clone'].listen).toEqual(['tcp/22']);
    expect(lab(doc).vms['vm1-clone'].adapters[0].mac).toMatch(/^080027[0-9a-f]{6}$/);
    const again = build();
    cloneVm(again, 'vm1', ana);
    expect(lab(again).vms['vm1-clone']).toEqual(lab(doc).vms['vm1-clone']);
    expect(cloneVm(doc, 'missing', ana)).toBeNull();
  });

  it('regenerates one MAC to a new unique value', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    regenerateMac(doc, 'vm1', 0, ana);
    const first = lab(doc).vms.vm1.adapters[0].mac;
    regenerateMac(doc, 'vm1', 0, ana);
    expect(lab(doc).vms.vm1.adapters[0].mac).not.toBe(first);
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it("[LV-1] [HV-4] a new MAC has the lab's product's prefix: libvirt 52:54:00, Hyper-V 00:15:5D", () => {
    for (const [hypervisor, prefix] of [
      ['libvirt', '525400'],
      ['hyperv', '00155d'],
      ['vmware', '000c29'],
    ] as const) {
      const doc = emptyRoom({ hypervisor, vms: { vm1: { adapters: [{ mode: 'nat' }] } } });
      regenerateMac(doc, 'vm1', 0, ana);
      expect(lab(doc).vms.vm1.adapters[0].mac.toLowerCase().startsWith(prefix)).toBe(true);
    }
  });

  it('deleting a VM takes the goals that probe it along, in one transaction', () => {
    const doc = emptyRoom({
      vms: { web: { name: 'Web' }, db: {} },
      goals: [
        { id: 'a', probe: { from: 'Web', to: 'internet', kind: 'ping' } },
        { id: 'b', probe: { from: 'db', to: 'internet', kind: 'ping' } },
        { id: 'c', probe: { from: 'host', to: 'web', kind: 'ping' } },
      ],
    });
    expect(transactionsOf(doc, () => deleteVm(doc, 'web', ana))).toEqual([ana]);
    expect(lab(doc).goals.map((goal: { id: string }) => goal.id)).toEqual(['b']);
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it('renames and deletes a VM', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    renameVm(doc, 'vm1', 'web server', ana);
    expect(lab(doc).vms.vm1.name).toBe('web server');
    deleteVm(doc, 'vm1', ana);
    expect(lab(doc).vms).toEqual({});
  });

  it('enables adapter 3 keeping slot numbers, and disabling trims the end', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    expect(transactionsOf(doc, () => enableAdapter(doc, 'vm1', 2, ana))).toEqual([ana]);
    const adapters = () => lab(doc).vms.vm1.adapters;
    expect(adapters()).toEqual([{ mode: 'nat' }, { mode: 'none' }, { mode: 'nat' }]);
    expect(isDisabledAdapter(adapters()[1])).toBe(true);
    expect(isDisabledAdapter({ mode: 'none', cable: true })).toBe(false);
    disableAdapter(doc, 'vm1', 0, ana);
    expect(adapters()).toEqual([{ mode: 'none' }, { mode: 'none' }, { mode: 'nat' }]);
    disableAdapter(doc, 'vm1', 2, ana);
    expect(adapters()).toEqual([]);
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it('adds and removes port-forward rows and routes, each one transaction', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    const rule = { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestIp: '', guestPort: 22 };
    const path = ['vms', 'vm1', 'adapters', 0, 'portForwards'];
    expect(transactionsOf(doc, () => insertItem(doc, path, rule, ana))).toEqual([ana]);
    insertItem(doc, path, { ...rule, name: 'web', hostPort: 8080, guestPort: 80 }, ana);
    setField(doc, [...path, 1, 'hostPort'], 8081, ana);
    expect(lab(doc).vms.vm1.adapters[0].portForwards.map((r: { hostPort: number }) => r.hostPort)).toEqual([
      2222, 8081,
    ]);
    removeItem(doc, path, 0, ana);
    expect(lab(doc).vms.vm1.adapters[0].portForwards).toHaveLength(1);
    insertItem(doc, ['vms', 'vm1', 'routes'], { to: '10.9.0.0/16', via: '10.0.2.2' }, ana);
    expect(lab(doc).vms.vm1.routes).toEqual([{ to: '10.9.0.0/16', via: '10.0.2.2' }]);
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it('turns a plain empty list (as writeLab stores it) into a list it can add to', () => {
    const doc = emptyRoom({ host: { share: [] } });
    addHostOnlyNetwork(doc, ana);
    insertItem(doc, ['host', 'share'], { network: 'vboxnet0', via: 'eth0' }, ana);
    expect(lab(doc).host.share).toEqual([{ network: 'vboxnet0', via: 'eth0' }]);
  });

  it('adds NAT networks, host-only networks with DHCP and LAN devices under free names', () => {
    const doc = emptyRoom();
    expect(addNatNetwork(doc, ana)).toBe('NatNetwork');
    expect(addNatNetwork(doc, ana)).toBe('NatNetwork1');
    expect(addHostOnlyNetwork(doc, ana)).toBe('vboxnet0');
    expect(lab(doc).hostOnlyNetworks.vboxnet0).toEqual({
      hostIp: '192.168.56.1/24',
      dhcp: { server: '192.168.56.100', from: '192.168.56.101', to: '192.168.56.254' },
    });
    addVm(doc, ana);
    expect(addLanDevice(doc, 'home', ana)).toBe('device1');
    expect(parseLab(readLab(doc)).ok).toBe(true);
    const vmware = emptyRoom({ hypervisor: 'vmware' });
    expect(addNatNetwork(vmware, ana)).toBe('vmnet8');
    expect(addHostOnlyNetwork(vmware, ana)).toBe('vmnet1');
    expect(addHostOnlyNetwork(vmware, ana)).toBe('vmnet2');
    expect(addNatNetwork(vmware, ana)).toBe('vmnet9');
  });

  it('an undo manager tracking one origin takes back only that person’s edits', () => {
    const doc = emptyRoom();
    addVm(doc, ben);
    const undo = new Y.UndoManager(doc.getMap('lab'), { trackedOrigins: new Set([ana]), captureTimeout: 0 });
    setField(doc, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', ana);
    renameVm(doc, 'vm1', 'ben-name', ben);
    undo.undo();
    expect(lab(doc).vms.vm1).toEqual({ name: 'ben-name', adapters: [{ mode: 'nat' }] });
    undo.redo();
    expect(lab(doc).vms.vm1.adapters[0].mode).toBe('natnetwork');
  });

  it('imports a new lab in one transaction', () => {
    const doc = emptyRoom();
    addVm(doc, ana);
    const origins = transactionsOf(doc, () => importLab(doc, { format: 'vnetlab/1', title: 'New' }, ana));
    expect(origins).toEqual([ana]);
    expect(readLab(doc)).toEqual({ format: 'vnetlab/1', title: 'New' });
  });
});
