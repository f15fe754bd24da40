import { describe, expect, it } from 'vitest';
import { labView } from '../lab/labView';
import { layoutTopology, topologyData } from './topologyData';

const lab = labView({
  host: { nics: { eth0: { kind: 'ethernet', lan: 'home' } } },
  vms: {
    web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly' }] },
    db: { adapters: [{ mode: 'internal', network: 'intnet' }, { mode: 'nat' }, { mode: 'none' }] },
    gw: {
      adapters: [
        { mode: 'bridged', cable: false },
        { mode: 'internal', network: 'intnet' },
      ],
    },
  },
});

describe('topologyData', () => {
  it('gives each VirtualBox NAT adapter its own network and shares the others', () => {
    const data = topologyData(lab);
    expect(data.vms.map((v) => v.id)).toEqual(['web', 'db', 'gw']);
    expect(data.networks.map((n) => n.id)).toEqual([
      'nat:web:0',
      'hostonly:vboxnet0',
      'internal:intnet',
      'nat:db:1',
      'bridged:eth0',
    ]);
    expect(data.links.filter((l) => l.network === 'internal:intnet').map((l) => l.vm)).toEqual(['db', 'gw']);
    expect(data.links.find((l) => l.vm === 'gw' && l.slot === 0)?.cable).toBe(false);
    expect(data.networks.find((n) => n.id === 'bridged:eth0')).toMatchObject({
      detail: 'Bridged → LAN home',
    });
  });

  it('links the host to the networks it is on or NATs for, never to an internal network', () => {
    const uplinks = topologyData(lab).uplinks.map((u) => `${u.network}:${u.via}`);
    expect(uplinks).toEqual([
      'nat:web:0:nat',
      'hostonly:vboxnet0:adapter',
      'nat:db:1:nat',
      'bridged:eth0:adapter',
    ]);
    const vmware = labView({ hypervisor: 'vmware', vms: { a: { adapters: [{ mode: 'nat' }] } } });
    expect(topologyData(vmware).uplinks.map((u) => u.via)).toEqual(['adapter']);
  });

  it('leaves out adapters that are not attached', () => {
    expect(topologyData(lab).links.some((l) => l.id === 'db:2')).toBe(false);
  });

  it('shares VMware NAT (VMnet8) between VMs', () => {
    const vmware = labView({
      hypervisor: 'vmware',
      vms: { a: { adapters: [{ mode: 'nat' }] }, b: { adapters: [{ mode: 'nat' }] } },
    });
    expect(topologyData(vmware).networks.map((n) => n.id)).toEqual(['nat:vmnet8']);
  });
});

describe('layoutTopology', () => {
  it('places each network under the VMs that use it', () => {
    const layout = layoutTopology(topologyData(lab));
    const x = (id: string) => layout.networks.find((n) => n.item.id === id)?.x ?? Number.NaN;
    expect(layout.networks.map((n) => n.item.id)).toEqual([
      'nat:web:0',
      'hostonly:vboxnet0',
      'nat:db:1',
      'internal:intnet',
      'bridged:eth0',
    ]);
    expect(x('nat:web:0')).toBeLessThan(x('internal:intnet'));
    expect(layout.vms.every((v) => v.y < layout.networks[0]!.y)).toBe(true);
    expect(layout.networks.every((n) => n.y < layout.host.y)).toBe(true);
  });

  it('is deterministic and copes with an empty lab', () => {
    const data = topologyData(lab);
    expect(layoutTopology(data)).toEqual(layoutTopology(data));
    expect(layoutTopology(topologyData(labView({}))).vms).toEqual([]);
  });
});
