/** OpenBSD nc: silent without -v, -w, UDP's "open or filtered", port ranges, usage. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = testLab({
  host: { listen: ['tcp/8080', 'udp/5353'] },
  vms: { web: { adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.10/24' } }] } },
});

describe('nc', () => {
  it('-zv says what happened; -z alone only sets the exit status', () => {
    expect(lab.run('web', 'nc -zv -w 2 192.168.56.1 8080')).toMatchObject({
      output: 'Connection to 192.168.56.1 8080 port [tcp/http-alt] succeeded!',
      exitCode: 0,
    });
    expect(lab.run('web', 'nc -z 192.168.56.1 9')).toMatchObject({ output: '', exitCode: 1 });
    expect(lab.exec('web', 'nc -v -z 192.168.56.1 9')).toBe(
      'nc: connect to 192.168.56.1 port 9 (tcp) failed: Connection refused',
    );
  });

  it('[CON-8] a dropped port: with -w the warning is "timed out" with connect()\'s EINPROGRESS; without -w the kernel\'s ETIMEDOUT', () => {
    const filtered = testLab({
      lans: { home: { devices: { laptop: { listen: ['tcp/80'], firewall: { allow: ['tcp/80'] } } } } },
      vms: { web: { adapters: [{ mode: 'bridged' }] } },
    });
    expect(filtered.run('web', 'nc -zv -w 2 192.168.1.101 22')).toMatchObject({
      output: 'nc: connect to 192.168.1.101 port 22 (tcp) timed out: Operation now in progress',
      exitCode: 1,
    });
    expect(filtered.exec('web', 'nc -zv 192.168.1.101 22')).toBe(
      'nc: connect to 192.168.1.101 port 22 (tcp) failed: Connection timed out',
    );
    expect(filtered.exec('web', 'nc -zv -w 2 192.168.1.101 80')).toContain('succeeded!');
  });

  it('a host name is followed by its address in a failure too, as remote_connect() warns', () => {
    const named = testLab({
      vms: {
        db: { adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.20/24' } }], listen: ['tcp/5432'] },
      },
    });
    expect(named.exec('db', 'nc -zv localhost 22')).toBe(
      'nc: connect to localhost (127.0.0.1) port 22 (tcp) failed: Connection refused',
    );
    expect(named.exec('db', 'nc -zv localhost 5432')).toBe(
      'Connection to localhost (127.0.0.1) 5432 port [tcp/postgresql] succeeded!',
    );
  });

  it('a port range is scanned port by port', () => {
    expect(lab.exec('web', 'nc -zv 192.168.56.1 8079-8081').split('\n')).toEqual([
      'nc: connect to 192.168.56.1 port 8079 (tcp) failed: Connection refused',
      'Connection to 192.168.56.1 8080 port [tcp/http-alt] succeeded!',
      'nc: connect to 192.168.56.1 port 8081 (tcp) failed: Connection refused',
    ]);
  });

  it('[CON-3] -u: a closed UDP port answers ICMP port unreachable (silence); an open one "succeeds"', () => {
    expect(lab.run('web', 'nc -zuv 192.168.56.1 5353')).toMatchObject({
      output: 'Connection to 192.168.56.1 5353 port [udp/*] succeeded!',
      exitCode: 0,
    });
    expect(lab.run('web', 'nc -zuv 192.168.56.1 5354')).toMatchObject({ output: '', exitCode: 1 });
  });

  it("bad usage: the usage text or netcat's own sentence, exit 1", () => {
    expect(lab.run('web', 'nc -zv 192.168.56.1').output.split('\n')[0]).toBe(
      'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]',
    );
    expect(lab.run('web', 'nc -w abc 192.168.56.1 22')).toMatchObject({
      output: 'nc: timeout invalid: abc',
      exitCode: 1,
    });
    expect(lab.exec('web', 'nc -zv 192.168.56.1 99999')).toBe('nc: port number too large: 99999');
    expect(lab.exec('web', 'nc -Q 192.168.56.1 22').split('\n')[0]).toBe("nc: invalid option -- 'Q'");
  });
});
