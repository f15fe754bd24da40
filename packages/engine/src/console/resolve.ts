/**
 * Name resolution as a guest does it: an address is used as is; a name goes to
 * the first nameserver of resolv.conf over UDP 53, and only internet names exist
 * (the lab's machines are not in any DNS, just as on a real network).
 */
import { type Ipv4, parseIpv4 } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import { INTERNET_PROBE_ADDRESS } from '../probe/endpoints';
import { attempt } from '../probe/probe';

export type Resolution =
  | { readonly ok: true; readonly ip: Ipv4 }
  | { readonly ok: false; readonly error: 'no-dns' | 'unknown-name' };

export function nameservers(node: NetNode): Ipv4[] {
  const out: Ipv4[] = [];
  for (const iface of node.ifaces)
    if (iface.up) for (const dns of iface.dns) if (!out.includes(dns)) out.push(dns);
  return out;
}

export function resolveName(network: Network, node: NetNode, name: string): Resolution {
  const literal = parseIpv4(name);
  if (literal !== null) return { ok: true, ip: literal };
  if (name === 'localhost') return { ok: true, ip: 0x7f000001 };
  const server = nameservers(node)[0];
  if (server === undefined) return { ok: false, error: 'no-dns' };
  const asked = attempt(network, node, server, 'udp', 53);
  if (!asked.ok) return { ok: false, error: 'no-dns' };
  // The nameserver answers names only if it can itself reach the internet's DNS.
  const upstream =
    asked.at.kind === 'internet'
      ? asked
      : attempt(network, upstreamOf(network, asked.at), INTERNET_PROBE_ADDRESS, 'udp', 53);
  if (!upstream.ok) return { ok: false, error: 'no-dns' };
  if (!name.includes('.')) return { ok: false, error: 'unknown-name' };
  return { ok: true, ip: INTERNET_PROBE_ADDRESS };
}

/** A NAT engine's DNS proxy asks the host's resolver; a router asks upstream itself. */
function upstreamOf(network: Network, server: NetNode): NetNode {
  return server.nat.kind === 'host-proxy' ? network.host : server;
}
