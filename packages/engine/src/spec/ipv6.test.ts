/** CON-4: the IPv6 every Linux guest has without configuration — link-local addresses and ::1. */
import { describe, expect, it } from 'vitest';
import { linkLocalOf, parseIpv6 } from '../console/ipv6';
import { testLab } from '../testing/labs';

const lab = (extra: Record<string, unknown> = {}) =>
  testLab({
    internalNetworks: { intnet: {} },
    vms: {
      a: { adapters: [{ mode: 'internal', ip: { address: '10.1.1.1/24' } }, { mode: 'nat' }] },
      b: { adapters: [{ mode: 'internal', ip: { address: '10.1.1.2/24' } }] },
      down: { adapters: [{ mode: 'internal', cable: false, ip: { address: '10.1.1.3/24' } }] },
      ...extra,
    },
  });

const macOf = (t: ReturnType<typeof lab>, vm: string) => t.network.nodes.get(vm)!.ifaces[0]!.mac;

describe('[CON-4] IPv6 link-local', () => {
  it('[CON-4] the interface id is the MAC by modified EUI-64 (RFC 4291 appendix A)', () => {
    expect(linkLocalOf('080027123456')).toBe('fe80::a00:27ff:fe12:3456');
    expect(linkLocalOf('525400abcdef')).toBe('fe80::5054:ff:feab:cdef');
    expect(linkLocalOf('00155d010203')).toBe('fe80::215:5dff:fe01:203');
    expect(parseIpv6('FE80:0:0:0:0A00:27FF:FE12:3456%enp0s3')).toEqual({
      address: 'fe80::a00:27ff:fe12:3456',
      zone: 'enp0s3',
    });
    expect(parseIpv6('2001:db8::1')?.address).toBe('2001:db8::1');
    expect(parseIpv6('10.0.2.2')).toBeNull();
    expect(parseIpv6('1::2::3')).toBeNull();
  });

  it('[CON-4] ip addr and ip -6 addr print ::1 and an address per interface with a link, ip -6 route its routes', () => {
    const t = lab();
    const a = linkLocalOf(macOf(t, 'a'));
    const addr = t.exec('a', 'ip addr');
    expect(addr).toContain('    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever');
    expect(addr).toContain(`    inet6 ${a}/64 scope link \n       valid_lft forever preferred_lft forever`);
    // After the interface's inet lines, as iproute2 orders them.
    expect(addr.indexOf('inet 10.1.1.1/24')).toBeLessThan(addr.indexOf(`inet6 ${a}`));
    const six = t.exec('a', 'ip -6 addr');
    expect(six).not.toContain('link/ether');
    expect(six).not.toContain('inet ');
    expect(six).toContain(`inet6 ${a}/64 scope link`);
    expect(t.exec('a', 'ip -4 addr')).not.toContain('inet6');
    expect(t.exec('a', 'ip -br addr')).toContain(`10.1.1.1/24 ${a}/64 `);
    expect(t.exec('a', 'ip -6 route')).toBe(
      [
        '::1 dev lo proto kernel metric 256 pref medium',
        'fe80::/64 dev enp0s3 proto kernel metric 256 pref medium',
        'fe80::/64 dev enp0s8 proto kernel metric 256 pref medium',
      ].join('\n'),
    );
    // No carrier, no link-local address (the kernel adds it when the link comes up).
    expect(t.exec('down', 'ip -6 addr')).not.toContain('fe80::');
  });

  it('[CON-4] ping -6 and ping6: ::1, a neighbour by its link-local address and interface, nobody, no zone', () => {
    const t = lab();
    const b = linkLocalOf(macOf(t, 'b'));
    const a = linkLocalOf(macOf(t, 'a'));
    const loop = t.run('a', 'ping -6 -c 1 ::1');
    expect(loop.output).toMatch(
      /^PING ::1 \(::1\) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64 time=/,
    );
    expect(loop.exitCode).toBe(0);
    const neighbour = t.run('a', `ping6 -c 2 ${b}%enp0s3`);
    expect(neighbour.output).toContain(`PING ${b}%enp0s3 (${b}%enp0s3) 56 data bytes`);
    expect(neighbour.output).toContain(`64 bytes from ${b}%enp0s3: icmp_seq=2 ttl=64 time=`);
    expect(neighbour.output).toContain('2 packets transmitted, 2 received, 0% packet loss');
    // Given as an IPv6 address, plain ping uses IPv6 too.
    expect(t.run('a', `ping -c 1 ${b}%enp0s3`).exitCode).toBe(0);
    // Out of the NAT adapter, b is not a neighbour: neighbour discovery fails.
    const wrongLink = t.run('a', `ping -6 -c 1 ${b}%enp0s8`);
    expect(wrongLink.output).toContain(
      `From ${linkLocalOf(t.network.nodes.get('a')!.ifaces[1]!.mac)}%enp0s8 icmp_seq=1 Destination unreachable: Address unreachable`,
    );
    expect(wrongLink.output).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    expect(wrongLink.exitCode).toBe(1);
    const noZone = t.run('a', `ping -6 -c 1 ${b}`);
    expect(noZone.output).toContain('may require ifname or scope-id');
    expect(noZone.output).toContain('ping: connect: Invalid argument');
    expect(noZone.exitCode).toBe(2);
    expect(t.run('a', `ping -6 -c 1 ${a}%enp0s3`).exitCode).toBe(0);
    expect(t.run('a', 'ping -6 -c 1 2001:db8::1').output).toBe('ping: connect: Network is unreachable');
    expect(t.run('a', 'ping -6 -c 1 10.1.1.2').output).toBe(
      'ping: 10.1.1.2: Address family for hostname not supported',
    );
    expect(t.run('a', 'ping -4 -c 1 ::1').output).toBe(
      'ping: ::1: Address family for hostname not supported',
    );
  });

  it("[CON-4] [WIN-3] a firewall that drops ICMP drops echo requests over IPv6 too; a Windows guest's id is not its MAC's EUI-64", () => {
    const t = lab({
      walled: { adapters: [{ mode: 'internal', ip: { address: '10.1.1.4/24' } }], firewall: { icmp: false } },
      win: { os: 'windows', adapters: [{ mode: 'internal', ip: { address: '10.1.1.5/24' } }] },
    });
    const walled = t.run('a', `ping -6 -c 1 ${linkLocalOf(macOf(t, 'walled'))}%enp0s3`);
    expect(walled.output).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(walled.output).not.toContain('Destination unreachable');
    const win = t.run('a', `ping -6 -c 1 ${linkLocalOf(macOf(t, 'win'))}%enp0s3`);
    expect(win.output).toContain('Address unreachable');
  });

  it('[CON-4] ip -6 neigh lists no IPv4 neighbour: the lab has no IPv6 router to cache', () => {
    const t = lab();
    expect(t.exec('a', 'ip neigh')).toContain('10.0.3.2 dev enp0s8 lladdr 52:54:00:12:35:02');
    expect(t.exec('a', 'ip -6 neigh')).toBe('');
  });
});

