/** Windows guest rules of packages/engine/REFERENCE.md (WIN-…), by id. */
import { chinese } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { linkLocalOf, windowsLinkLocalOf } from '../console/ipv6';
import { addressOf, testLab } from '../testing/labs';

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

  it("[WIN-3] ipconfig shows each connected adapter's link-local IPv6 address with its zone, a stand-in random id", () => {
    const t = lab({});
    const mac = t.network.nodes.get('win')!.ifaces[0]!.mac;
    const address = windowsLinkLocalOf(mac);
    // Random-looking, not the EUI-64 of the MAC, and the same for the same lab.
    expect(address).toMatch(/^fe80::[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}$/);
    expect(address).not.toBe(linkLocalOf(mac));
    expect(t.exec('win', 'ipconfig').split('\n')).toEqual(
      expect.arrayContaining([
        `   Link-local IPv6 Address . . . . . : ${address}%3`,
        '   IPv4 Address. . . . . . . . . . . : 192.168.56.20',
      ]),
    );
    const all = t.exec('win', 'ipconfig /all');
    expect(all).toContain(`   Link-local IPv6 Address . . . . . : ${address}%3(Preferred) \n   IPv4 Address`);
    const routes = t.exec('win', 'route print');
    expect(routes).toContain('  3    281 fe80::/64                On-link');
    // A destination wider than its column puts "On-link" on the next line, under Gateway.
    expect(routes).toContain(`  3    281 ${address}/128\n${' '.repeat(36)}On-link`);
    expect(routes).toContain(
      '  1    331 ff00::/8                 On-link\n  3    281 ff00::/8                 On-link',
    );
    const unplugged = lab({
      adapters: [{ mode: 'hostonly', cable: false, ip: { address: '192.168.56.20/24' } }],
    });
    expect(unplugged.exec('win', 'ipconfig')).not.toContain('Link-local');
  });

  it('[WIN-3] ping to IPv6: ::1, a neighbour by its link-local address; the firewall drops ICMPv6 echo too', () => {
    const t = lab({});
    const linux = linkLocalOf(t.network.nodes.get('linux')!.ifaces[0]!.mac);
    const win = windowsLinkLocalOf(t.network.nodes.get('win')!.ifaces[0]!.mac);
    expect(t.exec('win', 'ping -n 1 ::1')).toContain('Reply from ::1: time<1ms');
    expect(t.exec('win', `ping -n 1 ${linux}%3`)).toContain(`Reply from ${linux}%3: time<1ms`);
    // One interface with a link: Windows needs no zone to pick it.
    expect(t.exec('win', `ping -6 -n 1 ${linux}`)).toContain(`Pinging ${linux}%3 with 32 bytes of data:`);
    expect(t.exec('win', 'ping -n 2 fe80::1%3')).toContain(
      'Destination host unreachable.\nDestination host unreachable.\n\nPing statistics for fe80::1%3:\n    Packets: Sent = 2, Received = 0, Lost = 2 (100% loss),',
    );
    expect(t.exec('win', 'ping 2001:db8::1')).toBe('PING: transmit failed. General failure.');
    expect(t.exec('win', 'ping -6 linux')).toBe(
      'Ping request could not find host linux. Please check the name and try again.',
    );
    // Inbound: "File and Printer Sharing (Echo Request - ICMPv6-In)" is off like its ICMPv4 twin.
    expect(t.run('linux', `ping -6 -c 1 ${win}%enp0s3`).output).toContain(
      '1 packets transmitted, 0 received',
    );
    const open = lab({ firewall: { icmp: true } });
    expect(open.exec('linux', `ping -6 -c 1 ${win}%enp0s3`)).toContain(
      `64 bytes from ${win}%enp0s3: icmp_seq=1 ttl=128`,
    );
  });
});

