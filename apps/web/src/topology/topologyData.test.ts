import { type Lab, parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { machinesView } from '../results/resultsView';
import { canvasNodeOfHop, topologyData } from './topologyData';

function lab(file: unknown): Lab {
  const parsed = parseLab(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.lab;
}

const classroom = lab({
  format: 'vnetlab/1',
  host: { nics: { eth0: { kind: 'ethernet', lan: 'home' } } },
  lans: { home: { cidr: '192.168.1.0/24', devices: { laptop: {} } } },
  hostOnlyNetworks: { vboxnet0: { hostIp: '192.168.56.1/24' } },
  vms: {
    web: {
      name: 'Web server',
      adapters: [
        {
          mode: 'nat',
          portForwards: [{ name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 }],
        },
        { mode: 'hostonly', network: 'vboxnet0' },
      ],
    },
    db: {
      adapters: [
        { mode: 'internal', network: 'intnet' },
        { mode: 'bridged', network: 'eth0', cable: false },
      ],
    },
  },
});

const empty = { lab: classroom, machines: new Map(), diagnostics: [] };

describe('topologyData', () => {
  it('draws the host with its NICs, the LAN with its router, devices and the internet', () => {
    const data = topologyData(empty);
    const ids = data.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['internet', 'router:home', 'lan:home', 'dev:laptop', 'host']),
    );
    expect(data.nodes.find((n) => n.id === 'host')).toMatchObject({ nics: ['eth0'] });
    const pairs = data.links.map((l) => `${l.from}-${l.to}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'router:home-lan:home',
        'router:home-internet',
        'dev:laptop-lan:home',
        'host-lan:home',
      ]),
    );
  });

  it('gives each VirtualBox NAT adapter its own NAT engine, linked to the host, with its port forwards', () => {
    const data = topologyData(empty);
    expect(data.nodes.find((n) => n.id === 'nat:web/0')).toMatchObject({
      kind: 'net',
      mode: 'nat',
      owner: 'vm:web',
    });
    expect(data.links.find((l) => l.id === 'nat:web/0>host')?.to).toBe('host');
    expect(data.forwards).toEqual([
      { id: 'nat:web/0:ssh', via: 'nat:web/0', to: 'vm:web', label: 'tcp *:2222 → 22' },
    ]);
  });

  it('joins VMs to shared networks by mode, a bridged adapter to the LAN of its NIC, an unplugged cable marked', () => {
    const data = topologyData(empty);
    expect(data.links.find((l) => l.id === 'vm:web#1')).toMatchObject({
      to: 'hostonly:vboxnet0',
      kind: 'hostonly',
    });
    expect(data.links.find((l) => l.id === 'vm:db#0')).toMatchObject({
      to: 'internal:intnet',
      kind: 'internal',
    });
    expect(data.links.find((l) => l.id === 'vm:db#1')).toMatchObject({
      to: 'lan:home',
      kind: 'bridged',
      cable: false,
    });
    // An internal network never meets the host: that is the point of it.
    expect(
      data.links.some(
        (l) => l.from === 'internal:intnet' || (l.to === 'internal:intnet' && l.from === 'host'),
      ),
    ).toBe(false);
    expect(data.nodes.find((n) => n.id === 'vm:web')).toMatchObject({ label: 'Web server' });
  });

  it('shares VMware NAT (VMnet8) between VMs', () => {
    const vmware = lab({
      format: 'vnetlab/1',
      hypervisor: 'vmware',
      vms: { a: { adapters: [{ mode: 'nat' }] }, b: { adapters: [{ mode: 'nat' }] } },
    });
    const data = topologyData({ lab: vmware, machines: new Map(), diagnostics: [] });
    expect(data.links.filter((l) => l.kind === 'nat').map((l) => l.to)).toEqual([
      'natnetwork:vmnet8',
      'natnetwork:vmnet8',
    ]);
  });

  it("[LV-1] [HV-1] libvirt's and Hyper-V's NAT is one shared network, not a private engine per adapter, drawn as NAT", () => {
    for (const [hypervisor, name, cidr] of [
      ['libvirt', 'default', '192.168.122.0/24'],
      ['hyperv', 'Default Switch', '172.26.80.0/20'],
    ] as const) {
      const shared = lab({
        format: 'vnetlab/1',
        hypervisor,
        vms: { a: { adapters: [{ mode: 'nat' }] }, b: { adapters: [{ mode: 'natnetwork' }] } },
      });
      const data = topologyData({ lab: shared, machines: new Map(), diagnostics: [] });
      const id = `natnetwork:${name}`;
      expect(data.links.filter((l) => l.from.startsWith('vm:')).map((l) => [l.to, l.kind])).toEqual([
        [id, 'nat'],
        [id, 'nat'],
      ]);
      expect(data.nodes.filter((n) => n.kind === 'net' && n.mode === 'nat')).toEqual([]);
      expect(data.nodes.find((n) => n.id === id)).toMatchObject({ detail: cidr });
      expect(data.links.find((l) => l.from === id)?.kind).toBe('nat');
    }
  });

  it('badges a VM that does not start, one without an address, and one with diagnostics', () => {
    const machines = machinesView([
      { id: 'web', problem: 'the NAT network is missing', ifaces: [] },
      {
        id: 'db',
        problem: null,
        ifaces: [{ addresses: [], up: true, addressing: 'dhcp-failed' }, { addresses: [] }],
      },
    ]);
    const diagnostics = [
      { severity: 'warning', path: 'vms.db.adapters[0].ip', code: 'x' },
      { severity: 'error', path: 'vms.db.adapters[1]', code: 'y' },
      { severity: 'error', path: 'lans.home', code: 'z' },
    ];
    const data = topologyData({ lab: classroom, machines, diagnostics });
    const badges = (id: string) =>
      (data.nodes.find((n) => n.id === id) as unknown as { badges: unknown[] }).badges;
    expect(badges('vm:web')).toEqual([{ kind: 'not-started', text: 'the NAT network is missing' }]);
    expect(badges('vm:db')).toEqual([
      { kind: 'no-address', slot: 0 },
      { kind: 'diagnostics', count: 2, severity: 'error' },
    ]);
  });
});

describe('canvasNodeOfHop', () => {
  it('maps the engine hop ids onto canvas nodes', () => {
    const ids = new Set(topologyData(empty).nodes.map((n) => n.id));
    expect(canvasNodeOfHop('web', ids)).toBe('vm:web');
    expect(canvasNodeOfHop('laptop', ids)).toBe('dev:laptop');
    expect(canvasNodeOfHop('nat:web/0', ids)).toBe('nat:web/0');
    expect(canvasNodeOfHop('router:home', ids)).toBe('router:home');
    expect(canvasNodeOfHop('natnet:NatNetwork', ids)).toBeNull();
  });
});
