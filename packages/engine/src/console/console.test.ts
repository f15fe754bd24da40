/** The console prints what a Linux guest prints: iputils ping, iproute2, curl 8, OpenBSD nc, net-tools. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = testLab({
  host: { listen: ['tcp/8080'] },
  lans: { home: { devices: { laptop: { listen: ['tcp/80'], firewall: { allow: ['tcp/80'] } } } } },
  vms: {
    web: {
      adapters: [
        {
          mode: 'nat',
          portForwards: [{ name: 'web', proto: 'tcp', hostIp: '', hostPort: 8081, guestPort: 80 }],
        },
        { mode: 'hostonly', ip: { address: '192.168.56.10/24' } },
      ],
      listen: ['tcp/22'],
    },
    lonely: { adapters: [{ mode: 'internal', network: 'x', ip: { address: '10.5.0.2/24' } }] },
  },
});

describe('console', () => {
  it('ping: replies, statistics and rtt line', () => {
    const out = lab.exec('web', 'ping -c 2 10.0.2.4');
    expect(out).toMatch(
      /^PING 10\.0\.2\.4 \(10\.0\.2\.4\) 56\(84\) bytes of data\.\n64 bytes from 10\.0\.2\.4: icmp_seq=1 ttl=64 time=[\d.]+ ms/,
    );
    expect(out).toContain('2 packets transmitted, 2 received, 0% packet loss');
    expect(out).toMatch(/rtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms$/);
  });

  it("ping: an address nobody has on the link is reported from the sender's own address", () => {
    const out = lab.exec('web', 'ping -c 1 192.168.56.77');
    expect(out).toContain('From 192.168.56.10 icmp_seq=1 Destination Host Unreachable');
    expect(out).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
  });

  it('ping: no route at all', () => {
    expect(lab.exec('lonely', 'ping 8.8.8.8')).toBe('ping: connect: Network is unreachable');
  });

  it("ping: names need DNS, and the lab's machines are not in it", () => {
    expect(lab.exec('web', 'ping -c 1 example.com')).toContain('PING example.com (93.184.215.14)');
    expect(lab.exec('web', 'ping db')).toBe('ping: db: Name or service not known');
    expect(lab.exec('lonely', 'ping example.com')).toBe(
      'ping: example.com: Temporary failure in name resolution',
    );
  });

  it('ip addr and ip route', () => {
    const addr = lab.exec('web', 'ip addr');
    expect(addr).toContain('2: enp0s3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500');
    expect(addr).toContain('inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic enp0s3');
    expect(addr).toContain('inet 192.168.56.10/24 brd 192.168.56.255 scope global enp0s8');
    expect(lab.exec('web', 'ip r').split('\n')[0]).toBe(
      'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100',
    );
  });

  it('curl and nc: connected, refused, filtered', () => {
    expect(lab.exec('web', 'curl http://192.168.1.100:8080/')).toContain('It works!');
    expect(lab.exec('web', 'curl 192.168.1.100:9999')).toBe(
      "curl: (7) Failed to connect to 192.168.1.100 port 9999 after 0 ms: Couldn't connect to server",
    );
    expect(lab.exec('web', 'nc -zv 192.168.1.101 80')).toBe(
      'Connection to 192.168.1.101 80 port [tcp/http] succeeded!',
    );
    expect(lab.exec('web', 'nc -zv 192.168.1.101 22')).toBe(
      'nc: connect to 192.168.1.101 port 22 (tcp) failed: Connection timed out',
    );
    expect(lab.exec('lonely', 'nc -zv 10.9.0.1 22')).toBe(
      'nc: connect to 10.9.0.1 port 22 (tcp) failed: Network is unreachable',
    );
  });

  it('a forwarded port whose guest does not listen: accepted on the host, then reset', () => {
    expect(lab.exec('host', 'nc -zv 127.0.0.1 8081')).toBe(
      'Connection to 127.0.0.1 8081 port [tcp/*] succeeded!',
    );
    expect(lab.exec('host', 'curl http://127.0.0.1:8081/')).toBe(
      'curl: (56) Recv failure: Connection reset by peer',
    );
  });

  it('arp -n, resolv.conf, hostname, unknown commands', () => {
    expect(lab.exec('web', 'arp -n')).toContain(
      '10.0.2.2                 ether   52:54:00:12:35:02   C                     enp0s3',
    );
    expect(lab.exec('web', 'cat /etc/resolv.conf')).toContain('nameserver 10.0.2.3');
    expect(lab.exec('web', 'hostname')).toBe('web');
    expect(lab.exec('web', 'ipconfig')).toBe('bash: ipconfig: command not found');
  });
});
