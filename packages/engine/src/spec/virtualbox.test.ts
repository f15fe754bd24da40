/** Each VirtualBox rule of reference/network-modes.md, by id. */

import { chinese, english, parseLab, type Why } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab, twoVms } from '../testing/labs';

const codes = (t: ReturnType<typeof testLab>) => diagnose(t.lab, t.network).map((d) => d.code);

describe('VirtualBox NAT', () => {
  it('[VB-NAT-1] two NAT VMs are both 10.0.2.15 on separate networks and cannot reach each other', () => {
    const t = testLab(twoVms({ mode: 'nat' }));
    expect(addressOf(t.network, 'vm1')).toBe('10.0.2.15');
    expect(addressOf(t.network, 'vm2')).toBe('10.0.2.15');
    const result = t.ping('vm1', 'vm2');
    expect(result.reachable).toBe(false);
    expect(result.why.code).toBe('nat-private');
    expect(result.reason).toContain('private');
    // Literally, 10.0.2.15 from vm1 is vm1 itself.
    expect(t.ping('vm1', '10.0.2.15').why.code).toBe('self');
  });

  it('[VB-NAT-2] adapter 2 in NAT mode is on 10.0.3.0/24: guest .15, gateway .2, DNS .3', () => {
    const t = testLab({ vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'nat' }] } } });
    expect(addressOf(t.network, 'web', 0)).toBe('10.0.2.15');
    expect(addressOf(t.network, 'web', 1)).toBe('10.0.3.15');
    expect(t.exec('web', 'ip route')).toContain('default via 10.0.2.2 dev enp0s3 proto dhcp');
    expect(t.exec('web', 'ip route')).toContain(
      '10.0.3.0/24 dev enp0s8 proto kernel scope link src 10.0.3.15',
    );
    expect(t.exec('web', 'cat /etc/resolv.conf')).toContain('nameserver 10.0.2.3');
  });

  it('[VB-NAT-3] the gateway answers ping up to 6.1; the guest reaches host, LAN and internet as the host', () => {
    const t = testLab(twoVms({ mode: 'nat' }));
    expect(
      testLab({ ...twoVms({ mode: 'nat' }), hypervisorVersion: '6.1' }).ping('vm1', '10.0.2.2').reachable,
    ).toBe(true);
    expect(t.ping('vm1', '10.0.2.2').why.code).toBe('nat-alias-dropped');
    const out = t.ping('vm1', 'internet');
    expect(out.reachable).toBe(true);
    expect(out.hops.some((hop) => hop.why.code === 'hop-proxy' && hop.detail.includes('192.168.1.100'))).toBe(
      true,
    );
    expect(t.tcp('vm1', 'laptop', 80).reachable).toBe(true);
    // Traceroute past the NAT engine shows only stars.
    const trace = t.exec('vm1', 'traceroute 93.184.215.14');
    expect(trace).toContain(' 1  10.0.2.2 (10.0.2.2)');
    expect(trace).toContain(' 2  * * *');
  });

  it('[VB-NAT-4] 10.0.2.2 reaches the host loopback only with "localhost reachable" on', () => {
    const off = testLab({ host: { listen: ['tcp/8080'] }, vms: { web: { adapters: [{ mode: 'nat' }] } } });
    const refused = off.tcp('web', '10.0.2.2', 8080);
    expect(refused.reachable).toBe(false);
    expect(refused.why.code).toBe('nat-alias-dropped');
    expect(off.tcp('web', 'host', 8080).reachable).toBe(true);
    const on = testLab({
      host: { listen: ['tcp/8080'] },
      vms: { web: { adapters: [{ mode: 'nat', localhostReachable: true }] } },
    });
    expect(on.tcp('web', '10.0.2.2', 8080).reachable).toBe(true);
  });

  describe('[VB-NAT-5] port forwarding', () => {
    const rule = (hostIp: string, hostPort = 2222) => ({
      name: 'ssh',
      proto: 'tcp',
      hostIp,
      hostPort,
      guestPort: 22,
    });
    const lab = (hostIp: string, extra = {}) =>
      testLab({
        lans: { home: { devices: { laptop: {} } } },
        vms: { web: { adapters: [{ mode: 'nat', portForwards: [rule(hostIp)] }], listen: ['tcp/22'] } },
        ...extra,
      });

    it('[VB-NAT-5] an empty host IP listens on every host address: the LAN gets in through the host', () => {
      const t = lab('');
      const result = t.tcp('laptop', 'web', 22);
      expect(result.reachable).toBe(true);
      expect(result.via).toBe('192.168.1.100:2222');
      expect(t.tcp('laptop', '192.168.1.100', 2222).reachable).toBe(true);
    });

    it('[VB-NAT-5] 127.0.0.1 lets in the host alone, and says so to the LAN', () => {
      const t = lab('127.0.0.1');
      const host = t.tcp('host', 'web', 22);
      expect(host.reachable).toBe(true);
      expect(host.via).toBe('127.0.0.1:2222');
      expect(host.reason).toBe('host → 127.0.0.1:2222 is forwarded by rule "ssh" to web at 10.0.2.15:22');
      const laptop = t.tcp('laptop', 'web', 22);
      expect(laptop.reachable).toBe(false);
      expect(laptop.why.code).toBe('pf-bound-elsewhere');
    });

    it('[VB-NAT-5] an empty guest IP means the leased 10.0.x.15', () => {
      const t = lab('');
      const entry = t.network.portForwards[0]!;
      expect(entry.guestIp).toBe(0x0a00020f);
    });

    it('[VB-NAT-5] a host port below 1024 stops the VM on Linux and macOS hosts, not on Windows', () => {
      const file = {
        vms: { web: { adapters: [{ mode: 'nat', portForwards: [rule('', 80)] }], listen: ['tcp/22'] } },
      };
      const linux = testLab(file);
      expect(linux.ping('web', 'internet').why.code).toBe('not-started-port');
      expect(codes(linux)).toContain('pf-privileged');
      const windows = testLab({ ...file, host: { os: 'windows' } });
      expect(windows.tcp('host', 'web', 22).reachable).toBe(true);
    });

    it('[VB-NAT-5] two rules on one host port conflict: the first one wins', () => {
      const t = testLab({
        vms: {
          a: { adapters: [{ mode: 'nat', portForwards: [rule('')] }], listen: ['tcp/22'] },
          b: { adapters: [{ mode: 'nat', portForwards: [rule('')] }], listen: ['tcp/22'] },
        },
      });
      expect(t.tcp('host', 'a', 22).reachable).toBe(true);
      expect(t.tcp('host', 'b', 22).reachable).toBe(false);
      expect(codes(t)).toContain('pf-conflict');
    });
  });
});