describe('Windows Defender Firewall and closed ports (WIN-5)', () => {
  const vmwareOn = (os: 'windows' | 'linux') =>
    testLab({
      hypervisor: 'vmware',
      host: { os },
      vms: {
        linux: { adapters: [{ mode: 'hostonly' }] },
        win: { os: 'windows', adapters: [{ mode: 'hostonly' }], listen: ['tcp/3389'] },
      },
    });

  it('[WIN-5] DNS to a Windows host where nothing listens times out instead of being refused; a Linux host refuses', () => {
    // VMW-15: VMware's host-only lease names the host's .1 as DNS server, where nothing listens.
    const windows = vmwareOn('windows');
    expect(windows.exec('linux', 'dig +short @192.168.100.1 example.com')).toBe(
      [
        ';; communications error to 192.168.100.1#53: timed out',
        ';; communications error to 192.168.100.1#53: timed out',
        ';; communications error to 192.168.100.1#53: timed out',
        ';; no servers could be reached',
      ].join('\n'),
    );
    expect(windows.exec('linux', 'nslookup example.com')).toContain(
      ';; communications error to 192.168.100.1#53: timed out',
    );
    // CON-3: with no port unreachable coming back, nc -zu cannot tell it from an open port.
    expect(windows.run('linux', 'nc -zvu -w1 192.168.100.1 53').exitCode).toBe(0);
    expect(windows.exec('linux', 'nc -zv -w1 192.168.100.1 53')).toContain('timed out');
    const tcp53 = windows.tcp('linux', 'host', 53);
    expect(tcp53.reachable).toBe(false);
    expect(tcp53.why.code).toBe('windows-stealth');
    expect(tcp53.reason).toContain('no TCP reset, no ICMP port unreachable');
    expect(tcp53.reason).toContain('Windows Defender Firewall');
    expect(chinese(tcp53.why)).toContain('Windows Defender 防火墙（默认开启）会悄悄丢弃它');
    const linux = vmwareOn('linux');
    expect(linux.exec('linux', 'dig +short @192.168.100.1 example.com')).toContain('connection refused');
    expect(linux.run('linux', 'nc -zvu -w1 192.168.100.1 53').exitCode).toBe(1);
    expect(linux.tcp('linux', 'host', 53).why.code).toBe('refused');
  });

  it('[WIN-6] a Windows guest\'s nslookup: a server that refuses gives "No response from server", a silent one times out', () => {
    // VMW-15: the lease names the host's .1, where no DNS server runs.
    const refused = vmwareOn('linux').run('win', 'nslookup example.com');
    expect(refused).toMatchObject({
      output:
        "Server:  UnKnown\nAddress:  192.168.100.1\n\n*** UnKnown can't find example.com: No response from server\n",
      exitCode: 1,
    });
    const silent = vmwareOn('windows').exec('win', 'nslookup example.com');
    expect(silent).toContain('DNS request timed out.\n    timeout was 2 seconds.\nServer:  UnKnown\n');
    expect(silent).toContain('*** Request to UnKnown timed-out');
    expect(silent).not.toContain('No response from server');
  });

  it('[WIN-5] a Windows guest drops a closed port too, while a listening one connects; what a machine sends itself is refused', () => {
    const t = vmwareOn('linux');
    expect(t.tcp('linux', 'win', 3389).reachable).toBe(true);
    const closed = t.tcp('linux', 'win', 445);
    expect(closed.why.code).toBe('windows-stealth');
    const win = addressOf(t.network, 'win')!;
    expect(t.exec('linux', `nc -zv -w1 ${win} 445`)).toBe(
      `nc: connect to ${win} port 445 (tcp) timed out: Operation now in progress`,
    );
    expect(t.exec('linux', `nc -zv -w1 ${win} 3389`)).toContain('succeeded');
    // The firewall filters what comes in: the machine's own connection to itself is refused.
    expect(t.tcp('win', 'win', 445).why.code).toBe('refused');
  });

  it('[WIN-5] a VirtualBox NAT forward to a closed port of a Windows guest: accepted on the host, then reset, as for a refusal', () => {
    const t = testLab({
      vms: {
        win: {
          os: 'windows',
          adapters: [
            {
              mode: 'nat',
              portForwards: [
                { name: 'web', proto: 'tcp', hostIp: '', hostPort: 8080, guestIp: '', guestPort: 80 },
              ],
            },
          ],
        },
      },
    });
    expect(t.tcp('host', '127.0.0.1', 8080).why.code).toBe('windows-stealth');
    expect(t.exec('host', 'nc -zv 127.0.0.1 8080')).toContain('succeeded!');
    expect(t.exec('host', 'curl http://127.0.0.1:8080/')).toBe(
      'curl: (56) Recv failure: Connection reset by peer',
    );
  });

  it('[WIN-7] the firewall turned off: echo requests answered, a closed port refused as on Linux', () => {
    const t = lab({ firewall: { enabled: false } });
    expect(t.ping('linux', 'win').reachable).toBe(true);
    expect(t.exec('linux', 'ping -c 1 192.168.56.20')).toContain('icmp_seq=1 ttl=128');
    const closed = t.tcp('linux', 'win', 445);
    expect(closed.why.code).toBe('refused');
    expect(t.exec('linux', 'nc -zv -w1 192.168.56.20 445')).toBe(
      'nc: connect to 192.168.56.20 port 445 (tcp) failed: Connection refused',
    );
    // Off means off: the rules the lab wrote for it no longer drop anything.
    const ruled = lab({ firewall: { enabled: false, icmp: false, allow: ['tcp/22'] } });
    expect(ruled.ping('linux', 'win').reachable).toBe(true);
    expect(ruled.tcp('linux', 'win', 3389).reachable).toBe(true);
    // A Linux guest's firewall off is what it was without one: everything admitted.
    const linuxOff = testLab({
      vms: {
        a: { adapters: [{ mode: 'hostonly' }], firewall: { enabled: false, icmp: false } },
        b: { adapters: [{ mode: 'hostonly' }] },
      },
    });
    expect(linuxOff.ping('b', 'a').reachable).toBe(true);
    expect(linuxOff.tcp('b', 'a', 80).why.code).toBe('refused');
  });

  const windowsHost = (nic: Record<string, unknown>, firewall?: Record<string, unknown>) =>
    testLab({
      host: {
        os: 'windows',
        nics: {
          Ethernet: { lan: 'home', ip: { address: '192.168.1.10/24', gateway: '192.168.1.1' }, ...nic },
        },
        ...(firewall ? { firewall } : {}),
      },
      lans: { home: { devices: { laptop: {} } } },
      vms: { vm: { adapters: [{ mode: 'hostonly' }] } },
    });

  it('[WIN-8] a Windows host on a Public network drops echo requests from the LAN; a Private one answers', () => {
    const pub = windowsHost({ profile: 'public' });
    const dropped = pub.ping('laptop', 'host');
    expect(dropped.reachable).toBe(false);
    expect(dropped.why.code).toBe('firewall-public');
    expect(dropped.reason).toContain('on Ethernet, a Public network');
    expect(chinese(dropped.why)).toContain('公用网络');
    expect(pub.exec('laptop', 'ping -c 1 192.168.1.10')).toContain(
      '1 packets transmitted, 0 received, 100% packet loss',
    );
    // The profile is the LAN connection's: the host-only adapter is not that network.
    expect(pub.ping('vm', 'host').reachable).toBe(true);
    // Private is the default: the host answers, as it did before profiles.
    expect(windowsHost({}).ping('laptop', 'host').reachable).toBe(true);
    expect(windowsHost({ profile: 'private' }).exec('laptop', 'ping -c 1 192.168.1.10')).toContain(
      'icmp_seq=1 ttl=128',
    );
    // The echo rule enabled (for every profile), or the firewall off, answers on Public too.
    expect(windowsHost({ profile: 'public' }, { icmp: true }).ping('laptop', 'host').reachable).toBe(true);
    expect(windowsHost({ profile: 'public' }, { enabled: false }).ping('laptop', 'host').reachable).toBe(
      true,
    );
    // Network categories are Windows': a Linux host ignores them.
    const linux = testLab({
      host: { nics: { eth0: { lan: 'home', profile: 'public' } } },
      lans: { home: { devices: { laptop: {} } } },
    });
    expect(linux.ping('laptop', 'host').reachable).toBe(true);
  });
});
