/**
 * Small constructors for the network's parts, so the compile steps read as
 * "a router on this LAN", not as object literals.
 */
import type { Cidr, Firewall, Promiscuous, Service, Why } from '@vnetlab/shared';
import type {
  Address,
  Iface,
  NatBehaviour,
  NetNode,
  Network,
  NodeKind,
  Segment,
  SegmentKind,
} from './network';
import { labelSegment } from './segmentLabel';

export const OPEN_FIREWALL: Firewall = { enabled: true, icmp: true, allow: null, icmpDroppedOn: [] };

export interface NodeOptions {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly listen?: readonly Service[];
  readonly firewall?: Firewall;
  readonly nat?: NatBehaviour;
  readonly vmId?: string;
  readonly os?: 'linux' | 'windows' | 'macos';
}

export function addNode(network: Network, options: NodeOptions): NetNode {
  const node: NetNode = {
    id: options.id,
    kind: options.kind,
    label: options.label,
    ifaces: [],
    routes: [],
    forwardsFrom: new Set(),
    masqueradeOut: new Set(),
    masqueradeOnlyFrom: null,
    rejectsNewInto: new Set(),
    listen: options.listen ?? [],
    firewall: options.firewall ?? OPEN_FIREWALL,
    nat: options.nat ?? { kind: 'none' },
    notStarted: null,
    vmId: options.vmId ?? null,
    os: options.os ?? 'linux',
  };
  network.nodes.set(node.id, node);
  return node;
}

export function addSegment(network: Network, kind: SegmentKind, name: string, subnet: Cidr | null): Segment {
  const id = `${kind}:${name}`;
  const existing = network.segments.get(id);
  if (existing) return existing;
  const label = labelSegment(kind, name, network.hypervisor);
  const segment: Segment = { id, kind, name, label, ifaces: [], subnet, arp: new Map(), dhcpServers: [] };
  network.segments.set(id, segment);
  return segment;
}

export interface IfaceOptions {
  readonly name: string;
  readonly mac: string;
  readonly addrs?: readonly Address[];
  readonly slot?: number;
  readonly up?: boolean;
  readonly promiscuous?: Promiscuous;
  readonly wireMac?: string;
  readonly macvtapOn?: string | null;
  readonly cutOff?: Why | null;
}

export function addIface(node: NetNode, segment: Segment | null, options: IfaceOptions): Iface {
  const iface: Iface = {
    id: `${node.id}#${options.name}`,
    node,
    name: options.name,
    segment,
    mac: options.mac,
    wireMac: options.wireMac ?? options.mac,
    macvtapOn: options.macvtapOn ?? null,
    cutOff: options.cutOff ?? null,
    addrs: [...(options.addrs ?? [])],
    up: options.up ?? segment !== null,
    addressing: { kind: 'fixed' },
    dns: [],
    slot: options.slot ?? null,
    promiscuous: options.promiscuous ?? 'deny',
  };
  node.ifaces.push(iface);
  segment?.ifaces.push(iface);
  return iface;
}

/** Locally administered MACs for infrastructure, stable per name ("02" + 5 bytes). */
export function infraMac(seed: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const low = hash.toString(16).padStart(8, '0');
  return `02${(seed.length & 0xff).toString(16).padStart(2, '0')}${low}`;
}
