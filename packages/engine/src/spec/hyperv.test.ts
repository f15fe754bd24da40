/** Hyper-V, by rule id of REFERENCE.md: the overview table cell by cell, then each rule. */
import { chinese } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab } from '../testing/labs';

type Cell = 'yes' | 'no';
type Row = { vmHost: Cell; hostVm: Cell; vmVm: Cell; vmLan: Cell; lanVm: Cell };

const internalIp = (last: number) => ({ address: `192.168.50.${last}/24` });

/** HV-T: Hyper-V's switch types as its documentation describes them. */
const TABLE: Record<string, { adapter: (vm: number) => Record<string, unknown>; row: Row }> = {
  'Default Switch (nat)': {
    adapter: () => ({ mode: 'nat' }),
    row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'yes', lanVm: 'no' },
  },
  'External switch (bridged)': {
    adapter: () => ({ mode: 'bridged' }),
    row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'yes', lanVm: 'yes' },
  },
  'Internal switch (hostonly)': {
    adapter: (vm) => ({ mode: 'hostonly', ip: internalIp(10 + vm) }),
    row: { vmHost: 'yes', hostVm: 'yes', vmVm: 'yes', vmLan: 'no', lanVm: 'no' },
  },
  'Private switch (internal)': {
    adapter: (vm) => ({ mode: 'internal', ip: internalIp(10 + vm) }),
    row: { vmHost: 'no', hostVm: 'no', vmVm: 'yes', vmLan: 'no', lanVm: 'no' },
  },
};

const lab = (adapter: (vm: number) => Record<string, unknown>) =>
  testLab({
    hypervisor: 'hyperv',
    lans: { home: { devices: { laptop: { listen: ['tcp/80'] } } } },
    vms: {
      vm1: { adapters: [adapter(1)], listen: ['tcp/22'] },
      vm2: { adapters: [adapter(2)], listen: ['tcp/22'] },
    },
  });

describe('[HV-T] the Hyper-V overview table, cell by cell', () => {
  for (const [mode, { adapter, row }] of Object.entries(TABLE)) {
    const t = lab(adapter);
    const yes = (cell: Cell) => cell === 'yes';
    it(`[HV-T] ${mode}: VM → host ${row.vmHost}`, () => {
      expect(t.ping('vm1', 'host').reachable).toBe(yes(row.vmHost));
    });
    it(`[HV-T] ${mode}: host → VM ${row.hostVm}`, () => {
      expect(t.tcp('host', 'vm1', 22).reachable).toBe(yes(row.hostVm));
    });
    it(`[HV-T] ${mode}: VM ↔ VM ${row.vmVm}`, () => {
      expect(t.ping('vm1', 'vm2').reachable).toBe(yes(row.vmVm));
      expect(t.ping('vm2', 'vm1').reachable).toBe(yes(row.vmVm));
    });
    it(`[HV-T] ${mode}: VM → LAN ${row.vmLan}`, () => {
      expect(t.tcp('vm1', 'laptop', 80).reachable).toBe(yes(row.vmLan));
    });
    it(`[HV-T] ${mode}: LAN → VM ${row.lanVm}`, () => {
      expect(t.tcp('laptop', 'vm1', 22).reachable).toBe(yes(row.lanVm));
    });
  }
});