describe('VirtualBox NAT Network', () => {
  it('[VB-NATNET-1] its VMs reach each other, the host and the internet; nothing comes in without a rule', () => {
    const t = testLab(twoVms({ mode: 'natnetwork' }));
    expect(t.ping('vm1', 'vm2').reachable).toBe(true);
    expect(t.ping('vm1', 'host').reachable).toBe(true);
    expect(t.ping('vm1', 'internet').reachable).toBe(true);
    const inbound = t.tcp('laptop', 'vm1', 22);
    expect(inbound.reachable).toBe(false);
    expect(inbound.why.code).toBe('behind-nat');
  });

  it('[VB-NATNET-2] defaults: 10.0.2.0/24, gateway .1, DHCP .3, leases from .4 in boot order', () => {
    const t = testLab(twoVms({ mode: 'natnetwork' }));
    expect(addressOf(t.network, 'vm1')).toBe('10.0.2.4');
    expect(addressOf(t.network, 'vm2')).toBe('10.0.2.5');
    expect(t.exec('vm1', 'ip route')).toContain('default via 10.0.2.1');
    expect(t.ping('vm1', '10.0.2.3').reachable).toBe(true);
  });

  it('[VB-NATNET-2] leases stop at the last host of a smaller subnet', () => {
    const vms = Object.fromEntries(
      ['a', 'b', 'c', 'd'].map((id) => [id, { adapters: [{ mode: 'natnetwork', network: 'small' }] }]),
    );
    const t = testLab({ natNetworks: { small: { cidr: '10.9.9.0/29' } }, vms });
    expect(['a', 'b', 'c', 'd'].map((id) => addressOf(t.network, id))).toEqual([
      '10.9.9.4',
      '10.9.9.5',
      '10.9.9.6',
      null,
    ]);
    expect(t.ping('d', 'a').why.code).toBe('dhcp-pool-empty');
  });

  it('[VB-NATNET-3] rules belong to the network and name the guest IP; one to an unused IP leads nowhere', () => {
    const rule = (guestIp: string) => ({
      name: 'ssh',
      proto: 'tcp',
      hostIp: '',
      hostPort: 2222,
      guestIp,
      guestPort: 22,
    });
    const good = testLab(
      twoVms({ mode: 'natnetwork' }, { natNetworks: { NatNetwork: { portForwards: [rule('10.0.2.5')] } } }),
    );
    expect(good.tcp('host', 'vm2', 22).reachable).toBe(true);
    expect(good.tcp('host', 'vm1', 22).reachable).toBe(false);
    const nowhere = testLab(
      twoVms({ mode: 'natnetwork' }, { natNetworks: { NatNetwork: { portForwards: [rule('10.0.2.99')] } } }),
    );
    expect(nowhere.tcp('host', '127.0.0.1', 2222).reachable).toBe(false);
    expect(codes(nowhere)).toContain('pf-no-guest');
  });
});