describe('[VB-BR-3] IPv6 over a bridge to Wi-Fi', () => {
  it('[VB-BR-3] the VM and the LAN reach each other by link-local address; the VM keeps its own EUI-64 id', () => {
    const t = testLab({
      host: { nics: { wlan0: { kind: 'wifi', lan: 'home' } } },
      lans: { home: { devices: { laptop: { firewall: { icmp: true } } } } },
      vms: { web: { adapters: [{ mode: 'bridged', network: 'wlan0' }] } },
    });
    const web = t.network.nodes.get('web')!.ifaces[0]!;
    const laptop = t.network.nodes.get('laptop')!.ifaces[0]!;
    const hostWifi = t.network.host.ifaces.find((iface) => iface.name === 'wlan0')!;
    // IPv4: the LAN sees the host's Wi-Fi MAC for the VM (VB-BR-2) …
    expect(web.wireMac).toBe(hostWifi.mac);
    // … IPv6: the guest made its link-local address from its own MAC, and VirtualBox only
    // rewrites the MAC inside NDP, so the address still shows the guest's MAC.
    expect(linkLocalOf(web.mac)).not.toBe(linkLocalOf(hostWifi.mac));
    expect(t.exec('web', 'ip -br addr')).toContain(`${linkLocalOf(web.mac)}/64`);
    const fromLan = t.run('laptop', `ping -6 -c 1 ${linkLocalOf(web.mac)}%${laptop.name}`);
    expect(fromLan.output).toContain(`64 bytes from ${linkLocalOf(web.mac)}%${laptop.name}: icmp_seq=1`);
    expect(t.run('web', `ping -6 -c 1 ${linkLocalOf(laptop.mac)}%${web.name}`).exitCode).toBe(0);
    expect(t.run('host', `ping -6 -c 1 ${linkLocalOf(web.mac)}%wlan0`).exitCode).toBe(0);
  });
});