describe('Hyper-V rules', () => {
  it('[HV-1] the Default Switch: the host is .1 of a 172.x /20, DHCP and DNS from it; a boot changes the subnet', () => {
    const t = lab(() => ({ mode: 'nat' }));
    expect(t.lab.host.os).toBe('windows');
    expect(addressOf(t.network, 'vm1')).toBe('172.26.80.2');
    expect(t.exec('vm1', 'ip route')).toContain('default via 172.26.80.1 dev eth0');
    expect(t.exec('vm1', 'cat /etc/resolv.conf')).toContain('nameserver 172.26.80.1');
    expect(t.exec('vm1', 'ip addr')).toContain('link/ether 00:15:5d:');
    expect(t.network.host.ifaces.some((iface) => iface.name === 'vEthernet (Default Switch)')).toBe(true);
    expect(t.network.segments.get('natnetwork:Default Switch')?.label).toBe('the Default Switch');
    const priv = lab((vm) => ({ mode: 'internal', network: 'Lab', ip: internalIp(vm) }));
    expect(priv.network.segments.get('internal:Lab')?.label).toBe('Private switch Lab');
    expect(priv.network.segments.get('hostonly:Internal')?.label).toBe('Internal switch Internal');
    const note = diagnose(t.lab, t.network).find((d) => d.code === 'default-switch-subnet');
    expect(note?.text).toContain('new subnet at every boot');
  });

  it("[HV-2] an Internal switch has the host's vEthernet adapter and no DHCP: a DHCP guest gets no address", () => {
    const t = lab(() => ({ mode: 'hostonly' }));
    expect(addressOf(t.network, 'vm1')).toBeNull();
    expect(t.ping('vm1', 'host').why.code).toBe('no-lease');
    expect(diagnose(t.lab, t.network).some((d) => d.code === 'dhcp-no-server')).toBe(true);
    expect(t.ping('host', 'vm1').reachable).toBe(false);
  });

  it("[HV-5] the host's vEthernet adapters: ipconfig names them after their switch; a Windows guest's NIC is Hyper-V's", () => {
    const t = testLab({
      hypervisor: 'hyperv',
      vms: {
        web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', ip: internalIp(10) }] },
        win: { os: 'windows', adapters: [{ mode: 'nat' }] },
      },
    });
    const internal = t.network.host.ifaces.find((iface) => iface.segment?.kind === 'hostonly')!;
    expect(internal.name).toBe('vEthernet (Internal)');
    expect(internal.mac.startsWith('00155d')).toBe(true);
    const ipconfig = t.exec('host', 'ipconfig /all');
    expect(ipconfig).toContain(
      'Ethernet adapter vEthernet (Default Switch):\n\n   Connection-specific DNS Suffix  . : \n   Description . . . . . . . . . . . : Hyper-V Virtual Ethernet Adapter\n',
    );
    expect(ipconfig).toContain(
      'Ethernet adapter vEthernet (Internal):\n\n   Connection-specific DNS Suffix  . : \n   Description . . . . . . . . . . . : Hyper-V Virtual Ethernet Adapter #2\n',
    );
    expect(t.exec('win', 'ipconfig /all')).toContain(
      'Description . . . . . . . . . . . : Microsoft Hyper-V Network Adapter',
    );
  });

  it('[HV-6] the Default Switch’s ICS leases carry the domain mshome.net; the host resolves its guests as NAME.mshome.net, the guests do not', () => {
    const t = testLab({
      hypervisor: 'hyperv',
      vms: {
        web: { adapters: [{ mode: 'nat' }] },
        win: { os: 'windows', adapters: [{ mode: 'nat' }] },
        fixed: { adapters: [{ mode: 'nat', ip: { address: '172.26.80.50/20', gateway: '172.26.80.1' } }] },
      },
    });
    expect(t.exec('web', 'cat /etc/resolv.conf')).toBe(
      '# Generated by NetworkManager\nsearch mshome.net\nnameserver 172.26.80.1',
    );
    const all = t.exec('win', 'ipconfig /all');
    expect(all).toContain('DNS Suffix Search List. . . . . . : mshome.net');
    expect(all).toContain('Connection-specific DNS Suffix  . : mshome.net\n');
    expect(t.exec('win', 'ipconfig')).toContain('Connection-specific DNS Suffix  . : mshome.net\n');
    // A static address is no lease: no suffix, and the host's hosts.ics does not know it.
    expect(t.exec('fixed', 'cat /etc/resolv.conf')).not.toContain('search');
    // The host's own vEthernet adapter is no ICS client.
    expect(t.exec('host', 'ipconfig')).toContain(
      'Ethernet adapter vEthernet (Default Switch):\n\n   Connection-specific DNS Suffix  . : \n',
    );
    const web = addressOf(t.network, 'web')!;
    expect(t.exec('host', 'ping -n 1 web.mshome.net')).toContain(
      `Pinging web.mshome.net [${web}] with 32 bytes`,
    );
    expect(t.exec('host', 'ping -n 1 fixed.mshome.net')).toContain('could not find host fixed.mshome.net');
    // No DNS name for them: the public mshome.net has none, whatever the guest asks.
    expect(t.exec('win', 'ping -n 1 web.mshome.net')).toContain('could not find host web.mshome.net');
    expect(t.exec('web', 'ping -c1 win.mshome.net')).toBe('ping: win.mshome.net: Name or service not known');
    expect(t.exec('web', 'dig +short win.mshome.net')).toBe('');
  });

  it('[HV-6] ICS sharing a host-only adapter on a Windows host leases mshome.net too; VirtualBox’s own DHCP does not', () => {
    const t = testLab({
      host: { os: 'windows', share: [{ network: 'vboxnet0', via: 'eth0' }] },
      hostOnlyNetworks: { vboxnet0: { dhcp: null } },
      vms: { vm: { adapters: [{ mode: 'hostonly' }] } },
    });
    expect(t.exec('vm', 'cat /etc/resolv.conf')).toBe(
      '# Generated by NetworkManager\nsearch mshome.net\nnameserver 192.168.137.1',
    );
    expect(t.exec('host', 'ping -n 1 vm.mshome.net')).toContain(
      `Pinging vm.mshome.net [${addressOf(t.network, 'vm')}]`,
    );
    const vbox = testLab({ vms: { vm: { adapters: [{ mode: 'hostonly' }] } } });
    expect(vbox.exec('vm', 'cat /etc/resolv.conf')).not.toContain('search');
  });

  it('[HV-3] Hyper-V has one NAT network, the Default Switch', () => {
    expect(() => testLab({ hypervisor: 'hyperv', natNetworks: { MyNat: {} } })).toThrow(
      'natNetworks.MyNat: Hyper-V has one NAT network, the "Default Switch"',
    );
  });
});

