/** Each VMware Workstation rule of reference/network-modes.md, by id. */
import { chinese, english, parseLab, type Why } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab, twoVms } from '../testing/labs';

const vmware = (file: Record<string, unknown>) => testLab({ hypervisor: 'vmware', ...file });

describe('VMware Workstation', () => {
  it('[VMW-1] VMnet0 bridges, VMnet1 is host-only, VMnet8 NAT; 10 adapters at most; MACs 00:0C:29', () => {
    const t = vmware({
      vms: {
        a: { adapters: [{ mode: 'bridged', network: 'vmnet0' }, { mode: 'hostonly' }, { mode: 'nat' }] },
      },
    });
    expect(t.network.nodes.get('a')!.ifaces.map((iface) => iface.segment?.id)).toEqual([
      'lan:home',
      'hostonly:vmnet1',
      'natnetwork:vmnet8',
    ]);
    expect(t.lab.vms[0]!.adapters[0]!.mac).toMatch(/^000c29/);
    const ten = Array.from({ length: 10 }, () => ({ mode: 'nat' }));
    expect(parseLab({ format: 'vnetlab/1', hypervisor: 'vmware', vms: { a: { adapters: ten } } }).ok).toBe(
      true,
    );
    const eleven = parseLab({
      format: 'vnetlab/1',
      hypervisor: 'vmware',
      vms: { a: { adapters: [...ten, {}] } },
    });
    expect(eleven.ok).toBe(false);
  });

  it('[VMW-2] NAT: one switch, NAT device .2, host adapter .1, leases from .128; the host reaches the VMs directly', () => {
    const t = vmware(twoVms({ mode: 'nat' }));
    expect(addressOf(t.network, 'vm1')).toBe('192.168.200.128');
    expect(addressOf(t.network, 'vm2')).toBe('192.168.200.129');
    expect(t.exec('vm1', 'ip route')).toContain('default via 192.168.200.2');
    expect(t.exec('vm1', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.200.2');
    expect(t.ping('vm1', 'vm2').reachable).toBe(true);
    const fromHost = t.tcp('host', 'vm1', 22);
    expect(fromHost.reachable).toBe(true);
    expect(fromHost.via).toBe('192.168.200.128:22');
    expect(t.ping('vm1', 'internet').reachable).toBe(true);
    expect(t.tcp('laptop', 'vm1', 22).reachable).toBe(false);
    const rule = {
      name: 'ssh',
      proto: 'tcp',
      hostIp: '',
      hostPort: 2222,
      guestIp: '192.168.200.128',
      guestPort: 22,
    };
    const forwarded = vmware(
      twoVms(
        { mode: 'nat' },
        { natNetworks: { vmnet8: { cidr: '192.168.200.0/24', portForwards: [rule] } } },
      ),
    );
    const fromLan = forwarded.tcp('laptop', 'vm1', 22);
    expect(fromLan.reachable).toBe(true);
    expect(fromLan.via).toBe('192.168.1.100:2222');
  });

  it('[VMW-3] host-only VMnet1: host adapter .1, leases from .128, no way out', () => {
    const t = vmware(twoVms({ mode: 'hostonly' }));
    expect(addressOf(t.network, 'vm1')).toBe('192.168.100.128');
    expect(t.ping('host', 'vm2').reachable).toBe(true);
    expect(t.ping('vm1', '192.168.100.1').reachable).toBe(true);
    expect(t.ping('vm1', 'internet').reachable).toBe(false);
  });

  it('[VMW-4] LAN segments are internal networks: VMs only, no DHCP', () => {
    const ip = (address: string) => ({ address });
    const t = vmware({
      vms: {
        a: { adapters: [{ mode: 'lansegment', network: 'seg1', ip: ip('172.16.0.1/24') }] },
        b: { adapters: [{ mode: 'lansegment', network: 'seg1', ip: ip('172.16.0.2/24') }] },
        c: { adapters: [{ mode: 'lansegment', network: 'seg1' }] },
      },
    });
    expect(t.lab.vms[0]!.adapters[0]!.mode).toBe('internal');
    expect(t.ping('a', 'b').reachable).toBe(true);
    expect(t.ping('host', 'a').reachable).toBe(false);
    expect(addressOf(t.network, 'c')).toBeNull();
    expect(diagnose(t.lab, t.network).map((d) => d.code)).toContain('dhcp-no-server');
  });

  it('[VMW-5] default subnets: VMnet1 192.168.100.0/24, VMnet8 192.168.200.0/24', () => {
    const t = vmware({});
    expect(t.lab.hostOnlyNetworks[0]).toMatchObject({ name: 'vmnet1', hostIp: '192.168.100.1/24' });
    expect(t.lab.natNetworks[0]).toMatchObject({
      name: 'vmnet8',
      cidr: '192.168.200.0/24',
      hostAdapter: '192.168.200.1/24',
    });
    expect(t.exec('host', 'ip addr')).toContain('inet 192.168.200.1/24');
  });
});

describe('VMware promiscuous mode (VMW-13)', () => {
  // Three guests on VMnet8; `spy` runs a capture, which asks for promiscuous mode itself.
  const lab = (host: Record<string, unknown>, spy: Record<string, unknown> = { mode: 'nat' }) =>
    vmware({
      host,
      vms: {
        a: { adapters: [{ mode: 'nat' }] },
        b: { adapters: [{ mode: 'nat' }] },
        spy: { adapters: [spy] },
      },
    });
  const seen = (result: ReturnType<ReturnType<typeof testLab>['ping']>, action: string) =>
    result.hops.filter((hop) => hop.action === action).some((hop) => hop.seenBy?.includes('spy'));
  const warning = (t: ReturnType<typeof testLab>) =>
    diagnose(t.lab, t.network).find((d) => d.code === 'vmware-promiscuous');

  it('[VMW-13] a Linux host: /dev/vmnet8 is root’s, so a capture sees broadcasts only, whatever the adapter says', () => {
    const t = lab({}, { mode: 'nat', promiscuous: 'allow-all' });
    const result = t.ping('a', 'b');
    expect(result.reachable).toBe(true);
    expect(seen(result, 'arp')).toBe(true);
    expect(seen(result, 'send')).toBe(false);
    const note = warning(t)!;
    expect(note.severity).toBe('warning');
    expect(note.path).toBe('vms.spy.adapters[0].promiscuous');
    expect(note.text).toContain('VMware has no promiscuous-mode setting on an adapter');
    expect(note.text).toContain('"sudo chmod a+rw /dev/vmnet8"');
    expect(note.text).toContain('enable promiscuous mode on adapter Ethernet0. This is not allowed');
  });

  it('[VMW-13] chmod a+rw /dev/vmnet8 (host.vmnetPromiscuous) lets it see every frame of VMnet8, the host’s too', () => {
    const t = lab({ vmnetPromiscuous: ['vmnet8'] });
    expect(seen(t.ping('a', 'b'), 'send')).toBe(true);
    expect(seen(t.ping('host', 'a'), 'send')).toBe(true);
    // Only that device: a guest on VMnet1 still may not.
    const other = lab({ vmnetPromiscuous: ['vmnet1'] });
    expect(seen(other.ping('a', 'b'), 'send')).toBe(false);
    expect(seen(lab({ vmnetPromiscuous: true }).ping('a', 'b'), 'send')).toBe(true);
    expect(warning(t)).toBeUndefined();
  });

  it('[VMW-13] a Windows host allows it without asking; the VirtualBox setting only earns a note that it is ignored', () => {
    const t = lab({ os: 'windows' }, { mode: 'nat', promiscuous: 'allow-vms' });
    expect(seen(t.ping('a', 'b'), 'send')).toBe(true);
    expect(seen(t.ping('host', 'a'), 'send')).toBe(true);
    const note = warning(t)!;
    expect(note.text).toContain('a Windows host allows it');
    expect(note.text).not.toContain('chmod');
  });

  it('[VMW-13] the device is the adapter’s VMnet: a bridged NIC is vmnet0; a LAN segment needs every /dev/vmnet*', () => {
    const bridged = lab({}, { mode: 'bridged', network: 'eth0', promiscuous: 'allow-all' });
    expect(warning(bridged)!.text).toContain('"sudo chmod a+rw /dev/vmnet0"');
    const segment = vmware({
      host: { vmnetPromiscuous: ['vmnet0', 'vmnet1', 'vmnet8'] },
      vms: { spy: { adapters: [{ mode: 'lansegment', network: 'seg', promiscuous: 'allow-all' }] } },
    });
    expect(warning(segment)!.text).toContain('"sudo chmod a+rw /dev/vmnet*"');
  });

  it('[VMW-13] host.vmnetPromiscuous is VMware’s and names VMnets: elsewhere, or a wrong name, is a bad file', () => {
    const refused = (file: Record<string, unknown>) => parseLab({ format: 'vnetlab/1', ...file });
    const vbox = refused({ host: { vmnetPromiscuous: true } });
    expect(vbox.ok === false && vbox.errors.map((e) => e.path)).toEqual(['host.vmnetPromiscuous']);
    const bad = refused({ hypervisor: 'vmware', host: { vmnetPromiscuous: ['vmnet8', 'eth0'] } });
    expect(bad.ok === false && bad.errors.map((e) => e.path)).toEqual(['host.vmnetPromiscuous[1]']);
  });
});

describe('VMware: sharing the host’s NIC with VMnet1 (VMW-14, the seed article’s host-only experiment)', () => {
  const shared = (vmnet1: Record<string, unknown>) =>
    vmware({
      host: { os: 'windows', share: [{ network: 'vmnet1', via: 'eth0' }] },
      hostOnlyNetworks: { vmnet1 },
      vms: { vm1: { adapters: [{ mode: 'hostonly' }] }, vm2: { adapters: [{ mode: 'hostonly' }] } },
    });

  it('[VMW-14] ICS moves VMnet1’s host adapter to 192.168.137.1; the warning names VMware’s DHCP service, not VirtualBox’s', () => {
    const t = shared({});
    const notes = diagnose(t.lab, t.network);
    const readdress = notes.find((d) => d.code === 'ics-readdress')!;
    expect(readdress.text).toContain('192.168.137.1/24');
    expect(readdress.text).toContain("VMware's DHCP service on vmnet1 should be turned off");
    expect(readdress.text).toContain('"Use local DHCP service to distribute IP address to VMs"');
    expect(readdress.text).not.toContain('VirtualBox');
    expect(notes.map((d) => d.code)).toContain('two-dhcp-servers');
    // VMware's own DHCP still answers first: no gateway, no way out.
    expect(t.exec('vm1', 'ip route')).not.toContain('default via');
    expect(t.ping('vm1', 'internet').reachable).toBe(false);
  });

  it('[VMW-14] with VMware’s DHCP service off, ICS leases 192.168.137.x with the host as gateway: the guests reach the internet and each other', () => {
    const t = shared({ dhcp: null });
    const readdress = diagnose(t.lab, t.network).find((d) => d.code === 'ics-readdress')!;
    expect(readdress.text).toContain('192.168.137.1 as gateway and DNS');
    expect(readdress.text).not.toContain('should be turned off');
    expect(t.exec('vm1', 'ip route')).toContain('default via 192.168.137.1');
    expect(t.ping('vm1', 'internet').reachable).toBe(true);
    expect(t.ping('vm1', 'vm2').reachable).toBe(true);
    expect(t.ping('host', 'vm1').reachable).toBe(true);
  });

  it('[VMW-14] a Linux or macOS host has no ICS: it keeps its VMnet1 address and forwards, but VMware’s leases have no gateway, as the warning says in that OS’s words', () => {
    for (const os of ['linux', 'macos'] as const) {
      const t = vmware({
        host: { os, share: [{ network: 'vmnet1', via: 'eth0' }] },
        hostOnlyNetworks: { vmnet1: {} },
        vms: {
          vm1: { adapters: [{ mode: 'hostonly' }] },
          routed: {
            adapters: [
              {
                mode: 'hostonly',
                ip: { address: '192.168.100.10/24', gateway: '192.168.100.1', dns: ['8.8.8.8'] },
              },
            ],
          },
        },
      });
      const notes = diagnose(t.lab, t.network);
      expect(notes.map((d) => d.code)).not.toContain('ics-readdress');
      expect(notes.map((d) => d.code)).not.toContain('two-dhcp-servers');
      const warning = notes.find((d) => d.code === 'share-no-gateway')!;
      expect(warning.path).toBe('host.share[0].network');
      expect(warning.text).toContain('hands out no gateway and names 192.168.100.1 as DNS server');
      expect(warning.text).not.toContain('Internet Connection Sharing');
      expect(warning.text).toContain(
        os === 'linux' ? 'ip_forward and MASQUERADE' : 'net.inet.ip.forwarding and a pf nat rule',
      );
      expect(warning.text).toContain(
        os === 'linux'
          ? '/etc/vmware/vmnet1/dhcpd/dhcpd.conf'
          : '/Library/Preferences/VMware Fusion/vmnet1/dhcpd.conf',
      );
      const said = { code: warning.code, params: warning.params } as Why;
      expect(english(said)).toBe(warning.text);
      expect(chinese(said)).toContain('不下发网关');
      // The host keeps its own address; VMware's lease has no way out, a gateway via the host has.
      const vmnet1 = t.network.host.ifaces.find((iface) => iface.name === 'vmnet1')!;
      expect(vmnet1.addrs).toEqual([{ ip: 0xc0a86401, prefix: 24 }]);
      expect(t.exec('vm1', 'ip route')).not.toContain('default via');
      expect(t.ping('vm1', 'internet').reachable).toBe(false);
      expect(t.ping('routed', 'internet').reachable).toBe(true);
    }
  });

  it('[VMW-14] no warning where nothing conflicts: VMware’s DHCP off on a Linux host', () => {
    const off = vmware({
      host: { os: 'linux', share: [{ network: 'vmnet1', via: 'eth0' }] },
      hostOnlyNetworks: { vmnet1: { dhcp: null } },
    });
    expect(diagnose(off.lab, off.network).map((d) => d.code)).not.toContain('share-no-gateway');
  });
});

describe('VMware host-only DHCP (VMW-15)', () => {
  it('[VMW-15] the lease names the host’s VMnet address as DNS server and no gateway; nothing answers there', () => {
    const t = vmware({
      vms: {
        vm1: { adapters: [{ mode: 'hostonly' }] },
        win: { os: 'windows', adapters: [{ mode: 'hostonly' }] },
      },
    });
    expect(t.exec('vm1', 'cat /etc/resolv.conf')).toBe(
      '# Generated by NetworkManager\nsearch localdomain\nnameserver 192.168.100.1',
    );
    expect(t.exec('vm1', 'ip route')).not.toContain('default via');
    expect(t.exec('vm1', 'nslookup example.com')).toContain(';; communications error to 192.168.100.1#53');
    expect(t.exec('vm1', 'ping -c1 example.com')).toBe(
      'ping: example.com: Temporary failure in name resolution',
    );
    const all = t.exec('win', 'ipconfig /all');
    expect(all).toContain('DNS Servers . . . . . . . . . . . : 192.168.100.1');
    expect(all).toContain(
      '   WINS Proxy Enabled. . . . . . . . : No\n   DNS Suffix Search List. . . . . . : localdomain\n',
    );
    expect(t.exec('win', 'ipconfig')).toContain('Connection-specific DNS Suffix  . : localdomain');
    expect(all).toMatch(/Default Gateway \. . . . . . . . . : \n/);
    expect(t.exec('win', 'nslookup example.com')).toContain('Address:  192.168.100.1');
    // VirtualBox's host-only DHCP server names no DNS server at all (VB-HO-1).
    const vbox = testLab({ vms: { vm1: { adapters: [{ mode: 'hostonly' }] } } });
    expect(vbox.exec('vm1', 'cat /etc/resolv.conf')).toBe('# Generated by NetworkManager');
  });

  it('[VMW-15] a custom host-only VMnet names its own host address, even when the host adapter is left off (VMW-7)', () => {
    const t = vmware({
      hostOnlyNetworks: {
        vmnet1: {},
        vmnet2: { hostIp: '192.168.101.1/24' },
        vmnet3: { hostIp: '192.168.102.1/24', hostAdapter: false },
      },
      vms: {
        a: { adapters: [{ mode: 'hostonly', network: 'vmnet2' }] },
        b: { adapters: [{ mode: 'hostonly', network: 'vmnet3' }] },
      },
    });
    expect(t.exec('a', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.101.1');
    expect(t.exec('b', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.102.1');
    expect(t.exec('b', 'nslookup example.com')).toContain('192.168.102.1#53');
  });

  it('[VMW-15] NAT leases carry localdomain too; one search line for every lease, none from a static address or another product', () => {
    const t = vmware({
      vms: {
        two: { adapters: [{ mode: 'nat' }, { mode: 'hostonly' }] },
        fixed: { adapters: [{ mode: 'nat', ip: { address: '192.168.200.50/24', dns: ['192.168.200.2'] } }] },
        win: { os: 'windows', adapters: [{ mode: 'nat' }] },
      },
    });
    expect(t.exec('two', 'cat /etc/resolv.conf')).toBe(
      '# Generated by NetworkManager\nsearch localdomain\nnameserver 192.168.200.2\nnameserver 192.168.100.1',
    );
    expect(t.exec('fixed', 'cat /etc/resolv.conf')).not.toContain('search');
    expect(t.exec('win', 'ipconfig')).toContain('Connection-specific DNS Suffix  . : localdomain');
    const libvirt = testLab({ hypervisor: 'libvirt', vms: { kvm: { adapters: [{ mode: 'nat' }] } } });
    expect(libvirt.exec('kvm', 'cat /etc/resolv.conf')).not.toContain('search');
  });
});
