/** libvirt (KVM/QEMU), by rule id of REFERENCE.md: the overview table cell by cell, then each rule. */
import { chinese, english } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab } from '../testing/labs';

type Cell = 'yes' | 'no';
type Row = { vmHost: Cell; hostVm: Cell; vmVm: Cell; vmLan: Cell; lanVm: Cell };

/** LV-T: the modes as libvirt's documentation and virt-manager describe them. */
const TABLE: Record<string, { adapter: Record<string, unknown>; extra?: Record<string, unknown>; row: Row }> =
  {
    'NAT (default)': {
      adapter: { mode: 'nat' },
      row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'yes', lanVm: 'no' },
    },
    isolated: {
      adapter: { mode: 'hostonly' },
      row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'no', lanVm: 'no' },
    },
    'host bridge': {
      adapter: { mode: 'bridged' },
      row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'yes', lanVm: 'yes' },
    },
    macvtap: {
      adapter: { mode: 'bridged', macvtap: true },
      row: { vmHost: 'no', hostVm: 'no', vmVm: 'yes', vmLan: 'yes', lanVm: 'yes' },
    },
    'routed, LAN route back': {
      adapter: { mode: 'nat', network: 'routed' },
      extra: {
        natNetworks: { routed: { cidr: '192.168.150.0/24', routed: true } },
        lans: {
          home: {
            routes: [{ to: '192.168.150.0/24', via: '192.168.1.100' }],
            devices: { laptop: { listen: ['tcp/80'] } },
          },
        },
      },
      row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'yes', lanVm: 'yes' },
    },
    'routed, no route back': {
      adapter: { mode: 'nat', network: 'routed' },
      extra: { natNetworks: { routed: { cidr: '192.168.150.0/24', routed: true } } },
      row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'no', lanVm: 'no' },
    },
  };