describe('Hyper-V words', () => {
  const VIRTUALBOX_WORDS = /port-forwarding|port forwarding rule|Cable connected|host-only|Host-only/;

  it('[HV-4] behind the Default Switch: an External switch, never port forwarding it does not have', () => {
    const t = lab(() => ({ mode: 'nat' }));
    for (const result of [t.tcp('laptop', 'vm1', 22), t.ping('laptop', 'vm1')]) {
      expect(result.why.code).toBe('behind-nat');
      expect(result.reason).toContain('has no port forwarding');
      expect(result.reason).toContain('External switch');
      expect(result.reason).not.toMatch(VIRTUALBOX_WORDS);
      expect(chinese(result.why)).toContain('外部交换机');
    }
  });

  it('[HV-4] a Private switch from the host, an adapter not connected, no DHCP on an Internal switch', () => {
    // On its own subnet: the host's default Internal switch has 192.168.50.1/24.
    const priv = lab((vm) => ({ mode: 'internal', network: 'Lab', ip: { address: `10.10.10.${vm}/24` } }));
    const fromHost = priv.ping('host', 'vm1');
    expect(fromHost.why.code).toBe('isolated-network');
    expect(fromHost.reason).toContain('Internal or External switch');
    expect(fromHost.reason).not.toMatch(VIRTUALBOX_WORDS);
    expect(chinese(fromHost.why)).toContain('内部交换机或外部交换机');
    const unplugged = lab(() => ({ mode: 'bridged', cable: false })).ping('vm1', 'laptop');
    expect(unplugged.why.code).toBe('cable-unplugged');
    expect(unplugged.reason).toContain('not connected to a virtual switch');
    expect(unplugged.reason).toContain('Connect-VMNetworkAdapter');
    const noDhcp = lab(() => ({ mode: 'hostonly' })).ping('vm1', 'host');
    expect(noDhcp.why.code).toBe('no-lease');
    expect(noDhcp.reason).toContain('Internal and Private switches have none');
    const missing = lab(() => ({ mode: 'hostonly', network: 'nope' })).ping('vm1', 'vm2');
    expect(missing.why.code).toBe('not-started');
    expect(missing.reason).toContain('(Internal switch)');
  });
});
