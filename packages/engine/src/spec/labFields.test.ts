/** The lab fields teachers set every term (README "Fields this implementation adds"), each by its rule. */
import { parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { probe } from '../probe/probe';
import { addressOf, testLab } from '../testing/labs';

const notStarted = (t: ReturnType<typeof testLab>, vm: string) => t.network.nodes.get(vm)?.notStarted != null;

const udp = (t: ReturnType<typeof testLab>, from: string, to: string, port: number) =>
  probe(t.network, { from, to, kind: 'udp', port });

describe('VirtualBox NAT engine options', () => {
  it('[VB-NAT-8] natNet moves the adapter to its own subnet, as VBoxManage modifyvm --natnet1 does', () => {
    const t = testLab({ vms: { web: { adapters: [{ mode: 'nat', natNet: '192.168.77.0/24' }] } } });
    expect(addressOf(t.network, 'web')).toBe('192.168.77.15');
    expect(t.exec('web', 'ip route')).toContain('default via 192.168.77.2');
    expect(t.exec('web', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.77.3');
    expect(t.ping('web', '192.168.77.4').reachable).toBe(true);
    expect(t.ping('web', 'internet').reachable).toBe(true);
  });

  it('[VB-NAT-8] the DNS host resolver and the DNS proxy both keep the guest on .3', () => {
    for (const option of [{ dnsHostResolver: true }, { dnsProxy: true }, {}]) {
      const t = testLab({ vms: { web: { adapters: [{ mode: 'nat', ...option }] } } });
      expect(t.exec('web', 'cat /etc/resolv.conf')).toContain('nameserver 10.0.2.3');
      expect(udp(t, 'web', '10.0.2.3', 53).reachable).toBe(true);
    }
  });

  it("[VB-NAT-8] bindIp makes the NAT engine's connections leave from that host address", () => {
    const t = testLab({
      host: { nics: { eth0: { lan: 'home' }, eth1: { lan: 'lab' } } },
      lans: { home: {}, lab: { cidr: '192.168.9.0/24', devices: { nas: { listen: ['tcp/445'] } } } },
      vms: {
        web: { adapters: [{ mode: 'nat', bindIp: '192.168.9.100' }] },
        free: { adapters: [{ mode: 'nat' }] },
      },
    });
    const proxiedAs = (vm: string) =>
      t.tcp(vm, 'internet', 80).hops.find((hop) => hop.why.code === 'hop-proxy')?.detail;
    // Without it the host's route picks eth0's address; with it, eth1's.
    expect(proxiedAs('free')).toContain('192.168.1.100');
    expect(proxiedAs('web')).toContain('192.168.9.100');
  });
});

describe('NAT network options', () => {
  it('[VB-NATNET-6] a loopback mapping makes .10 reach the host loopback; the DHCP range is as written', () => {
    const t = testLab({
      host: { listen: ['tcp/127.0.0.1:5432'] },
      natNetworks: {
        NatNetwork: {
          loopbackMappings: [{ hostIp: '127.0.0.1', offset: 10 }],
          dhcpRange: { from: '10.0.2.50', to: '10.0.2.60' },
        },
      },
      vms: { a: { adapters: [{ mode: 'natnetwork' }] } },
    });
    expect(addressOf(t.network, 'a')).toBe('10.0.2.50');
    expect(t.tcp('a', '10.0.2.10', 5432).reachable).toBe(true);
    // The default mapping at .2 is replaced by the lab's.
    expect(t.tcp('a', '10.0.2.2', 5432).reachable).toBe(false);
  });

  it('[VB-NATNET-4] a prefix past /30 is refused: "network is too small"', () => {
    expect(() => testLab({ natNetworks: { tiny: { cidr: '10.9.0.0/31' } } })).toThrow(
      'natNetworks.tiny.cidr: 10.9.0.0/31 network is too small',
    );
    expect(testLab({ natNetworks: { small: { cidr: '10.9.0.0/30' } } }).lab.natNetworks[0]?.cidr).toBe(
      '10.9.0.0/30',
    );
  });
});

describe('[DHCP-1] DHCP reservations, on every DHCP server', () => {
  const mac = '080027123456';
  it('[DHCP-1] the LAN router, a host-only server, an internal network server and a NAT network', () => {
    const t = testLab({
      lans: {
        home: {
          dhcp: { from: '192.168.1.100', to: '192.168.1.199', reservations: [{ mac, ip: '192.168.1.42' }] },
        },
      },
      hostOnlyNetworks: {
        vboxnet0: {
          dhcp: {
            server: '192.168.56.100',
            from: '192.168.56.101',
            to: '192.168.56.254',
            reservations: [{ mac, ip: '192.168.56.5' }],
          },
        },
      },
      internalNetworks: {
        intnet: {
          dhcp: {
            server: '10.5.0.1',
            from: '10.5.0.10',
            to: '10.5.0.20',
            reservations: [{ mac, ip: '10.5.0.7' }],
          },
        },
      },
      natNetworks: { NatNetwork: { dhcpReservations: [{ mac, ip: '10.0.2.99' }] } },
      vms: {
        a: {
          adapters: [
            { mode: 'bridged', mac },
            { mode: 'hostonly', mac },
            { mode: 'internal', mac },
            { mode: 'natnetwork', mac },
          ],
        },
        b: { adapters: [{ mode: 'bridged' }, { mode: 'natnetwork' }] },
      },
    });
    expect([0, 1, 2, 3].map((slot) => addressOf(t.network, 'a', slot))).toEqual([
      '192.168.1.42',
      '192.168.56.5',
      '10.5.0.7',
      '10.0.2.99',
    ]);
    // Nobody else is handed a reserved address.
    expect(addressOf(t.network, 'b', 1)).toBe('10.0.2.4');
  });

  it('[DHCP-1] a reservation on VMware VMnet8', () => {
    const t = testLab({
      hypervisor: 'vmware',
      natNetworks: { vmnet8: { dhcpReservations: [{ mac: '000c29aabbcc', ip: '192.168.200.10' }] } },
      vms: { a: { adapters: [{ mode: 'nat', mac: '000c29aabbcc' }] } },
    });
    expect(addressOf(t.network, 'a')).toBe('192.168.200.10');
  });

  it('[DHCP-2] a reservation takes the MAC as the products write it, 08:00:27:12:34:56', () => {
    for (const written of ['08:00:27:12:34:56', '08-00-27-12-34-56', '08:00:27:12:34:56'.toUpperCase()]) {
      const t = testLab({
        natNetworks: { NatNetwork: { dhcpReservations: [{ mac: written, ip: '10.0.2.99' }] } },
        vms: { a: { adapters: [{ mode: 'natnetwork', mac }] } },
      });
      expect(addressOf(t.network, 'a')).toBe('10.0.2.99');
    }
    const mixed = parseLab({
      format: 'vnetlab/1',
      natNetworks: { NatNetwork: { dhcpReservations: [{ mac: '08:00-27:12:34:56', ip: '10.0.2.99' }] } },
    });
    expect(mixed.ok ? [] : mixed.errors.map((e) => e.path)).toEqual([
      'natNetworks.NatNetwork.dhcpReservations[0].mac',
    ]);
  });
});

describe('[DHCP-3] DHCP options set by hand: 3 (router) and 6 (DNS)', () => {
  const vboxnet0 = (options: Record<string, unknown>) => ({
    vboxnet0: {
      dhcp: { server: '192.168.56.100', from: '192.168.56.101', to: '192.168.56.254', options },
    },
  });

  it('[DHCP-3] VBoxManage dhcpserver --set-opt=3/--set-opt=6 on vboxnet0: the lease has a way out through the sharing host', () => {
    const t = testLab({
      host: { os: 'linux', share: [{ network: 'vboxnet0', via: 'eth0' }] },
      hostOnlyNetworks: vboxnet0({ router: '192.168.56.1', dns: ['8.8.8.8', '1.1.1.1'] }),
      vms: { a: { adapters: [{ mode: 'hostonly' }] } },
    });
    expect(t.exec('a', 'ip route')).toContain('default via 192.168.56.1 dev enp0s3');
    expect(t.exec('a', 'cat /etc/resolv.conf')).toContain('nameserver 8.8.8.8\nnameserver 1.1.1.1');
    expect(t.ping('a', 'internet').reachable).toBe(true);
    // VB-HO-3's warning is about the missing router: set by hand, there is nothing to warn of.
    expect(diagnose(t.lab, t.network).map((d) => d.code)).not.toContain('share-no-gateway');
    // Without the options the lease is VB-HO-1's: no gateway, no DNS.
    const plain = testLab({
      host: { os: 'linux', share: [{ network: 'vboxnet0', via: 'eth0' }] },
      vms: { a: { adapters: [{ mode: 'hostonly' }] } },
    });
    expect(plain.exec('a', 'ip route')).not.toContain('default via');
    expect(plain.ping('a', 'internet').why.code).toBe('network-unreachable');
  });

  it('[DHCP-3] a Windows guest shows the handed-out router and DNS servers in ipconfig /all', () => {
    const t = testLab({
      hostOnlyNetworks: vboxnet0({ router: '192.168.56.1', dns: ['192.168.56.1'] }),
      vms: { win: { os: 'windows', adapters: [{ mode: 'hostonly' }] } },
    });
    const all = t.exec('win', 'ipconfig /all');
    expect(all).toMatch(/Default Gateway[ .]*: 192\.168\.56\.1/);
    expect(all).toMatch(/DNS Servers[ .]*: 192\.168\.56\.1/);
  });

  it('[DHCP-3] an internal network server hands out a router VM; a NAT network, other DNS servers', () => {
    const t = testLab({
      internalNetworks: {
        intnet: {
          dhcp: {
            server: '10.10.0.2',
            from: '10.10.0.100',
            to: '10.10.0.200',
            options: { router: '10.10.0.1' },
          },
        },
      },
      natNetworks: { NatNetwork: { dhcpOptions: { dns: ['9.9.9.9'] } } },
      vms: {
        router: {
          adapters: [{ mode: 'nat' }, { mode: 'internal', ip: { address: '10.10.0.1/24' } }],
          ipForwarding: true,
          masquerade: [0],
        },
        client: { adapters: [{ mode: 'internal' }] },
        natted: { adapters: [{ mode: 'natnetwork' }] },
      },
    });
    expect(t.exec('client', 'ip route')).toContain('default via 10.10.0.1');
    expect(t.ping('client', 'internet').reachable).toBe(true);
    // Option 6 alone: the NAT network's router stays its gateway .1.
    expect(t.exec('natted', 'cat /etc/resolv.conf')).toContain('nameserver 9.9.9.9');
    expect(t.exec('natted', 'ip route')).toContain('default via 10.0.2.1');
  });

  it('[DHCP-3] VMware: vmnetdhcp.conf options replace VMW-15’s host-only .1 as DNS server', () => {
    const t = testLab({
      hypervisor: 'vmware',
      hostOnlyNetworks: {
        vmnet1: {
          dhcp: {
            server: '192.168.100.254',
            from: '192.168.100.128',
            to: '192.168.100.253',
            options: { dns: ['192.168.100.2'] },
          },
        },
      },
      vms: { a: { adapters: [{ mode: 'hostonly' }] } },
    });
    expect(t.exec('a', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.100.2');
    expect(t.exec('a', 'cat /etc/resolv.conf')).not.toContain('nameserver 192.168.100.1');
  });

  it('[DHCP-3] libvirt and Hyper-V have no such setting: a bad file naming the field', () => {
    for (const hypervisor of ['libvirt', 'hyperv']) {
      const parsed = parseLab({
        format: 'vnetlab/1',
        hypervisor,
        natNetworks: {
          [hypervisor === 'libvirt' ? 'default' : 'Default Switch']: { dhcpOptions: { dns: ['1.1.1.1'] } },
        },
      });
      expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toContain(
        `natNetworks.${hypervisor === 'libvirt' ? 'default' : 'Default Switch'}.dhcpOptions`,
      );
    }
    const bad = parseLab({
      format: 'vnetlab/1',
      hostOnlyNetworks: vboxnet0({ router: 'gateway' }),
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual([
      'hostOnlyNetworks.vboxnet0.dhcp.options.router',
    ]);
  });
});

describe('[OS-7] the address a service listens on', () => {
  it('[OS-7] "tcp/127.0.0.1:8080" is reached from the host itself only; "tcp/8080" from the LAN too', () => {
    const t = testLab({
      host: { listen: ['tcp/127.0.0.1:8080', 'tcp/9000'] },
      lans: { home: { devices: { laptop: {} } } },
    });
    expect(t.tcp('host', '127.0.0.1', 8080).reachable).toBe(true);
    expect(t.tcp('laptop', 'host', 8080).reachable).toBe(false);
    expect(t.tcp('laptop', 'host', 8080).why.code).toBe('refused');
    expect(t.tcp('laptop', 'host', 9000).reachable).toBe(true);
  });

  it('[OS-7] ss -tln shows the bound address, 0.0.0.0 for a service on every address', () => {
    const t = testLab({
      vms: { db: { adapters: [{ mode: 'nat' }], listen: ['tcp/127.0.0.1:6379', 'tcp/5432'] } },
    });
    const lines = t.exec('db', 'ss -tln').split('\n');
    expect(lines[1]).toBe('LISTEN 0      4096       127.0.0.1:6379      0.0.0.0:*');
    expect(lines[2]).toBe('LISTEN 0      4096         0.0.0.0:5432      0.0.0.0:*');
  });
});

describe('[OS-8] UDP services and probes', () => {
  it('[OS-8] DNS on udp/53: the LAN router answers, nothing listening is refused, a firewall drops', () => {
    const t = testLab({
      lans: {
        home: {
          devices: {
            dns: { listen: ['udp/53'] },
            quiet: {},
            walled: { listen: ['udp/53'], firewall: { allow: ['tcp/22'] } },
          },
        },
      },
      vms: { web: { adapters: [{ mode: 'bridged' }] } },
    });
    expect(udp(t, 'web', '192.168.1.1', 53).reachable).toBe(true);
    expect(udp(t, 'web', 'dns', 53).reachable).toBe(true);
    expect(udp(t, 'web', 'quiet', 53).why.code).toBe('refused');
    expect(udp(t, 'web', 'walled', 53).why.code).toBe('firewall-port');
    // tcp/53 is not udp/53.
    expect(t.tcp('web', 'dns', 53).why.code).toBe('refused');
  });

  it('[VMW-8] an incoming UDP forward of vmnetnat.conf reaches the guest from the LAN', () => {
    const t = testLab({
      hypervisor: 'vmware',
      lans: { home: { devices: { laptop: {} } } },
      natNetworks: {
        vmnet8: {
          portForwards: [
            {
              name: 'dns',
              proto: 'udp',
              hostIp: '',
              hostPort: 5353,
              guestIp: '192.168.200.128',
              guestPort: 53,
            },
          ],
        },
      },
      vms: { ns: { adapters: [{ mode: 'nat' }], listen: ['udp/53'] } },
    });
    const result = udp(t, 'laptop', 'ns', 53);
    expect(result.reachable).toBe(true);
    expect(result.via).toBe('192.168.1.100:5353');
    expect(probe(t.network, { from: 'laptop', to: 'ns', kind: 'tcp', port: 53 }).reachable).toBe(false);
  });
});

describe('[VMW-6] VMware custom VMnets 2–19', () => {
  it('[VMW-6] a custom host-only vmnet2, a custom NAT vmnet3 and a bridged vmnet4 on a named NIC', () => {
    const t = testLab({
      hypervisor: 'vmware',
      host: { nics: { eth0: { lan: 'home' }, wlan0: { kind: 'wifi', lan: 'cafe' } } },
      lans: { home: {}, cafe: { cidr: '172.20.0.0/24' } },
      hostOnlyNetworks: { vmnet2: { hostIp: '192.168.12.1/24' } },
      natNetworks: { vmnet3: { cidr: '192.168.13.0/24' } },
      bridgedNetworks: { vmnet4: { nic: 'wlan0' } },
      vms: {
        a: { adapters: [{ mode: 'hostonly', network: 'vmnet2' }] },
        b: { adapters: [{ mode: 'nat', network: 'vmnet3' }] },
        c: { adapters: [{ mode: 'bridged', network: 'vmnet4' }] },
      },
    });
    expect(addressOf(t.network, 'a')).toBe('192.168.12.128');
    expect(addressOf(t.network, 'b')).toBe('192.168.13.128');
    expect(addressOf(t.network, 'c')).toMatch(/^172\.20\.0\./);
    expect(t.ping('host', 'a').reachable).toBe(true);
    expect(t.ping('b', 'internet').reachable).toBe(true);
  });

  it('[VMW-7] a host-only VMnet without the host adapter: VMs reach each other, the host is not on it', () => {
    const t = testLab({
      hypervisor: 'vmware',
      hostOnlyNetworks: { vmnet5: { hostIp: '192.168.15.1/24', hostAdapter: false } },
      vms: {
        a: { adapters: [{ mode: 'hostonly', network: 'vmnet5' }] },
        b: { adapters: [{ mode: 'hostonly', network: 'vmnet5' }] },
      },
    });
    expect(t.ping('a', 'b').reachable).toBe(true);
    expect(t.ping('host', 'a').reachable).toBe(false);
    expect(t.network.host.ifaces.some((iface) => iface.name === 'vmnet5')).toBe(false);
  });

  it('[VMW-10] each list of VMnets replaces only its own default: a lab listing a NAT VMnet keeps VMnet1, `hostOnlyNetworks: {}` removes it', () => {
    const hostNets = (t: ReturnType<typeof testLab>) =>
      t.network.host.ifaces.map((iface) => iface.name).filter((name) => name.startsWith('vmnet'));
    const problems = (t: ReturnType<typeof testLab>) =>
      diagnose(t.lab, t.network)
        .filter((d) => d.severity !== 'info' && d.path.includes('.network'))
        .map((d) => `${d.path}: ${d.text}`);
    // As after removing VMnet8 in the Virtual Network Editor and adding VMnet9 as NAT: VMnet1 stays.
    const natOnly = testLab({
      hypervisor: 'vmware',
      natNetworks: { vmnet9: { cidr: '192.168.209.0/24' } },
      vms: {
        a: { adapters: [{ mode: 'nat', network: 'vmnet9' }, { mode: 'hostonly' }] },
        b: { adapters: [{ mode: 'nat' }] },
      },
    });
    expect(hostNets(natOnly).sort()).toEqual(['vmnet1', 'vmnet9']);
    expect(addressOf(natOnly.network, 'a', 1)).toBe('192.168.100.128');
    // VMW-11: b powers on, its adapter on the missing VMnet8 disconnected.
    expect(notStarted(natOnly, 'b')).toBe(false);
    expect(natOnly.ping('b', 'internet').why.code).toBe('missing-network');
    // The engine and the diagnostic agree: VMnet8 is gone, VMnet1 is not.
    expect(problems(natOnly)).toEqual([
      'vms.b.adapters[0].network: b\'s adapter 1 (NAT) names "vmnet8", which does not exist: the VM powers on with it disconnected ("Virtual device Ethernet0 will start disconnected") — create the network or pick one that exists',
    ]);
    // VMnet1 removed too: the host has no host-only adapter, and an adapter on VMnet1 says so.
    const none = testLab({
      hypervisor: 'vmware',
      hostOnlyNetworks: {},
      natNetworks: { vmnet9: { cidr: '192.168.209.0/24' } },
      vms: { a: { adapters: [{ mode: 'hostonly' }] } },
    });
    expect(hostNets(none)).toEqual(['vmnet9']);
    expect(problems(none)).toEqual([
      'vms.a.adapters[0].network: a\'s adapter 1 (Host-only) names "vmnet1", which does not exist: the VM powers on with it disconnected ("Virtual device Ethernet0 will start disconnected") — create the network or pick one that exists',
    ]);
  });

  it('[VMW-11] an adapter on a VMnet that does not exist: the VM powers on, that adapter disconnected, the others work', () => {
    const t = testLab({
      hypervisor: 'vmware',
      vms: {
        a: { adapters: [{ mode: 'hostonly', network: 'vmnet5' }, { mode: 'nat' }] },
        b: { adapters: [{ mode: 'nat' }] },
      },
    });
    expect(notStarted(t, 'a')).toBe(false);
    // Its second adapter (VMnet8) has its lease and reaches out; the first has no link.
    expect(t.ping('a', 'internet').reachable).toBe(true);
    expect(t.ping('a', 'b').reachable).toBe(true);
    const adapter1 = t.network.nodes.get('a')?.ifaces[0];
    expect(adapter1?.up).toBe(false);
    expect(adapter1?.segment).toBeNull();
    const [warning] = diagnose(t.lab, t.network).filter((d) => d.code === 'missing-network');
    expect(warning?.severity).toBe('warning');
    expect(warning?.path).toBe('vms.a.adapters[0].network');
    expect(warning?.text).toContain('Virtual device Ethernet0 will start disconnected');
    // VMnet5 is the dialog's "Custom" choice, not "Host-only".
    expect(warning?.text).toMatch(/^a's adapter 1 is set to Custom \(VMnet5\), which does not exist/);
    // VirtualBox, by contrast, refuses to start the VM (VB-OPT-3).
    const vbox = testLab({
      vms: { a: { adapters: [{ mode: 'hostonly', network: 'vboxnet7' }, { mode: 'nat' }] } },
    });
    expect(notStarted(vbox, 'a')).toBe(true);
    // Only that adapter on a missing VMnet: its reason is the missing network, not "Not attached".
    const alone = testLab({
      hypervisor: 'vmware',
      vms: { a: { adapters: [{ mode: 'hostonly', network: 'vmnet5' }] } },
    });
    const result = alone.ping('a', 'host');
    expect(result.why.code).toBe('missing-network');
    expect(result.reason).toContain('will start disconnected');
    // The same lab, the same bytes.
    expect(JSON.stringify(diagnose(alone.lab, alone.network))).toBe(
      JSON.stringify(diagnose(alone.lab, alone.network)),
    );
  });

  it('[VMW-6] a bridged VMnet must be vmnet0 or vmnet2–19 and name a host NIC', () => {
    expect(() => testLab({ hypervisor: 'vmware', bridgedNetworks: { vmnet1: { nic: 'eth0' } } })).toThrow(
      'bridgedNetworks.vmnet1',
    );
    expect(() => testLab({ hypervisor: 'vmware', bridgedNetworks: { vmnet7: { nic: 'wlan9' } } })).toThrow(
      'bridgedNetworks.vmnet7.nic: "wlan9" is not a NIC of the host',
    );
  });
});