const lab = (adapter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  testLab({
    hypervisor: 'libvirt',
    lans: { home: { devices: { laptop: { listen: ['tcp/80'] } } } },
    host: { listen: ['tcp/8080'] },
    vms: {
      vm1: { adapters: [adapter], listen: ['tcp/22'] },
      vm2: { adapters: [adapter], listen: ['tcp/22'] },
    },
    ...extra,
  });

describe('[LV-T] the libvirt overview table, cell by cell', () => {
  for (const [mode, { adapter, extra, row }] of Object.entries(TABLE)) {
    const t = lab(adapter, extra);
    const yes = (cell: Cell) => cell === 'yes';
    it(`[LV-T] ${mode}: VM → host ${row.vmHost}`, () => {
      expect(t.ping('vm1', 'host').reachable).toBe(yes(row.vmHost));
    });
    it(`[LV-T] ${mode}: host → VM ${row.hostVm}`, () => {
      expect(t.tcp('host', 'vm1', 22).reachable).toBe(yes(row.hostVm));
    });
    it(`[LV-T] ${mode}: VM ↔ VM ${row.vmVm}`, () => {
      expect(t.ping('vm1', 'vm2').reachable).toBe(yes(row.vmVm));
      expect(t.ping('vm2', 'vm1').reachable).toBe(yes(row.vmVm));
    });
    it(`[LV-T] ${mode}: VM → LAN ${row.vmLan}`, () => {
      expect(t.tcp('vm1', 'laptop', 80).reachable).toBe(yes(row.vmLan));
    });
    it(`[LV-T] ${mode}: LAN → VM ${row.lanVm}`, () => {
      expect(t.tcp('laptop', 'vm1', 22).reachable).toBe(yes(row.lanVm));
    });
  }
});

describe('libvirt rules', () => {
  it('[LV-1] the default network: virbr0, 192.168.122.0/24, the host at .1 is gateway and DNS, leases from .2', () => {
    const t = lab({ mode: 'nat' });
    expect(addressOf(t.network, 'vm1')).toBe('192.168.122.2');
    expect(addressOf(t.network, 'vm2')).toBe('192.168.122.3');
    expect(t.exec('vm1', 'ip route')).toContain('default via 192.168.122.1 dev enp1s0');
    expect(t.exec('vm1', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.122.1');
    expect(t.network.host.ifaces.find((iface) => iface.name === 'virbr0')?.addrs.length).toBe(1);
    expect(t.exec('vm1', 'ip addr')).toContain('link/ether 52:54:00:');
    const out = t.ping('vm1', 'internet');
    expect(out.reachable).toBe(true);
    expect(out.hops.some((hop) => hop.why.code === 'hop-snat' && hop.node === 'host')).toBe(true);
  });

  it('[LV-2] an isolated network: the host has .1, dnsmasq leases but advertises no router', () => {
    const t = lab({ mode: 'hostonly' });
    expect(addressOf(t.network, 'vm1')).toBe('192.168.100.2');
    expect(t.exec('vm1', 'ip route')).not.toContain('default via');
    expect(t.ping('vm1', 'internet').reachable).toBe(false);
  });

  it('[LV-4] macvtap: the LAN reaches the guest, the host does not, and says why', () => {
    const t = lab({ mode: 'bridged', macvtap: true });
    const result = t.ping('host', 'vm1');
    expect(result.why.code).toBe('macvtap-host');
    expect(result.reason).toContain('macvtap');
    expect(diagnose(t.lab, t.network).some((d) => d.code === 'macvtap-host')).toBe(true);
  });

  it('[LV-5] a routed network: no NAT, the LAN sees the guest address and needs a route back', () => {
    const t = lab({ mode: 'nat', network: 'routed' }, TABLE['routed, no route back']!.extra);
    const result = t.tcp('vm1', 'laptop', 80);
    expect(result.why.code).toBe('no-reply-route');
    const note = diagnose(t.lab, t.network).find((d) => d.code === 'routed-needs-route');
    expect(note?.path).toBe('lans.home.routes');
    const withRoute = lab({ mode: 'nat', network: 'routed' }, TABLE['routed, LAN route back']!.extra);
    const ok = withRoute.tcp('vm1', 'laptop', 80);
    expect(ok.reachable).toBe(true);
    expect(ok.hops.some((hop) => hop.why.code === 'hop-snat')).toBe(false);
  });

  it('[LV-3] macvtap and routed are libvirt options: elsewhere a bad file', () => {
    expect(() => testLab({ vms: { a: { adapters: [{ mode: 'bridged', macvtap: true }] } } })).toThrow(
      'vms.a.adapters[0].macvtap: macvtap is a libvirt device',
    );
    expect(() =>
      testLab({ hypervisor: 'libvirt', vms: { a: { adapters: [{ mode: 'nat', macvtap: true }] } } }),
    ).toThrow('macvtap is an option of bridged mode');
  });
});

describe('[LV-8] libvirt and a Wi-Fi NIC', () => {
  const wifiLab = testLab({
    hypervisor: 'libvirt',
    host: { nics: { wlan0: { kind: 'wifi', lan: 'home' } } },
    lans: { home: { devices: { laptop: { listen: ['tcp/80'] } } } },
    vms: {
      br: { adapters: [{ mode: 'bridged', network: 'wlan0' }] },
      tap: { adapters: [{ mode: 'bridged', network: 'wlan0', macvtap: true }] },
      fixed: {
        adapters: [{ mode: 'bridged', network: 'wlan0', macvtap: true, ip: { address: '192.168.1.60/24' } }],
      },
    },
  });

  it('[LV-8] a host bridge over Wi-Fi cannot exist, so the VM does not start', () => {
    const out = wifiLab.ping('br', 'internet');
    expect(out.why.code).toBe('wifi-no-bridge');
    expect(english(out.why)).toContain(
      'Linux refuses a Wi-Fi NIC in a bridge ("Device does not allow enslaving to a bridge")',
    );
    expect(chinese(out.why)).toContain('无法启动');
    expect(wifiLab.ping('host', 'br').reachable).toBe(false);
  });

  it("[LV-8] a macvtap guest on Wi-Fi starts but reaches no one: nothing rewrites its MAC as VirtualBox's bridge does", () => {
    expect(addressOf(wifiLab.network, 'tap')).toBeNull();
    expect(wifiLab.ping('tap', 'internet').why.code).toBe('wifi-no-bridge');
    // With a static address too: the access point drops every frame of its MAC.
    expect(wifiLab.ping('fixed', '192.168.1.1').reachable).toBe(false);
    expect(wifiLab.tcp('laptop', '192.168.1.60', 80).reachable).toBe(false);
    const notes = diagnose(wifiLab.lab, wifiLab.network).filter((d) => d.severity === 'error');
    expect(notes.map((d) => [d.code, d.path])).toEqual([
      ['wifi-no-bridge', 'vms.br.adapters[0].network'],
      ['wifi-no-bridge', 'vms.tap.adapters[0].network'],
      ['wifi-no-bridge', 'vms.fixed.adapters[0].network'],
    ]);
  });
});

describe('libvirt firewall rules', () => {
  const withRoute = (to: string) => ({
    lans: {
      home: {
        routes: [{ to, via: '192.168.1.100' }],
        devices: { laptop: { listen: ['tcp/80'] } },
      },
    },
  });

  it('[LV-6] a LAN machine with a route to the NAT network is refused by LIBVIRT_FWI, not timed out', () => {
    const t = lab({ mode: 'nat' }, withRoute('192.168.122.0/24'));
    const tcp = t.tcp('laptop', 'vm1', 22);
    expect(tcp.reachable).toBe(false);
    expect(tcp.why.code).toBe('libvirt-rejects');
    expect(tcp.reason).toContain('LIBVIRT_FWI');
    expect(tcp.hops.at(-1)?.node).toBe('host');
    const ping = t.ping('laptop', 'vm1');
    expect(ping.why.code).toBe('libvirt-rejects');
    // What the guest's own connections get back still passes: the table's VM → LAN holds.
    expect(t.tcp('vm1', 'laptop', 80).reachable).toBe(true);
    // The host itself is not forwarding: its own connections reach its guests.
    expect(t.tcp('host', 'vm1', 22).reachable).toBe(true);
  });

  it('[LV-6] from a guest: ping prints Destination Port Unreachable from the host, nc and curl are refused', () => {
    const t = testLab({
      hypervisor: 'libvirt',
      natNetworks: { default: {}, routed: { cidr: '192.168.150.0/24', routed: true } },
      vms: {
        outside: { adapters: [{ mode: 'nat', network: 'routed' }] },
        inside: { adapters: [{ mode: 'nat' }], listen: ['tcp/80'] },
      },
    });
    const address = addressOf(t.network, 'inside')!;
    const ping = t.exec('outside', `ping -c 2 ${address}`);
    expect(ping).toContain(`From 192.168.150.1 icmp_seq=1 Destination Port Unreachable`);
    expect(ping).toContain('2 packets transmitted, 0 received, +2 errors, 100% packet loss');
    expect(t.run('outside', `nc -zv -w 1 ${address} 80`).output).toContain('Connection refused');
    // traceroute takes the port unreachable for the end of the path: the host, twice, then done.
    expect(t.exec('outside', `traceroute -n ${address}`).split('\n').slice(1)).toEqual([
      ' 1  192.168.150.1  0.300 ms  0.300 ms  0.300 ms',
      ' 2  192.168.150.1  0.700 ms  0.700 ms  0.700 ms',
    ]);
    // curl 8 says a refusal as "Couldn't connect to server", exit 7 (a timeout would be 28).
    const curl = t.run('outside', `curl -sS http://${address}/`);
    expect(curl.output).toContain("after 0 ms: Couldn't connect to server");
    expect(curl.exitCode).toBe(7);
  });

  it('[LV-6] a routed network accepts what the LAN starts; an isolated one rejects it', () => {
    const routed = lab({ mode: 'nat', network: 'routed' }, TABLE['routed, LAN route back']!.extra);
    expect(routed.tcp('laptop', 'vm1', 22).reachable).toBe(true);
    const isolated = lab(
      { mode: 'hostonly' },
      {
        natNetworks: { default: {} },
        ...withRoute('192.168.100.0/24'),
      },
    );
    expect(isolated.tcp('laptop', 'vm1', 22).why.code).toBe('libvirt-rejects');
  });
});

describe('libvirt words', () => {
  const VIRTUALBOX_WORDS = /port-forwarding rule|Cable connected|host-only|Host-only|internal network/;

  it('[LV-7] behind a NAT network: a host bridge or a routed network, never a port-forwarding rule', () => {
    const t = lab({ mode: 'nat' });
    for (const result of [t.tcp('laptop', 'vm1', 22), t.ping('laptop', 'vm1')]) {
      expect(result.why.code).toBe('behind-nat');
      expect(result.reason).toContain('host bridge');
      expect(result.reason).toContain('routed network');
      expect(result.reason).not.toMatch(VIRTUALBOX_WORDS);
      expect(chinese(result.why)).toContain('主机网桥');
      expect(chinese(result.why)).not.toContain('端口转发规则访问');
    }
    expect(english(t.tcp('laptop', 'vm1', 22).why)).toContain('qemu hook');
  });

  it("[LV-7] a link that is down, a network without DHCP, a missing network: libvirt's own fixes", () => {
    const down = lab({ mode: 'bridged', cable: false });
    const unplugged = down.ping('vm1', 'laptop');
    expect(unplugged.why.code).toBe('cable-unplugged');
    expect(unplugged.reason).toContain('virsh domif-setlink');
    expect(unplugged.reason).not.toMatch(VIRTUALBOX_WORDS);
    expect(chinese(unplugged.why)).toContain('链接状态“活动”');
    const missing = lab({ mode: 'hostonly', network: 'nope' }).ping('vm1', 'host');
    expect(missing.why.code).toBe('not-started');
    expect(missing.reason).toContain('(isolated network)');
    expect(chinese(missing.why)).toContain('（隔离网络）');
    const noDhcp = testLab({
      hypervisor: 'libvirt',
      hostOnlyNetworks: { isolated: { hostIp: '192.168.100.1/24', dhcp: null } },
      vms: { vm1: { adapters: [{ mode: 'hostonly' }] } },
    }).ping('vm1', 'host');
    expect(noDhcp.why.code).toBe('no-lease');
    expect(noDhcp.reason).toContain('virsh net-edit');
  });

  it('[LV-7] the host not routing an isolated network says it has no forward mode', () => {
    const t = testLab({
      hypervisor: 'libvirt',
      natNetworks: { default: {} },
      vms: {
        vm1: {
          adapters: [{ mode: 'hostonly', ip: { address: '192.168.100.10/24', gateway: '192.168.100.1' } }],
        },
      },
    });
    const result = t.ping('vm1', 'internet');
    expect(result.why.code).toBe('host-not-sharing');
    expect(result.reason).toContain("<forward mode='nat'/>");
    expect(result.reason).not.toMatch(VIRTUALBOX_WORDS);
  });
});

describe('[VMW-13] no promiscuous-mode setting on a learning switch (libvirt, Hyper-V)', () => {
  it('[VMW-13] a capture on a libvirt or Hyper-V guest sees broadcasts, never frames between others, whatever `promiscuous` says', () => {
    for (const hypervisor of ['libvirt', 'hyperv']) {
      const t = testLab({
        hypervisor,
        vms: {
          a: { adapters: [{ mode: 'nat' }] },
          b: { adapters: [{ mode: 'nat' }] },
          spy: { adapters: [{ mode: 'nat', promiscuous: 'allow-all' }] },
        },
      });
      const result = t.ping('a', 'b');
      expect(result.reachable).toBe(true);
      const seen = (action: string) =>
        result.hops.filter((hop) => hop.action === action).some((hop) => hop.seenBy?.includes('spy'));
      expect(seen('arp')).toBe(true);
      expect(seen('send')).toBe(false);
    }
  });
});
