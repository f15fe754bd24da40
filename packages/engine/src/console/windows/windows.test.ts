/** cmd.exe on a Windows guest or host: ipconfig, ping -n, tracert, route print, arp -a. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../../testing/labs';
import { windowsLinkLocalOf } from '../ipv6';

const lab = testLab({
  host: { os: 'windows' },
  vms: {
    win: {
      os: 'windows',
      adapters: [{ mode: 'nat' }, { mode: 'hostonly' }, { mode: 'hostonly', cable: false }],
    },
    web: { adapters: [{ mode: 'hostonly', ip: { address: '192.168.56.10/24' } }] },
  },
});

describe('Windows console', () => {
  it('ipconfig: one block per adapter, Windows names, dotted labels, a disconnected cable', () => {
    const ifaces = lab.network.nodes.get('win')!.ifaces;
    const local6 = (i: number) =>
      `   Link-local IPv6 Address . . . . . : ${windowsLinkLocalOf(ifaces[i]!.mac)}%${[3, 7][i]}`;
    expect(lab.exec('win', 'ipconfig').split('\n')).toEqual([
      '',
      'Windows IP Configuration',
      '',
      '',
      'Ethernet adapter Ethernet:',
      '',
      '   Connection-specific DNS Suffix  . : ',
      local6(0),
      '   IPv4 Address. . . . . . . . . . . : 10.0.2.15',
      '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
      '   Default Gateway . . . . . . . . . : 10.0.2.2',
      '',
      'Ethernet adapter Ethernet 2:',
      '',
      '   Connection-specific DNS Suffix  . : ',
      local6(1),
      '   IPv4 Address. . . . . . . . . . . : 192.168.56.101',
      '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
      '   Default Gateway . . . . . . . . . : ',
      '',
      'Ethernet adapter Ethernet 3:',
      '',
      '   Media State . . . . . . . . . . . : Media disconnected',
      '   Connection-specific DNS Suffix  . : ',
    ]);
  });

  it('ipconfig /all: host name, adapter description, MAC with dashes, DHCP server and DNS', () => {
    const all = lab.exec('win', 'IPCONFIG /ALL');
    expect(all).toContain('   Host Name . . . . . . . . . . . . : win');
    expect(all).toContain('   Description . . . . . . . . . . . : Intel(R) PRO/1000 MT Desktop Adapter\n');
    expect(all).toMatch(/ {3}Physical Address\. \. \. \. \. \. \. \. \. : 08-00-27(-[0-9A-F]{2}){3}\n/);
    expect(all).toContain('   IPv4 Address. . . . . . . . . . . : 10.0.2.15(Preferred) ');
    expect(all).toContain('   DHCP Server . . . . . . . . . . . : 10.0.2.2');
    expect(all).toContain('   DNS Servers . . . . . . . . . . . : 10.0.2.3');
    expect(lab.exec('host', 'ipconfig')).toContain('Ethernet adapter VirtualBox Host-Only Network:');
  });

  it('[WIN-4] ipconfig /all: DHCPv6 IAID per adapter, one DUID-LLT for the machine, between DHCP Server and DNS Servers', () => {
    const all = lab.exec('win', 'ipconfig /all');
    const ifaces = lab.network.nodes.get('win')!.ifaces;
    const mac = ifaces[0]!.mac.toUpperCase().match(/../g)!.join('-');
    const first = all.split('Ethernet adapter Ethernet 2:')[0]!.split('\n');
    const at = first.indexOf('   DHCP Server . . . . . . . . . . . : 10.0.2.2');
    // VirtualBox's 08:00:27 under the adapter's byte 3, as Windows prints 50855975.
    expect(first[at + 1]).toBe('   DHCPv6 IAID . . . . . . . . . . . : 50855975');
    expect(first[at + 2]).toMatch(
      new RegExp(
        `^ {3}DHCPv6 Client DUID\\. \\. \\. \\. \\. \\. \\. \\. : 00-01-00-01(-[0-9A-F]{2}){4}-${mac}$`,
      ),
    );
    expect(first[at + 3]).toBe('   DNS Servers . . . . . . . . . . . : 10.0.2.3');
    // One DUID for the whole machine, an IAID of its own for each adapter with IPv6.
    const duids = all.match(/DHCPv6 Client DUID[ .]*: (\S+)/g)!;
    expect(duids).toHaveLength(2);
    expect(new Set(duids).size).toBe(1);
    expect(all.match(/DHCPv6 IAID[ .]*: (\d+)/g)).toEqual([
      '   DHCPv6 IAID . . . . . . . . . . . : 50855975'.trim(),
      '   DHCPv6 IAID . . . . . . . . . . . : 117964839'.trim(),
    ]);
    // The disconnected adapter has none; plain ipconfig shows neither; same lab, same bytes.
    expect(all.split('Ethernet adapter Ethernet 3:')[1]).not.toContain('DHCPv6');
    expect(lab.exec('win', 'ipconfig')).not.toContain('DHCPv6');
    expect(lab.exec('win', 'ipconfig /all')).toBe(all);
    // A static adapter has them too (no DHCP Server line above them).
    expect(lab.exec('host', 'ipconfig /all')).toMatch(/Default Gateway[ .]*: \n {3}DHCPv6 IAID/);
  });

  it('ping -n: replies with TTL, statistics in Windows words; a silent target times out', () => {
    expect(lab.exec('win', 'ping -n 2 10.0.2.4').split('\n')).toEqual([
      '',
      'Pinging 10.0.2.4 with 32 bytes of data:',
      'Reply from 10.0.2.4: bytes=32 time<1ms TTL=64',
      'Reply from 10.0.2.4: bytes=32 time<1ms TTL=64',
      '',
      'Ping statistics for 10.0.2.4:',
      '    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss),',
      'Approximate round trip times in milli-seconds:',
      '    Minimum = 0ms, Maximum = 0ms, Average = 0ms',
    ]);
    expect(lab.exec('win', 'ping -n 1 -l 100 example.com')).toContain(
      'Pinging example.com [93.184.215.14] with 100 bytes of data:',
    );
    const lost = lab.run('win', 'ping -n 1 192.168.56.77');
    expect(lost.output).toContain('Reply from 192.168.56.101: Destination host unreachable.');
    expect(lab.run('win', 'ping db').output).toBe(
      'Ping request could not find host db. Please check the name and try again.',
    );
    expect(lab.exec('win', 'ping -n 0 10.0.2.2')).toBe(
      'Bad value for option -n, valid range is from 1 to 4294967295.',
    );
  });

  it('tracert, route print, arp -a', () => {
    expect(lab.exec('win', 'tracert -h 2 93.184.215.14').split('\n')).toEqual([
      '',
      'Tracing route to 93.184.215.14 over a maximum of 2 hops',
      '',
      '  1    <1 ms    <1 ms    <1 ms  10.0.2.2',
      '  2     *        *        *     Request timed out.',
      '',
      'Trace complete.',
    ]);
    const routes = lab.exec('win', 'route print');
    expect(routes).toContain('Network Destination        Netmask          Gateway       Interface  Metric');
    expect(routes).toContain('          0.0.0.0          0.0.0.0         10.0.2.2        10.0.2.15     25');
    expect(routes).toContain('         10.0.2.0    255.255.255.0         On-link         10.0.2.15    281');
    expect(routes).toContain('  1...........................Software Loopback Interface 1');
    const arp = lab.exec('win', 'arp -a');
    expect(arp).toContain(
      'Interface: 10.0.2.15 --- 0x3\n  Internet Address      Physical Address      Type\n  10.0.2.2              52-54-00-12-35-02     dynamic',
    );
  });

  it('nslookup in Windows words; curl.exe, with single quotes passed through as cmd does', () => {
    expect(lab.exec('win', 'nslookup example.com')).toBe(
      'Server:  UnKnown\nAddress:  10.0.2.3\n\nNon-authoritative answer:\nName:    example.com\nAddress:  93.184.215.14\n',
    );
    expect(lab.run('win', 'nslookup web')).toMatchObject({
      output: "Server:  UnKnown\nAddress:  10.0.2.3\n\n*** UnKnown can't find web: Non-existent domain\n",
      exitCode: 1,
    });
    expect(lab.exec('win', "curl -s -o NUL -w '%{http_code}' http://example.com/")).toBe("'200'");
    expect(lab.exec('win', 'curl -s -o NUL -w "%{http_code}" http://example.com/')).toBe('200');
  });

  it("an unknown program gets cmd's sentence, exit 9009", () => {
    expect(lab.run('win', 'ifconfig')).toMatchObject({
      output:
        "'ifconfig' is not recognized as an internal or external command,\noperable program or batch file.",
      exitCode: 9009,
    });
  });
});
