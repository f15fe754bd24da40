/**
 * IPv6 as a lab without IPv6 configuration still has it (CON-4): every Linux interface
 * with a link gets a link-local address, fe80::/64 with the interface id made from its
 * MAC by modified EUI-64 (RFC 4291 §2.5.1, appendix A: the universal/local bit flipped,
 * ff:fe in the middle — the kernel's default `addr_gen_mode` 0), and `lo` has ::1. So
 * `ip -6 addr`, `ip -6 route` and `ping -6` to a neighbour's link-local address answer as
 * on a real guest; nothing has a global IPv6 address, so everything else is unreachable.
 */
import type { Iface, NetNode } from '../compile/network';

/** `fe80::a00:27ff:fe12:3456` for MAC 08:00:27:12:34:56. */
export function linkLocalOf(mac: string): string {
  const bytes = mac.match(/../g)!.map((pair) => Number.parseInt(pair, 16));
  const id = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, 0xff, 0xfe, bytes[3]!, bytes[4]!, bytes[5]!];
  const groups = [0, 2, 4, 6].map((i) => ((id[i]! << 8) | id[i + 1]!).toString(16));
  return `fe80::${groups.join(':')}`;
}

/**
 * WIN-3: Windows draws a link-local interface id at random (`netsh interface ipv6 set
 * global randomizeidentifiers=enabled`, the default since Vista), so no rule gives it
 * from the MAC. The lab needs the same bytes every time: a stand-in id hashed from the
 * MAC (FNV-1a), which like Windows' own looks nothing like the MAC.
 */
export function windowsLinkLocalOf(mac: string): string {
  const half = (seed: number) => {
    let hash = seed >>> 0;
    for (const c of mac) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
    return [hash >>> 16, hash & 0xffff];
  };
  const groups = [...half(0x811c9dc5), ...half(0x050c5d1f)].map((group) => group.toString(16));
  return `fe80::${groups.join(':')}`;
}

/**
 * Machines the lab can say an interface id of: guests, the host's adapters, LAN devices
 * and routers. The hypervisors' NAT engines and DHCP servers speak no IPv6 on the guests'
 * side.
 */
const SPEAKS_LINK_LOCAL = new Set<NetNode['kind']>(['vm', 'host', 'device', 'router']);

/** The interface's link-local address, or null: no link (the kernel adds it once the carrier is up). */
export function linkLocal(iface: Iface): string | null {
  const node = iface.node;
  if (!iface.up || iface.segment === null || !SPEAKS_LINK_LOCAL.has(node.kind)) return null;
  return node.os === 'windows' ? windowsLinkLocalOf(iface.mac) : linkLocalOf(iface.mac);
}

/** The `inet6` lines `ip addr` prints under an interface. */
export function inet6Lines(iface: Iface): string[] {
  const address = linkLocal(iface);
  if (address === null) return [];
  return [`    inet6 ${address}/64 scope link `, '       valid_lft forever preferred_lft forever'];
}

export const LOOPBACK_INET6 = [
  '    inet6 ::1/128 scope host ',
  '       valid_lft forever preferred_lft forever',
];

/** `ip -6 route`: ::1 on lo, then fe80::/64 on every interface with a link-local address. */
export function ipv6Routes(node: NetNode): string {
  const lines = ['::1 dev lo proto kernel metric 256 pref medium'];
  for (const iface of node.ifaces) {
    if (linkLocal(iface) !== null)
      lines.push(`fe80::/64 dev ${iface.name} proto kernel metric 256 pref medium`);
  }
  return lines.join('\n');
}

/** A textual IPv6 address (with an optional %zone), normalised to how the tools print it. */
export function parseIpv6(text: string): { address: string; zone: string | null } | null {
  const [address, zone, extra] = text.split('%');
  if (extra !== undefined || address === undefined || !address.includes(':')) return null;
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.split('::').length > 2) return null;
  const halves = address.split('::');
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((group) => group.length === 0 || group.length > 4)) return null;
  return { address: compress(groups.map((group) => Number.parseInt(group, 16))), zone: zone ?? null };
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as ::. */
function compress(groups: number[]): string {
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** Who answers `address` on the interface's segment (neighbour discovery), if anyone. */
export function linkLocalOwner(iface: Iface, address: string): Iface | null {
  if (iface.segment === null) return null;
  for (const other of iface.segment.ifaces) if (linkLocal(other) === address) return other;
  return null;
}
