/**
 * `ipconfig` and `ipconfig /all` as Windows 10/11 print them: each connected adapter's
 * link-local IPv6 address with its zone (`%3`, the interface index; WIN-3), then IPv4.
 * /all's DHCPv6 IAID and Client DUID are shown as Windows builds them (WIN-4), with a
 * stand-in for the DUID's clock; the lease dates are left out (a clock): same lab, same
 * bytes.
 * A DHCP client that got no answer shows its APIPA address (169.254/16), as Windows does.
 */
import { formatIpv4, maskOf } from '@vnetlab/shared';
import type { Iface, NetNode, Network } from '../../compile/network';
import { linkLocal } from '../ipv6';
import { searchDomains } from '../resolve';
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
    // VMW-15: the leases' domains are the suffixes Windows appends to a short name.
    const search = searchDomains(node);
    if (search.length > 0) {
      lines.push(field('DNS Suffix Search List', search[0]!));
      for (const more of search.slice(1)) lines.push(`${' '.repeat(39)}${more}`);
    }
  }
  lines.push('');
  const adapters = winAdapters(network, node);
  const duid = adapters[0] ? clientDuid(adapters[0].iface.mac) : '';
  for (const adapter of adapters) {
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
    const suffix = iface.addressing.kind === 'dhcp' ? (iface.addressing.domain ?? '') : '';
    lines.push(field('Connection-specific DNS Suffix ', suffix));
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
      // WIN-4: every adapter with IPv6 has its IAID; the DUID is the machine's, one for all.
      if (local6 !== null)
        lines.push(
          field('DHCPv6 IAID', String(iaid(adapter.index, iface.mac))),
          field('DHCPv6 Client DUID', duid),
        );
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

/**
 * WIN-4: the IAID Windows gives an adapter: a byte of its own (the interface index here)
 * over the MAC's first three bytes — 50855975 (0x03080027) for a first VirtualBox adapter,
 * 50334761 (0x03000C29) for a VMware one, as ipconfig /all prints them.
 */
export function iaid(index: number, mac: string): number {
  return ((index & 0xff) * 0x1000000 + Number.parseInt(mac.slice(0, 6), 16)) >>> 0;
}

/**
 * WIN-4: the machine's DHCPv6 DUID, a DUID-LLT (RFC 8415 §11.2: type 1, hardware type 1,
 * the seconds since 2000-01-01 when it was made, a MAC of the machine). The time is a
 * stand-in hashed from the MAC (FNV-1a), so the same lab prints the same bytes.
 */
export function clientDuid(mac: string): string {
  let hash = 0x811c9dc5;
  for (const c of mac) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  // A date from late 2014 to late 2024, as a Windows installed then has.
  const seconds = 0x1c000000 + (hash % 0x12c00000);
  const time = seconds.toString(16).padStart(8, '0');
  return dashedMac(`00010001${time}${mac}`);
}
