/** Reasons a student can act on: the cause to fix, not a symptom further down the path. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

describe('probe reasons', () => {
  it('a reply with no way back is said as such, not as the target network being closed', () => {
    const t = testLab({
      vms: {
        router: {
          adapters: [
            { mode: 'hostonly', ip: { address: '192.168.56.2/24' } },
            { mode: 'internal', network: 'lan', ip: { address: '10.10.0.1/24' } },
          ],
          ipForwarding: true,
        },
        client: {
          adapters: [
            { mode: 'internal', network: 'lan', ip: { address: '10.10.0.5/24', gateway: '10.10.0.1' } },
          ],
        },
      },
    });
    const result = t.ping('client', 'host');
    expect(result.why.code).toBe('no-reply-route');
    expect(result.reason).toContain('host gets the packet but its reply to 10.10.0.5 has no way back');
  });

  it('an empty DHCP pool is not "no DHCP server"', () => {
    const t = testLab({
      lans: { home: { dhcp: { from: '192.168.1.100', to: '192.168.1.101' } } },
      vms: { a: { adapters: [{ mode: 'bridged' }] }, b: { adapters: [{ mode: 'bridged' }] } },
    });
    const result = t.ping('b', 'host');
    expect(result.why.code).toBe('dhcp-pool-empty');
    expect(result.reason).toContain('no free address left');
  });

  it('an unplugged target is said to be unplugged, on either end', () => {
    const t = testLab({
      vms: {
        off: { adapters: [{ mode: 'hostonly', cable: false, ip: { address: '192.168.56.9/24' } }] },
        half: { adapters: [{ mode: 'nat', cable: false }, { mode: 'hostonly' }] },
      },
    });
    expect(t.ping('host', 'off').why.code).toBe('cable-unplugged');
    const out = t.ping('half', 'internet');
    expect(out.why.code).toBe('cable-unplugged');
    expect(out.reason).toContain('adapter 1 of half');
  });

  it('ping cannot get through NAT, and the sentence says port forwarding will not help', () => {
    const t = testLab({ vms: { a: { adapters: [{ mode: 'nat' }] } } });
    const result = t.ping('host', 'a');
    expect(result.why.code).toBe('behind-nat');
    expect(result.reason).toContain('only TCP and UDP');
  });

  it('a rule that lost its host port says so', () => {
    const rule = { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 };
    const t = testLab({
      vms: {
        a: { adapters: [{ mode: 'nat', portForwards: [rule] }], listen: ['tcp/22'] },
        b: { adapters: [{ mode: 'nat', portForwards: [{ ...rule, name: 'ssh-b' }] }], listen: ['tcp/22'] },
      },
    });
    const result = t.tcp('host', 'b', 22);
    expect(result.why.code).toBe('pf-inactive');
    expect(result.reason).toContain('already taken by rule "ssh"');
  });
});
