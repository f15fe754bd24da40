/** The rules that follow `hypervisorVersion` (packages/engine/REFERENCE.md), by id. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab } from '../testing/labs';

const natLab = (extra: Record<string, unknown> = {}, adapter: Record<string, unknown> = {}) =>
  testLab({
    host: { listen: ['tcp/8080', 'tcp/127.0.0.1:5432'] },
    vms: { web: { adapters: [{ mode: 'nat', ...adapter }] } },
    ...extra,
  });

describe('VirtualBox versions', () => {
  it('[VB7-NAT-1] VirtualBox 7 (the default, 7.1): 10.0.2.2 gives no echo reply and drops TCP, so curl times out', () => {
    const t = natLab();
    expect(t.lab.hypervisorVersion).toBe('7.1');
    const ping = t.ping('web', '10.0.2.2');
    expect(ping.reachable).toBe(false);
    expect(ping.why.code).toBe('nat-alias-dropped');
    expect(t.exec('web', 'ping -c 1 10.0.2.2')).toContain(
      '1 packets transmitted, 0 received, 100% packet loss',
    );
    const tcp = t.tcp('web', '10.0.2.2', 8080);
    expect(tcp.why.code).toBe('nat-alias-dropped');
    expect(tcp.reason).toContain('times out');
    // A timeout, not a refusal: what a student reads off curl and nc.
    expect(t.exec('web', 'curl http://10.0.2.2:8080/')).toContain('curl: (28)');
    expect(t.exec('web', 'nc -zv 10.0.2.2 8080')).toContain('Connection timed out');
    // The host's LAN address still works for services on every address.
    expect(t.tcp('web', 'host', 8080).reachable).toBe(true);
  });

  it('[VB7-NAT-2] with "localhost reachable" on, 10.0.2.2 answers ping and reaches services bound to 127.0.0.1', () => {
    const t = natLab({}, { localhostReachable: true });
    expect(t.ping('web', '10.0.2.2').reachable).toBe(true);
    const db = t.tcp('web', '10.0.2.2', 5432);
    expect(db.reachable).toBe(true);
    expect(db.hops.some((hop) => hop.why.code === 'hop-proxy' && hop.detail.includes('127.0.0.1'))).toBe(
      true,
    );
    // A service bound to 127.0.0.1 is not on the host's LAN address.
    expect(t.tcp('web', '192.168.1.100', 5432).why.code).toBe('refused');
  });

  it('[VB61-NAT-1] VirtualBox 6.1: 10.0.2.2 always answers ping and reaches the host loopback', () => {
    const t = natLab({ hypervisorVersion: '6.1' });
    expect(t.ping('web', '10.0.2.2').reachable).toBe(true);
    expect(t.tcp('web', '10.0.2.2', 5432).reachable).toBe(true);
    expect(t.exec('web', 'curl -s http://10.0.2.2:8080/')).toContain('It works!');
  });

  describe('[VB61-HO-1] host-only addresses on Linux and macOS hosts since 6.1.28', () => {
    const hostOnly = (extra: Record<string, unknown>) =>
      testLab({
        hostOnlyNetworks: { vboxnet0: { hostIp: '10.8.8.1/24', dhcp: null } },
        vms: { web: { adapters: [{ mode: 'hostonly', ip: { address: '10.8.8.10/24' } }] } },
        ...extra,
      });

    it('[VB61-HO-1] outside 192.168.56.0/21 the adapter keeps no address: the host cannot reach the VM', () => {
      const t = hostOnly({});
      expect(t.ping('host', 'web').reachable).toBe(false);
      const found = diagnose(t.lab, t.network).find((d) => d.code === 'hostonly-range');
      expect(found?.path).toBe('hostOnlyNetworks.vboxnet0.hostIp');
      expect(found?.text).toContain('192.168.56.0/21');
      expect(found?.text).toContain('networks.conf');
    });

    it('[VB61-HO-1] networks.conf allowing the range, a Windows host, or 6.1.26 lift the rule', () => {
      expect(hostOnly({ host: { networksConf: ['10.0.0.0/8'] } }).ping('host', 'web').reachable).toBe(true);
      expect(hostOnly({ host: { os: 'windows' } }).ping('host', 'web').reachable).toBe(true);
      expect(hostOnly({ hypervisorVersion: '6.1.26' }).ping('host', 'web').reachable).toBe(true);
      const inside = testLab({
        hostOnlyNetworks: { vboxnet0: { hostIp: '192.168.60.1/24' } },
        vms: { web: { adapters: [{ mode: 'hostonly' }] } },
      });
      expect(inside.ping('host', 'web').reachable).toBe(true);
    });
  });

  it('[VB7-HO-1] macOS host, VirtualBox 7: a host-only network where the host is the lower IP and leases follow it', () => {
    const t = testLab({
      host: { os: 'macos' },
      hostOnlyNetworks: { HostNetwork: { hostIp: '192.168.56.1/24' } },
      vms: {
        a: { adapters: [{ mode: 'hostonly', network: 'HostNetwork' }] },
        b: { adapters: [{ mode: 'hostonly', network: 'HostNetwork' }] },
      },
    });
    expect(addressOf(t.network, 'a')).toBe('192.168.56.2');
    expect(addressOf(t.network, 'b')).toBe('192.168.56.3');
    expect(t.ping('host', 'a').reachable).toBe(true);
    expect(t.exec('a', 'ip route')).toContain('default via 192.168.56.1');
    const note = diagnose(t.lab, t.network).find((d) => d.code === 'macos-hostonlynet');
    expect(note?.text).toContain('192.168.56.1');
    // Linux hosts keep the host-only adapter and its DHCP server at .100.
    const linux = testLab({ vms: { a: { adapters: [{ mode: 'hostonly' }] } } });
    expect(addressOf(linux.network, 'a')).toBe('192.168.56.101');
  });
});