describe('VirtualBox bridged', () => {
  it('[VB-BR-1] the VM is one more machine on the LAN: LAN DHCP lease, reached by everyone', () => {
    const t = testLab(twoVms({ mode: 'bridged' }));
    // The host came up first and took .100, then the laptop .101, then the VMs.
    expect(addressOf(t.network, 'host')).toBe('192.168.1.100');
    expect(addressOf(t.network, 'laptop')).toBe('192.168.1.101');
    expect(addressOf(t.network, 'vm1')).toBe('192.168.1.102');
    expect(t.exec('vm1', 'ip route')).toContain('default via 192.168.1.1');
    expect(t.tcp('laptop', 'vm1', 22).reachable).toBe(true);
    expect(t.ping('vm1', 'internet').reachable).toBe(true);
  });

  it('[VB-BR-2] bridging to Wi-Fi works for IPv4 and is noted in diagnostics', () => {
    const t = testLab(
      twoVms({ mode: 'bridged', network: 'wlan0' }, { host: { nics: { wlan0: { kind: 'wifi' } } } }),
    );
    expect(t.ping('laptop', 'vm1').reachable).toBe(true);
    expect(codes(t)).toContain('wifi-bridge');
  });
});

describe('VirtualBox host-only', () => {
  it('[VB-HO-1] host 192.168.56.1, DHCP server .100, leases from .101, and no default gateway', () => {
    const t = testLab(twoVms({ mode: 'hostonly' }));
    expect(addressOf(t.network, 'vm1')).toBe('192.168.56.101');
    expect(addressOf(t.network, 'vm2')).toBe('192.168.56.102');
    expect(t.exec('vm1', 'ip route')).not.toContain('default');
    expect(t.ping('vm1', '192.168.56.100').reachable).toBe(true);
    const out = t.ping('vm1', 'internet');
    expect(out.reachable).toBe(false);
    expect(out.why.code).toBe('network-unreachable');
  });

  it('[VB-HO-2] the internet needs the host to share its connection AND the guest to use the host as gateway', () => {
    const guest = {
      mode: 'hostonly',
      ip: { address: '192.168.56.10/24', gateway: '192.168.56.1', dns: ['192.168.1.1'] },
    };
    const shared = { host: { share: [{ network: 'vboxnet0', via: 'eth0' }] } };
    const both = testLab({ ...shared, vms: { vm: { adapters: [guest] } } });
    expect(both.ping('vm', 'internet').reachable).toBe(true);
    expect(both.exec('vm', 'ping -c 1 example.com')).toContain('1 received');
    const noShare = testLab({ vms: { vm: { adapters: [guest] } } });
    const refused = noShare.ping('vm', 'internet');
    expect(refused.reachable).toBe(false);
    expect(refused.why.code).toBe('host-not-sharing');
    const noGateway = testLab({ ...shared, vms: { vm: { adapters: [{ mode: 'hostonly' }] } } });
    expect(noGateway.ping('vm', 'internet').why.code).toBe('network-unreachable');
  });

  it('[VB-HO-3] sharing vboxnet0 on a Linux or macOS host warns that VirtualBox’s leases carry no gateway and no DNS server, in VirtualBox’s words', () => {
    for (const os of ['linux', 'macos'] as const) {
      const t = testLab({
        // VirtualBox 6.1 on macOS still has host-only adapters (VB7-HO-1 is 7's vmnet).
        ...(os === 'macos' ? { hypervisorVersion: '6.1' } : {}),
        host: { os, share: [{ network: 'vboxnet0', via: 'eth0' }] },
        vms: {
          leased: { adapters: [{ mode: 'hostonly' }] },
          fixed: {
            adapters: [
              {
                mode: 'hostonly',
                ip: { address: '192.168.56.10/24', gateway: '192.168.56.1', dns: ['8.8.8.8'] },
              },
            ],
          },
        },
      });
      const notes = diagnose(t.lab, t.network);
      const warning = notes.find((d) => d.code === 'share-no-gateway')!;
      expect(warning.severity).toBe('warning');
      expect(warning.path).toBe('host.share[0].network');
      expect(warning.text).toContain(
        "VirtualBox's DHCP server on vboxnet0 (HostInterfaceNetworking-vboxnet0 in VBoxManage list dhcpservers) hands out neither a gateway nor a DNS server",
      );
      expect(warning.text).toContain('give them 192.168.56.1 as default gateway');
      expect(warning.text).not.toContain('VMware');
      expect(warning.text).toContain(
        os === 'linux' ? 'ip_forward and MASQUERADE' : 'net.inet.ip.forwarding and a pf nat rule',
      );
      const said = { code: warning.code, params: warning.params } as Why;
      expect(english(said)).toBe(warning.text);
      expect(chinese(said)).toContain('既不下发网关，也不下发 DNS 服务器');
      expect(chinese(said)).toContain('HostInterfaceNetworking-vboxnet0');
      expect(notes.map((d) => d.code)).not.toContain('ics-readdress');
      // What the warning says: the lease has no way out, a gateway via the host has.
      expect(t.exec('leased', 'ip route')).not.toContain('default via');
      expect(t.exec('leased', 'cat /etc/resolv.conf')).not.toContain('nameserver');
      expect(t.ping('leased', 'internet').why.code).toBe('network-unreachable');
      expect(t.ping('fixed', 'internet').reachable).toBe(true);
    }
  });

  it('[VB-HO-3] no warning where the lease is not VirtualBox’s: its DHCP server off, a Windows host (ICS), macOS’s vmnet under VirtualBox 7', () => {
    const off = testLab({
      host: { os: 'linux', share: [{ network: 'vboxnet0', via: 'eth0' }] },
      hostOnlyNetworks: { vboxnet0: { dhcp: null } },
    });
    expect(codes(off)).not.toContain('share-no-gateway');
    const windows = testLab({ host: { os: 'windows', share: [{ network: 'vboxnet0', via: 'eth0' }] } });
    expect(codes(windows)).toContain('ics-readdress');
    expect(codes(windows)).not.toContain('share-no-gateway');
    // VB7-HO-1: macOS's vmnet DHCP hands out the host as gateway.
    const vmnet = testLab({
      host: { os: 'macos', share: [{ network: 'HostNetwork', via: 'en0' }] },
      hostOnlyNetworks: { HostNetwork: { hostIp: '192.168.56.1/24' } },
      vms: { a: { adapters: [{ mode: 'hostonly', network: 'HostNetwork' }] } },
    });
    expect(vmnet.exec('a', 'ip route')).toContain('default via 192.168.56.1');
    expect(codes(vmnet)).not.toContain('share-no-gateway');
  });

  it('[VB-HO-2] on a Windows host, Internet Connection Sharing moves the host to 192.168.137.1 and adds a DHCP server', () => {
    const t = testLab({
      host: { os: 'windows', share: [{ network: 'vboxnet0', via: 'eth0' }] },
      vms: {
        old: {
          adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.10/24', gateway: '192.168.56.1' } }],
        },
        ics: {
          adapters: [
            {
              mode: 'hostonly',
              ip: { address: '192.168.137.10/24', gateway: '192.168.137.1', dns: ['192.168.137.1'] },
            },
          ],
        },
      },
    });
    // A Windows host answers as cmd.exe does.
    expect(t.exec('host', 'ipconfig')).toContain(
      'IPv4 Address. . . . . . . . . . . : 192.168.137.1\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
    );
    expect(t.ping('old', 'internet').why.code).toBe('gateway-silent');
    expect(t.ping('ics', 'internet').reachable).toBe(true);
    expect(t.exec('ics', 'curl http://example.com/')).toContain('Example Domain');
    expect(codes(t)).toEqual(expect.arrayContaining(['ics-readdress', 'two-dhcp-servers']));
  });
});

