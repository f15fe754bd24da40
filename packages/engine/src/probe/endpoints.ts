/**
 * Names a student types -> nodes: a VM (id or display name), "host", a LAN device,
 * and — as a target only — "internet".
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';

/** Where "the internet" is when a probe names it: example.com's address. */
export const INTERNET_PROBE_ADDRESS = parseIpv4('93.184.215.14')!;

export type Target =
  | { readonly kind: 'node'; readonly node: NetNode }
  | { readonly kind: 'address'; readonly ip: Ipv4 }
  | { readonly kind: 'unknown'; readonly name: string };

const ENDPOINT_KINDS = new Set(['vm', 'host', 'device']);

export function findEndpoint(network: Network, name: string): NetNode | null {
  const byId = network.nodes.get(name);
  if (byId && (ENDPOINT_KINDS.has(byId.kind) || byId.kind === 'internet')) return byId;
  for (const node of network.nodes.values()) {
    if (node.kind === 'vm' && node.label === name) return node;
  }
  return null;
}

export function resolveTarget(network: Network, to: string): Target {
  const ip = parseIpv4(to);
  if (ip !== null) return { kind: 'address', ip };
  const node = findEndpoint(network, to);
  return node ? { kind: 'node', node } : { kind: 'unknown', name: to };
}

export function isSource(node: NetNode): boolean {
  return ENDPOINT_KINDS.has(node.kind);
}

/** Every address a node has, in interface order: what "any way" tries first. */
export function addressesOf(node: NetNode): readonly Ipv4[] {
  const known = addressCache.get(node);
  if (known) return known;
  const out: Ipv4[] = [];
  // "The internet" is every public address; a probe to it tries one well-known one.
  if (node.kind === 'internet') out.push(INTERNET_PROBE_ADDRESS);
  else {
    for (const iface of node.ifaces)
      for (const address of iface.addrs) if (!out.includes(address.ip)) out.push(address.ip);
  }
  addressCache.set(node, out);
  return out;
}

/** A compiled network never changes, so each node's addresses are listed once (the matrix asks a million times). */
const addressCache = new WeakMap<NetNode, readonly Ipv4[]>();

export function describeAddress(ip: Ipv4, port: number | null): string {
  return port === null ? formatIpv4(ip) : `${formatIpv4(ip)}:${port}`;
}
