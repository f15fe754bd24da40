/** iputils ping: options as getopt parses them, sizes, quiet output, and its own errors. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = testLab({
  vms: {
    web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', ip: { address: '192.168.56.10/24' } }] },
  },
});

describe('ping', () => {
  it('-c1 and -c 1 are the same option, and so is an operand before the options', () => {
    const attached = lab.exec('web', 'ping -c1 10.0.2.4');
    expect(lab.exec('web', 'ping -c 1 10.0.2.4')).toBe(attached);
    expect(lab.exec('web', 'ping 10.0.2.4 -c 1')).toBe(attached);
    expect(attached).toContain('1 packets transmitted, 1 received, 0% packet loss, time 0ms');
  });

  it('-s changes the sizes printed; under 16 bytes there is no time and no rtt line', () => {
    const big = lab.exec('web', 'ping -c 1 -s 1000 10.0.2.4');
    expect(big).toContain('PING 10.0.2.4 (10.0.2.4) 1000(1028) bytes of data.');
    expect(big).toMatch(/\n1008 bytes from 10\.0\.2\.4: icmp_seq=1 ttl=64 time=[\d.]+ ms\n/);
    const tiny = lab.exec('web', 'ping -c 1 -s 8 10.0.2.4');
    expect(tiny).toContain('\n16 bytes from 10.0.2.4: icmp_seq=1 ttl=64\n');
    expect(tiny).not.toContain('rtt');
    expect(lab.exec('web', 'ping -s 70000 10.0.2.4')).toBe(
      'ping: packet size 70000 is too large. Maximum is 65507',
    );
  });

  it('-q prints only the header and the statistics; -i spaces the packets', () => {
    const quiet = lab.exec('web', 'ping -q -c 3 -i 0.2 10.0.2.4');
    expect(quiet.split('\n')).toEqual([
      'PING 10.0.2.4 (10.0.2.4) 56(84) bytes of data.',
      '',
      '--- 10.0.2.4 ping statistics ---',
      '3 packets transmitted, 3 received, 0% packet loss, time 405ms',
      expect.stringMatching(/^rtt min\/avg\/max\/mdev = /),
    ]);
  });

  it('without -c it runs until Ctrl-C: four replies, then ^C', () => {
    const out = lab.exec('web', 'ping 10.0.2.4');
    expect(out).toContain('icmp_seq=4');
    expect(out).toContain('^C\n\n--- 10.0.2.4 ping statistics ---');
  });

  it('a name is printed with its address in the replies; -n prints the address only', () => {
    expect(lab.exec('web', 'ping -c 1 example.com')).toContain(
      '64 bytes from 93.184.215.14 (93.184.215.14): icmp_seq=1',
    );
    expect(lab.exec('web', 'ping -n -c 1 example.com')).toContain('64 bytes from 93.184.215.14: icmp_seq=1');
  });

  it("-I binds to an interface or an address, with the kernel's errors", () => {
    expect(lab.exec('web', 'ping -c 1 -I enp0s3 10.0.2.4')).toContain(
      'PING 10.0.2.4 (10.0.2.4) from 10.0.2.15 enp0s3: 56(84) bytes of data.',
    );
    expect(lab.exec('web', 'ping -c 1 -I 10.0.2.15 10.0.2.4')).toContain('from 10.0.2.15 : 56(84)');
    expect(lab.exec('web', 'ping -c 1 -I enp0s8 10.0.2.4')).toBe('ping: connect: Network is unreachable');
    expect(lab.exec('web', 'ping -I eth9 10.0.2.4')).toBe('ping: SO_BINDTODEVICE eth9: No such device');
    expect(lab.exec('web', 'ping -I 10.9.9.9 10.0.2.4')).toBe('ping: bind: Cannot assign requested address');
  });

  it("bad usage gets iputils' words and exit status", () => {
    const run = (line: string) => {
      const result = lab.run('web', line);
      return [result.output.split('\n')[0], result.exitCode];
    };
    expect(run('ping -c abc 10.0.2.4')).toEqual(["ping: invalid argument: 'abc'", 1]);
    expect(run('ping -c 0 10.0.2.4')).toEqual([
      "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807",
      1,
    ]);
    expect(run('ping')).toEqual(['ping: usage error: Destination address required', 1]);
    expect(run('ping -x 10.0.2.4')).toEqual(["ping: invalid option -- 'x'", 2]);
    expect(run('ping -c')).toEqual(["ping: option requires an argument -- 'c'", 2]);
    expect(run('ping -W 0 10.0.2.4')).toEqual(['ping: bad linger time: 0', 2]);
  });

  it('[CON-7] a user may not send faster than every 2 ms (or flood); root may', () => {
    const flood = lab.run('web', 'ping -c1 -i 0.001 10.0.2.4');
    expect(flood.output).toBe(
      'PING 10.0.2.4 (10.0.2.4) 56(84) bytes of data.\nping: cannot flood, minimal interval for user must be >= 2 ms, use -i 0.002 (or higher)',
    );
    expect(flood.exitCode).toBe(2);
    expect(lab.run('web', 'ping -f -c 1 10.0.2.4').exitCode).toBe(2);
    expect(lab.run('web', 'ping -c1 -i 0.002 10.0.2.4').exitCode).toBe(0);
    expect(lab.run('web', 'sudo ping -c1 -i 0.001 10.0.2.4').exitCode).toBe(0);
  });
});