describe('VirtualBox internal', () => {
  it('[VB-INT-1] joined by exact name, case included; no DHCP unless configured', () => {
    const ip = (address: string) => ({ address });
    const t = testLab({
      vms: {
        a: { adapters: [{ mode: 'internal', network: 'intnet', ip: ip('10.1.0.1/24') }] },
        b: { adapters: [{ mode: 'internal', network: 'intnet', ip: ip('10.1.0.2/24') }] },
        c: { adapters: [{ mode: 'internal', network: 'IntNet', ip: ip('10.1.0.3/24') }] },
        d: { adapters: [{ mode: 'internal', network: 'intnet' }] },
      },
    });
    expect(t.ping('a', 'b').reachable).toBe(true);
    expect(t.ping('a', 'c').reachable).toBe(false);
    expect(t.ping('a', '10.1.0.3').why.code).toBe('no-arp');
    expect(addressOf(t.network, 'd')).toBeNull();
    expect(t.ping('d', 'a').why.code).toBe('no-lease');
    expect(t.exec('d', 'ip addr')).not.toContain('inet 10.');
  });
});

describe('VirtualBox adapter options', () => {
  it('[VB-OPT-1] cable disconnected: no link, no traffic; not attached: nothing at all', () => {
    const t = testLab({
      vms: {
        a: { adapters: [{ mode: 'hostonly', cable: false }] },
        b: { adapters: [{ mode: 'none' }] },
        c: { adapters: [{ mode: 'hostonly' }] },
      },
    });
    expect(t.ping('a', 'host').why.code).toBe('cable-unplugged');
    expect(t.exec('a', 'ip addr')).toContain('NO-CARRIER');
    expect(t.ping('host', 'a').reachable).toBe(false);
    expect(t.ping('b', 'c').why.code).toBe('not-attached');
    expect(t.ping('host', 'c').reachable).toBe(true);
  });

  it('[VB-OPT-2] at most 8 adapters; MACs carry the 08:00:27 prefix; a cloned MAC is a duplicate', () => {
    const nine = parseLab({
      format: 'vnetlab/1',
      vms: { big: { adapters: Array.from({ length: 9 }, () => ({})) } },
    });
    expect(nine.ok).toBe(false);
    if (!nine.ok) expect(nine.errors[0]?.path).toBe('vms.big.adapters');
    const t = testLab({
      vms: {
        a: { adapters: [{ mode: 'hostonly' }] },
        original: { adapters: [{ mode: 'hostonly', mac: '080027AABBCC' }] },
        clone: { adapters: [{ mode: 'hostonly', mac: '080027aabbcc' }] },
      },
    });
    expect(t.lab.vms[0]?.adapters[0]?.mac).toMatch(/^080027[0-9a-f]{6}$/);
    expect(codes(t)).toContain('dup-mac');
    // The clone asks DHCP with the same MAC and gets the same address: an OS-3 clash.
    expect(addressOf(t.network, 'clone')).toBe(addressOf(t.network, 'original'));
    expect(codes(t)).toContain('dup-address');
  });

  it('[VB-OPT-3] an adapter naming a missing network stops the VM, and the reason names the network', () => {
    const t = testLab({
      hostOnlyNetworks: {},
      vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vboxnet0' }] } },
    });
    const result = t.ping('web', 'internet');
    expect(result.reachable).toBe(false);
    expect(result.why.code).toBe('not-started');
    expect(result.reason).toContain('"vboxnet0"');
    expect(result.reason).toContain('adapter 2');
    expect(t.ping('host', 'web').why.code).toBe('not-started');
    expect(codes(t)).toContain('missing-network');
  });
});

