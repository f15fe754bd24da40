/** Windows guest rules of packages/engine/REFERENCE.md (WIN-…), by id. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = (win: Record<string, unknown>) =>
  testLab({
    vms: {
      win: {
        os: 'windows',
        adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.20/24' } }],
        listen: ['tcp/3389'],
        ...win,
      },
      linux: { adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.10/24' } }] },
    },
  });

describe('Windows guests', () => {
  it('[WIN-1] the firewall drops echo requests by default; TCP to a listening service still connects', () => {
    const t = lab({});
    const ping = t.ping('linux', 'win');
    expect(ping.reachable).toBe(false);
    expect(ping.why.code).toBe('firewall-icmp');
    expect(t.tcp('linux', 'win', 3389).reachable).toBe(true);
    expect(t.exec('linux', 'ping -c 2 192.168.56.20')).toContain(
      '2 packets transmitted, 0 received, 100% packet loss',
    );
    // The Windows guest itself still pings out: only inbound echo requests are dropped.
    expect(t.ping('win', 'linux').reachable).toBe(true);
    expect(t.exec('win', 'ping -n 1 192.168.56.10')).toContain('Reply from 192.168.56.10: bytes=32');
  });

  it('[WIN-1] [WIN-2] a firewall that admits ICMP answers, and a Windows reply starts at TTL 128', () => {
    const t = lab({ firewall: { icmp: true } });
    expect(t.ping('linux', 'win').reachable).toBe(true);
    expect(t.exec('linux', 'ping -c 1 192.168.56.20')).toContain(
      '64 bytes from 192.168.56.20: icmp_seq=1 ttl=128',
    );
  });
});
