/** Guest operating system rules of reference/network-modes.md (OS-…), by id. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { testLab } from '../testing/labs';

/** A router VM between an internal network and NAT, and a client behind it. */
function routedLab(router: Record<string, unknown>) {
  return testLab({
    vms: {
      router: {
        adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'lan', ip: { address: '10.10.0.1/24' } }],
        ...router,
      },
      client: {
        adapters: [
          {
            mode: 'internal',
            network: 'lan',
            ip: { address: '10.10.0.2/24', gateway: '10.10.0.1', dns: ['10.0.2.3'] },
          },
        ],
      },
    },
  });
}

describe('guests and routing', () => {
  it('[OS-1] a router VM forwards only with ip_forward on, and needs masquerade for replies to come back', () => {
    const off = routedLab({});
    expect(off.ping('client', 'internet').why.code).toBe('not-forwarding');
    const noMasquerade = routedLab({ ipForwarding: true });
    const lost = noMasquerade.ping('client', 'internet');
    expect(lost.reachable).toBe(false);
    expect(lost.why.code).toBe('needs-masquerade');
    expect(lost.reason).toContain('masquerade');
    const full = routedLab({ ipForwarding: true, masquerade: [0] });
    expect(full.ping('client', 'internet').reachable).toBe(true);
    expect(full.exec('client', 'traceroute 93.184.215.14')).toContain(' 1  10.10.0.1 (10.10.0.1)');
  });

  it('[OS-2] no route to another subnet: "Network is unreachable"', () => {
    const t = testLab({
      vms: {
        a: { adapters: [{ mode: 'internal', network: 'n', ip: { address: '10.1.0.1/24' } }] },
      },
    });
    const result = t.ping('a', '10.2.0.1');
    expect(result.why.code).toBe('network-unreachable');
    expect(t.exec('a', 'ping 10.2.0.1')).toBe('ping: connect: Network is unreachable');
  });

  it('[OS-3] two machines with one address: replies go to whichever answered ARP last', () => {
    const ip = { address: '192.168.56.50/24' };
    const t = testLab({
      vms: { a: { adapters: [{ mode: 'hostonly', ip }] }, b: { adapters: [{ mode: 'hostonly', ip }] } },
    });
    const literal = t.ping('host', '192.168.56.50');
    expect(literal.reason).toContain('reaches b');
    expect(t.ping('host', 'a').why.code).toBe('reached-other');
    expect(diagnose(t.lab, t.network).map((d) => d.code)).toContain('dup-address');
  });

  it('[OS-4] two DHCP servers on one segment are flagged', () => {
    const t = testLab({
      vms: {
        rogue: { adapters: [{ mode: 'bridged', ip: { address: '192.168.1.5/24' } }], listen: ['udp/67'] },
      },
    });
    const twoServers = diagnose(t.lab, t.network).find((d) => d.code === 'two-dhcp-servers');
    expect(twoServers?.text).toContain('rogue');
  });

  it('[OS-5] a firewall that drops ICMP fails ping while TCP to a listening port succeeds', () => {
    const t = testLab({
      vms: { web: { adapters: [{ mode: 'hostonly' }], listen: ['tcp/80'], firewall: { icmp: false } } },
    });
    expect(t.ping('host', 'web').why.code).toBe('firewall-icmp');
    expect(t.tcp('host', 'web', 80).reachable).toBe(true);
    expect(t.tcp('host', 'web', 22).why.code).toBe('refused');
    const allowOnly = testLab({
      vms: {
        web: {
          adapters: [{ mode: 'hostonly' }],
          listen: ['tcp/80', 'tcp/22'],
          firewall: { allow: ['tcp/22'] },
        },
      },
    });
    expect(allowOnly.tcp('host', 'web', 80).why.code).toBe('firewall-port');
    expect(allowOnly.tcp('host', 'web', 22).reachable).toBe(true);
  });

  it('[OS-5] the host firewall filters forwarded ports, not what its NAT engines send it from its own stack', () => {
    const t = testLab({
      host: { listen: ['tcp/8080'], firewall: { allow: ['tcp/22'] } },
      lans: { home: { devices: { laptop: {} } } },
      vms: {
        web: {
          adapters: [
            {
              mode: 'nat',
              portForwards: [{ name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 }],
            },
          ],
          listen: ['tcp/22'],
        },
      },
    });
    expect(t.tcp('laptop', 'web', 22).why.code).toBe('firewall-port');
    expect(t.tcp('host', 'web', 22).reachable).toBe(true);
    expect(t.tcp('web', 'host', 8080).reachable).toBe(true);
    expect(t.tcp('laptop', 'host', 8080).why.code).toBe('firewall-port');
  });
});
