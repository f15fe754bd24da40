import type { LabView } from '../lab/labView';

export type NetworkKind = 'nat' | 'natnetwork' | 'bridged' | 'hostonly' | 'internal';

export type TopoNode =
  | { readonly kind: 'vm'; readonly id: string; readonly label: string }
  | { readonly kind: 'host'; readonly id: string; readonly label: string; readonly detail: string }
  | { readonly kind: NetworkKind; readonly id: string; readonly label: string; readonly detail: string };

/**
 * How a network meets the host: the host has an adapter on it (host-only, VMware's
 * VMnet8, the LAN of a bridged NIC), or its traffic leaves through the host's NAT. An
 * internal network has no uplink at all — that is the point of it.
 */
export interface TopoUplink {
  readonly id: string;
  readonly network: string;
  readonly via: 'adapter' | 'nat';
  readonly kind: NetworkKind;
}

export interface TopoLink {
  readonly id: string;
  readonly vm: string;
  readonly network: string;
  readonly slot: number;
  readonly cable: boolean;
  readonly kind: NetworkKind;
}

export interface TopologyData {
  readonly vms: readonly TopoNode[];
  readonly networks: readonly TopoNode[];
  readonly links: readonly TopoLink[];
  readonly host: TopoNode;
  readonly uplinks: readonly TopoUplink[];
}

const NETWORK_KINDS: readonly string[] = ['nat', 'natnetwork', 'bridged', 'hostonly', 'internal'];
const KIND_LABELS: Readonly<Record<NetworkKind, string>> = {
  nat: 'NAT',
  natnetwork: 'NAT Network',
  bridged: 'Bridged',
  hostonly: 'Host-only',
  internal: 'Internal',
};

function isNetworkKind(mode: string): mode is NetworkKind {
  return NETWORK_KINDS.includes(mode);
}

/**
 * VMs and the networks their adapters attach to. A VirtualBox NAT adapter gets a network
 * of its own (each NAT engine is private to one adapter); every other network is shared
 * by all adapters that name it.
 */
export function topologyData(lab: LabView): TopologyData {
  const networks = new Map<string, TopoNode>();
  const links: TopoLink[] = [];
  for (const vm of lab.vms) {
    for (const adapter of vm.adapters) {
      const kind = adapter.mode;
      if (!isNetworkKind(kind)) continue;
      const privateNat = kind === 'nat' && adapter.network === '';
      const id = privateNat ? `nat:${vm.id}:${adapter.slot}` : `${kind}:${adapter.network}`;
      if (!networks.has(id)) {
        const label = privateNat ? `NAT of ${vm.name} #${adapter.slot + 1}` : adapter.network;
        const lan = kind === 'bridged' ? lab.hostNics.get(adapter.network) : undefined;
        const detail = lan ? `${KIND_LABELS[kind]} → LAN ${lan}` : KIND_LABELS[kind];
        networks.set(id, { kind, id, label, detail });
      }
      links.push({
        id: `${vm.id}:${adapter.slot}`,
        vm: vm.id,
        network: id,
        slot: adapter.slot,
        cable: adapter.cable,
        kind,
      });
    }
  }
  const uplinks = [...networks.values()].flatMap((network): TopoUplink[] => {
    if (network.kind === 'vm' || network.kind === 'host' || network.kind === 'internal') return [];
    const vmnet8 = network.kind === 'nat' && lab.hypervisor === 'vmware';
    const via = network.kind === 'natnetwork' || (network.kind === 'nat' && !vmnet8) ? 'nat' : 'adapter';
    return [{ id: `up:${network.id}`, network: network.id, via, kind: network.kind }];
  });
  return {
    vms: lab.vms.map((vm) => ({ kind: 'vm', id: vm.id, label: vm.name })),
    networks: [...networks.values()],
    links,
    host: { kind: 'host', id: 'host', label: 'host', detail: 'LAN, internet' },
    uplinks,
  };
}

export interface Placed<T> {
  readonly item: T;
  readonly x: number;
  readonly y: number;
}

export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  readonly vms: readonly Placed<TopoNode>[];
  readonly networks: readonly Placed<TopoNode>[];
  readonly host: Placed<TopoNode>;
}

export const LAYOUT = { column: 190, height: 340, vmY: 50, networkY: 190, hostY: 300, margin: 20 } as const;

/**
 * VMs on the top row, networks below, each placed under the VMs that use it
 * (barycentre order) so that few links cross, and the host at the bottom, in the
 * middle. Deterministic.
 */
export function layoutTopology(data: TopologyData): TopologyLayout {
  const columns = Math.max(data.vms.length, data.networks.length, 1);
  const width = columns * LAYOUT.column + 2 * LAYOUT.margin;
  const spread = <T>(items: readonly T[], y: number): Placed<T>[] => {
    const step = (width - 2 * LAYOUT.margin) / Math.max(items.length, 1);
    return items.map((item, i) => ({ item, x: LAYOUT.margin + step * (i + 0.5), y }));
  };
  const vmIndex = new Map(data.vms.map((vm, i) => [vm.id, i]));
  const centre = (network: TopoNode) => {
    const indices = data.links.filter((l) => l.network === network.id).map((l) => vmIndex.get(l.vm) ?? 0);
    return indices.reduce((a, b) => a + b, 0) / Math.max(indices.length, 1);
  };
  const networks = data.networks
    .map((network, order) => ({ network, order, centre: centre(network) }))
    .sort((a, b) => a.centre - b.centre || a.order - b.order)
    .map((n) => n.network);
  return {
    width,
    height: LAYOUT.height,
    vms: spread(data.vms, LAYOUT.vmY),
    networks: spread(networks, LAYOUT.networkY),
    host: { item: data.host, x: width / 2, y: LAYOUT.hostY },
  };
}
