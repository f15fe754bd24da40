/**
 * `ipconfig` and `ipconfig /all` as Windows 10/11 print them: each connected adapter's
 * link-local IPv6 address with its zone (`%3`, the interface index; WIN-3), then IPv4.
 * The lease dates and the DHCPv6 IAID/DUID of /all are left out (a clock): same lab,
 * same bytes.
 * A DHCP client that got no answer shows its APIPA address (169.254/16), as Windows does.
 */
import { formatIpv4, maskOf } from '@vnetlab/shared';
import type { Iface, NetNode, Network } from '../../compile/network';
import { linkLocal } from '../ipv6';
import { dashedMac, winAdapters } from './names';

/** Windows pads a label with dots on even columns and spaces on odd ones, up to column 34. */
export function field(label: string, value: string): string {
  let padded = label;
  while (padded.length < 34) padded += padded.length % 2 === 0 ? '.' : ' ';
  return `   ${padded}: ${value}`;
}

export function ipconfig(network: Network, node: NetNode, all: boolean): string {
  const lines = ['', 'Windows IP Configuration', ''];
  if (all) {
    lines.push(
      field('Host Name', node.id),
      field('Primary Dns Suffix ', ''),
      field('Node Type', 'Hybrid'),
      field('IP Routing Enabled', node.forwardsFrom === 'all' ? 'Yes' : 'No'),
      field('WINS Proxy Enabled', 'No'),
    );
  }
  lines.push('');
  for (const adapter of winAdapters(network, node)) {
    const iface = adapter.iface;
    lines.push(`${adapter.title}:`, '');
    if (!iface.up) {
      lines.push(field('Media State', 'Media disconnected'), field('Connection-specific DNS Suffix ', ''));
      if (all)
        lines.push(
          field('Description', adapter.description),
          field('Physical Address', dashedMac(iface.mac)),
          field('DHCP Enabled', dhcp(iface) ? 'Yes' : 'No'),
          field('Autoconfiguration Enabled', 'Yes'),
        );
      lines.push('');
      continue;
    }
    lines.push(field('Connection-specific DNS Suffix ', ''));
    if (all)
      lines.push(
        field('Description', adapter.description),
        field('Physical Address', dashedMac(iface.mac)),
        field('DHCP Enabled', dhcp(iface) ? 'Yes' : 'No'),
        field('Autoconfiguration Enabled', 'Yes'),
      );
    const address = iface.addrs[0];
    const preferred = all ? '(Preferred) ' : '';
    const local6 = linkLocal(iface);
    if (local6 !== null)
      lines.push(field('Link-local IPv6 Address', `${local6}%${adapter.index}${preferred}`));
    if (address) {
      lines.push(
        field('IPv4 Address', `${formatIpv4(address.ip)}${preferred}`),
        field('Subnet Mask', formatIpv4(maskOf(address.prefix))),
      );
    } else if (iface.addressing.kind === 'dhcp-failed') {
      lines.push(
        field('Autoconfiguration IPv4 Address', `${apipa(iface.mac)}${preferred}`),
        field('Subnet Mask', '255.255.0.0'),
      );
    }
    const gateway =
      iface.addressing.kind === 'dhcp' || iface.addressing.kind === 'static'
        ? iface.addressing.gateway
        : null;
    lines.push(field('Default Gateway', gateway === null ? '' : formatIpv4(gateway)));
    if (all) {
      if (iface.addressing.kind === 'dhcp')
        lines.push(field('DHCP Server', formatIpv4(iface.addressing.server)));
      const dns = iface.dns;
      if (dns.length > 0) {
        lines.push(field('DNS Servers', formatIpv4(dns[0]!)));
        for (const more of dns.slice(1)) lines.push(`${' '.repeat(39)}${formatIpv4(more)}`);
      }
      lines.push(field('NetBIOS over Tcpip', 'Enabled'));
    }
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '');
}

function dhcp(iface: Iface): boolean {
  return iface.addressing.kind === 'dhcp' || iface.addressing.kind === 'dhcp-failed';
}

/** Windows picks 169.254.x.y from a hash of the adapter; deterministic here from its MAC. */
function apipa(mac: string): string {
  const n = Number.parseInt(mac.slice(-4), 16);
  return `169.254.${1 + ((n >> 8) % 254)}.${1 + ((n & 255) % 254)}`;
}
