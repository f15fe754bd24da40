/** A macOS host answers as its own tools do, and never with Linux's. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../../testing/labs';

const lab = testLab({
  host: { os: 'macos', listen: ['tcp/8080'] },
  vms: { web: { adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.10/24' } }], listen: ['tcp/22'] } },
});

describe('macOS host console', () => {
  it('BSD ping: data bytes, replies from icmp_seq=0, "packets received", one-decimal loss', () => {
    const out = lab.run('host', 'ping -c 2 192.168.56.10');
    expect(out.output.split('\n').slice(0, 2)).toEqual([
      'PING 192.168.56.10 (192.168.56.10): 56 data bytes',
      expect.stringMatching(/^64 bytes from 192\.168\.56\.10: icmp_seq=0 ttl=64 time=[\d.]+ ms$/),
    ]);
    expect(out.output).toContain('2 packets transmitted, 2 packets received, 0.0% packet loss');
    expect(out.output).toMatch(/round-trip min\/avg\/max\/stddev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms$/);
    const lost = lab.run('host', 'ping -c 3 192.168.56.99');
    expect(lost.output).toContain('Request timeout for icmp_seq 0\nRequest timeout for icmp_seq 1\n\n');
    expect(lost.output).toContain('3 packets transmitted, 0 packets received, 100.0% packet loss');
    expect(lost.exitCode).toBe(2);
    expect(lab.run('host', 'ping db')).toMatchObject({
      output: 'ping: cannot resolve db: Unknown host',
      exitCode: 68,
    });
  });

  it('BSD nc and traceroute wording; no ip or ss on macOS', () => {
    expect(lab.exec('host', 'nc -zv 192.168.56.10 22')).toBe(
      'Connection to 192.168.56.10 port 22 [tcp/ssh] succeeded!',
    );
    expect(lab.exec('host', 'nc -zv 192.168.56.10 23')).toBe(
      'nc: connectx to 192.168.56.10 port 23 (tcp) failed: Connection refused',
    );
    expect(lab.exec('host', 'traceroute -n 192.168.56.10').split('\n')[0]).toBe(
      'traceroute to 192.168.56.10 (192.168.56.10), 64 hops max, 52 byte packets',
    );
    expect(lab.run('host', 'ip addr')).toMatchObject({ output: 'zsh: command not found: ip', exitCode: 127 });
    expect(lab.exec('host', 'ifconfig')).toContain("macOS's ifconfig is not simulated");
  });
});
