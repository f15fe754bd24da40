/**
 * Name resolution as a guest does it: an address is used as is; `localhost` and the
 * machine's own hostname come from /etc/hosts (Debian and Ubuntu map the hostname to
 * 127.0.1.1); any other name goes to the first nameserver of resolv.conf over UDP 53.
 * Only internet names exist in DNS: VirtualBox's NAT DNS proxies to the host's
 * resolvers, VMware's NAT device forwards upstream, and neither registers the lab's
 * machines, so `ping db` fails on a real network too (unless a hosts file says it).
 */
import { type Ipv4, parseIpv4 } from '@vnetlab/shared';
import { ICS_DOMAIN } from '../compile/ics';
import type { NetNode, Network } from '../compile/network';
import { INTERNET_PROBE_ADDRESS } from '../probe/endpoints';
import { attempt } from '../probe/probe';

export type Resolution =
  | { readonly ok: true; readonly ip: Ipv4 }
  | { readonly ok: false; readonly error: 'no-dns' | 'unknown-name' };

/** What one DNS query to one server gets back. */
export type Lookup =
  | { readonly kind: 'answer'; readonly ip: Ipv4; readonly hops: number }
  | { readonly kind: 'nxdomain'; readonly hops: number }
  /** Nothing listens on udp/53 there: an ICMP port unreachable comes back. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'timeout' };

/** Top-level domains the simulated internet answers for; anything else is NXDOMAIN, as the root says. */
const PUBLIC_TLDS = new Set(
  'com org net edu gov io dev app info biz co uk de fr cn jp ru br in it nl es eu us ca au ch se no me tv xyz'.split(
    ' ',
  ),
);

export function nameservers(node: NetNode): Ipv4[] {
  const out: Ipv4[] = [];
  for (const iface of node.ifaces)
    if (iface.up) for (const dns of iface.dns) if (!out.includes(dns)) out.push(dns);
  return out;
}

/**
 * The search domains the machine's DHCP leases gave it (option 15, VMW-15), in interface
 * order: NetworkManager's `search` line, Windows' "DNS Suffix Search List".
 */
export function searchDomains(node: NetNode): string[] {
  const out: string[] = [];
  for (const iface of node.ifaces) {
    const domain = iface.up && iface.addressing.kind === 'dhcp' ? iface.addressing.domain : null;
    if (domain !== null && !out.includes(domain)) out.push(domain);
  }
  return out;
}

export function resolveName(network: Network, node: NetNode, name: string): Resolution {
  const literal = parseIpv4(name);
  if (literal !== null) return { ok: true, ip: literal };
  const hosts = fromHostsFile(node, name) ?? fromHostsIcs(network, node, name);
  if (hosts !== null) return { ok: true, ip: hosts };
  const server = nameservers(node)[0];
  if (server === undefined) return { ok: false, error: 'no-dns' };
  // glibc does not send a single-label name without a search domain to DNS.
  if (!name.includes('.')) {
    const reachable = queryServer(network, node, server, 'example.com');
    return { ok: false, error: reachable.kind === 'answer' ? 'unknown-name' : 'no-dns' };
  }
  const lookup = queryServer(network, node, server, name);
  switch (lookup.kind) {
    case 'answer':
      return { ok: true, ip: lookup.ip };
    case 'nxdomain':
      return { ok: false, error: 'unknown-name' };
    case 'refused':
    case 'timeout':
      return { ok: false, error: 'no-dns' };
    default: {
      const unexpected: never = lookup;
      throw new Error(`unknown lookup ${JSON.stringify(unexpected)}`);
    }
  }
}

export function fromHostsFile(node: NetNode, name: string): Ipv4 | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost') return 0x7f000001;
  if (node.kind === 'vm' && lower === node.id.toLowerCase()) return 0x7f000101;
  return null;
}

/**
 * HV-6: a Windows host running ICS (Hyper-V's Default Switch, an adapter it shares) writes
 * each client it leased an address to in its hosts.ics as `NAME.mshome.net`, so the host
 * resolves its guests by that name. The guests have no such file.
 */
function fromHostsIcs(network: Network, node: NetNode, name: string): Ipv4 | null {
  if (node.kind !== 'host' || node.os !== 'windows') return null;
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (!lower.endsWith(`.${ICS_DOMAIN}`)) return null;
  const label = lower.slice(0, -ICS_DOMAIN.length - 1);
  for (const client of network.nodes.values()) {
    if (client.kind !== 'vm' || client.id.toLowerCase() !== label) continue;
    for (const iface of client.ifaces) {
      const leased = iface.up && iface.addressing.kind === 'dhcp' && iface.addressing.domain === ICS_DOMAIN;
      if (leased && iface.addrs[0]) return iface.addrs[0].ip;
    }
  }
  return null;
}

export function queryServer(network: Network, node: NetNode, server: Ipv4, name: string, port = 53): Lookup {
  const asked = attempt(network, node, server, 'udp', port);
  if (!asked.ok) return asked.why.code === 'refused' ? { kind: 'refused' } : { kind: 'timeout' };
  // The nameserver answers only if it can itself reach the internet's DNS.
  const upstream =
    asked.at.kind === 'internet'
      ? asked
      : attempt(network, upstreamOf(network, asked.at), INTERNET_PROBE_ADDRESS, 'udp', 53);
  if (!upstream.ok) return { kind: 'timeout' };
  const hops = asked.hops.length + (upstream === asked ? 0 : upstream.hops.length);
  const lower = name.toLowerCase().replace(/\.$/, '');
  const tld = lower.split('.').at(-1) ?? '';
  if (!name.includes('.') || !PUBLIC_TLDS.has(tld)) return { kind: 'nxdomain', hops };
  // HV-6: ICS's clients are named in the host's hosts.ics, not in DNS: mshome.net has no such names.
  if (lower.endsWith(`.${ICS_DOMAIN}`)) return { kind: 'nxdomain', hops };
  return { kind: 'answer', ip: INTERNET_PROBE_ADDRESS, hops };
}

/** A NAT engine's DNS proxy asks the host's resolver; a router asks upstream itself. */
function upstreamOf(network: Network, server: NetNode): NetNode {
  return server.nat.kind === 'host-proxy' ? network.host : server;
}