describe('VirtualBox promiscuous mode', () => {
  const lab = (promiscuous: string) =>
    testLab({
      vms: {
        a: { adapters: [{ mode: 'hostonly' }] },
        b: { adapters: [{ mode: 'hostonly' }] },
        spy: { adapters: [{ mode: 'hostonly', promiscuous }] },
      },
    });
  const seen = (result: ReturnType<ReturnType<typeof testLab>['ping']>, action: string) =>
    result.hops.filter((hop) => hop.action === action).some((hop) => hop.seenBy?.includes('spy'));

  it('[VB-OPT-4] "deny": a capture on a VM shows broadcasts, not frames between others', () => {
    const result = lab('deny').ping('a', 'b');
    expect(seen(result, 'arp')).toBe(true);
    expect(seen(result, 'send')).toBe(false);
  });

  it('[VB-OPT-4] "allow-vms": frames between VMs, not the host’s', () => {
    const t = lab('allow-vms');
    expect(seen(t.ping('a', 'b'), 'send')).toBe(true);
    expect(seen(t.ping('host', 'a'), 'send')).toBe(false);
  });

  it('[VB-OPT-4] "allow-all": the host’s frames too', () => {
    expect(seen(lab('allow-all').ping('host', 'a'), 'send')).toBe(true);
  });
});
