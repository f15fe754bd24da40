/**
 * IPv4 addresses as unsigned 32-bit integers: cheap to compare, mask and index,
 * and formatted back to dotted quads only at the edges (reasons, console output).
 */
export type Ipv4 = number;

export interface Cidr {
  readonly ip: Ipv4;
  readonly prefix: number;
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): Ipv4 | null {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i]!;
    // "010" is octal to some tools and decimal to others: refuse the ambiguity.
    if (part.length > 1 && part.startsWith('0')) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

export function formatIpv4(ip: Ipv4): string {
  const known = formatted.get(ip);
  if (known !== undefined) return known;
  const text = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
  // A lab has a few thousand addresses, each said in many reasons: keep one string per address.
  if (formatted.size >= 65_536) formatted.clear();
  formatted.set(ip, text);
  return text;
}

const formatted = new Map<Ipv4, string>();

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null || !/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > 32) return null;
  return { ip, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.ip)}/${cidr.prefix}`;
}

export function maskOf(prefix: number): Ipv4 {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkOf(ip: Ipv4, prefix: number): Ipv4 {
  return (ip & maskOf(prefix)) >>> 0;
}

export function broadcastOf(ip: Ipv4, prefix: number): Ipv4 {
  return (networkOf(ip, prefix) | (~maskOf(prefix) >>> 0)) >>> 0;
}

export function inSubnet(ip: Ipv4, net: Cidr): boolean {
  return networkOf(ip, net.prefix) === networkOf(net.ip, net.prefix);
}

/** The address `offset` hosts into a subnet: hostIn(10.0.2.0/24, 15) = 10.0.2.15. */
export function hostIn(net: Cidr, offset: number): Ipv4 {
  return (networkOf(net.ip, net.prefix) + offset) >>> 0;
}

const PRIVATE_RANGES: readonly Cidr[] = [
  { ip: 0x0a000000, prefix: 8 }, // 10/8
  { ip: 0xac100000, prefix: 12 }, // 172.16/12
  { ip: 0xc0a80000, prefix: 16 }, // 192.168/16
  { ip: 0x7f000000, prefix: 8 }, // loopback
  { ip: 0xa9fe0000, prefix: 16 }, // link-local
  { ip: 0x64400000, prefix: 10 }, // carrier-grade NAT
  { ip: 0x00000000, prefix: 8 },
  { ip: 0xe0000000, prefix: 3 }, // multicast and reserved
];

/** An address the internet routes: not private, loopback, link-local, CGNAT or multicast. */
export function isPublic(ip: Ipv4): boolean {
  return !PRIVATE_RANGES.some((range) => inSubnet(ip, range));
}

export function isLoopback(ip: Ipv4): boolean {
  return ip >>> 24 === 127;
}
