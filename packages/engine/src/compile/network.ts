/**
 * The network a lab describes, as the engine walks it: nodes with interfaces on L2
 * segments, addresses, routing tables and NAT behaviour. Built once per lab by
 * `compileNetwork`; every probe, matrix cell and console line reads it.
 */
import type {
  Cidr,
  Firewall,
  Hypervisor,
  Ipv4,
  PortForward,
  Promiscuous,
  Service,
  Why,
} from '@vnetlab/shared';

export type NodeKind =
  | 'vm'
  | 'host'
  | 'device'
  | 'router'
  | 'internet'
  | 'nat-engine'
  | 'nat-service'
  | 'dhcp-server';

export type SegmentKind = 'lan' | 'nat' | 'natnetwork' | 'hostonly' | 'internal' | 'wan';

export interface Address {
  readonly ip: Ipv4;
  readonly prefix: number;
}

/** How an interface got (or failed to get) its address. */
export type Addressing =
  | { readonly kind: 'static'; readonly gateway: Ipv4 | null }
  | {
      readonly kind: 'dhcp';
      readonly server: Ipv4;
      readonly gateway: Ipv4 | null;
      /** The lease time the server grants (VMware 1800 s, VMW-2). */
      readonly leaseSeconds: number;
      /** The domain name the lease carries (DHCP option 15: VMware's `localdomain`, VMW-15), or null. */
      readonly domain: string | null;
    }
  | { readonly kind: 'dhcp-failed' }
  | { readonly kind: 'unconfigured' } // down, or not attached: DHCP never ran
  | { readonly kind: 'fixed' }; // infrastructure (gateways, host adapters)

export interface Iface {
  readonly id: string;
  readonly node: NetNode;
  /** As the guest names it: enp0s3, ens33, eth0, vboxnet0 … */
  readonly name: string;
  readonly segment: Segment | null;
  readonly mac: string;
  /**
   * The source MAC the segment sees in its frames: the host NIC's own when the VM is
   * bridged to Wi-Fi (VB-BR-2), since 802.11 carries only the station's address.
   */
  readonly wireMac: string;
  /** LV-4: a libvirt macvtap device on this host NIC (by interface id): the host never sees its frames. */
  readonly macvtapOn: string | null;
  /** Why nothing this interface sends reaches anyone though its link is up (LV-8), or null. */
  readonly cutOff: Why | null;
  readonly addrs: Address[];
  /** Attached, cable in, and the machine running. */
  up: boolean;
  addressing: Addressing;
  readonly dns: Ipv4[];
  /** The VM adapter slot this interface is (0-based), for reasons that name it. */
  readonly slot: number | null;
  /** VB-OPT-4: which frames for others this interface passes up to a capture. */
  readonly promiscuous: Promiscuous;
}

export interface RouteEntry {
  readonly net: Ipv4;
  readonly prefix: number;
  readonly via: Ipv4 | null;
  readonly iface: Iface;
  readonly proto: 'kernel' | 'dhcp' | 'static';
  /** The source address the kernel picks for this route. */
  readonly src: Ipv4 | null;
}

/** What a NAT node does with traffic it routes: re-send it from the host's own stack. */
export type NatBehaviour =
  | { readonly kind: 'none' }
  /** VirtualBox NAT engine, NAT Network service, VMware NAT device: a proxy in the host. */
  | {
      readonly kind: 'host-proxy';
      /**
       * Addresses on its network that stand for the host's loopback (10.0.2.2 in NAT,
       * the loopback mappings of a NAT network), each to the loopback address it reaches.
       */
      readonly loopback: ReadonlyMap<Ipv4, Ipv4>;
      /**
       * VB7-NAT-1: false when those addresses drop what they get (VirtualBox 7, "localhost
       * reachable" off): no echo reply, TCP and UDP silently dropped.
       */
      readonly localhostReachable: boolean;
      /** --natbindip: the host address outgoing connections leave from; null: the host's route decides. */
      readonly bindIp: Ipv4 | null;
      /** Whose NAT it is, for reasons: a VM's name or a network's. */
      readonly owner: string;
    };

export interface NetNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly ifaces: Iface[];
  readonly routes: RouteEntry[];
  /** Interfaces it forwards packets arriving on (ip_forward); empty: it forwards nothing. */
  forwardsFrom: 'all' | ReadonlySet<string>;
  /** Interfaces out of which it masquerades (source NAT). */
  readonly masqueradeOut: Set<string>;
  /** When set, only what arrives on these interfaces is masqueraded (libvirt: NAT networks, not routed ones). */
  masqueradeOnlyFrom: Set<string> | null;
  /**
   * LV-6: interfaces into which it refuses to forward a new connection from any other
   * interface (libvirt's LIBVIRT_FWI: REJECT with icmp-port-unreachable for NAT and
   * isolated networks); replies of connections started inside still pass.
   */
  rejectsNewInto: Set<string>;
  readonly listen: readonly Service[];
  readonly firewall: Firewall;
  readonly nat: NatBehaviour;
  /** Null when the machine runs; otherwise why it did not start. */
  notStarted: Why | null;
  /** Set for VM nodes: the lab's VM id. */
  readonly vmId: string | null;
  /** The machine's system, for its console: a VM's `os`, the host's `host.os`. */
  readonly os: 'linux' | 'windows' | 'macos';
}

export interface Segment {
  readonly id: string;
  readonly kind: SegmentKind;
  /** The network's name as the student wrote it: "vboxnet0", "intnet", "home" … */
  readonly name: string;
  /** As the product's screens call it: "host-only network vboxnet0", "LAN segment seg1" … */
  readonly label: string;
  readonly ifaces: Iface[];
  readonly subnet: Cidr | null;
  /** ip -> interfaces that answer ARP for it, in the order they came up. */
  readonly arp: Map<Ipv4, Iface[]>;
  readonly dhcpServers: DhcpServer[];
}

export interface DhcpServer {
  readonly address: Ipv4;
  readonly subnet: Cidr;
  readonly from: Ipv4;
  readonly to: Ipv4;
  readonly gateway: Ipv4 | null;
  readonly dns: Ipv4[];
  /** Who runs it: "the LAN router", "VirtualBox's DHCP server for vboxnet0" … */
  readonly owner: string;
  readonly leaseSeconds: number;
  /** The domain name it hands out (option 15), or null: most of the engine's servers send none. */
  readonly domain: string | null;
  /** Fixed addresses by client MAC (DHCP reservations). */
  readonly reservations: ReadonlyMap<string, Ipv4>;
  next: Ipv4;
  /** By client MAC: a clone that kept its MAC asks again and gets the same address (VB-OPT-2). */
  readonly leases: Map<string, Ipv4>;
}

/** A host port that leads into a NAT: VB-NAT-5, VB-NATNET-3, VMW-2. */
export interface PortForwardEntry {
  readonly rule: PortForward;
  /** null: every host address. */
  readonly bind: Ipv4 | null;
  readonly engine: NetNode;
  readonly guestIp: Ipv4 | null;
  /** The VM the rule was written for (NAT mode), or the VM holding guestIp. */
  readonly vmId: string | null;
  /** Where the rule lives in the lab, for reasons and diagnostics. */
  readonly owner: string;
  /** Null when the host actually listens on it; otherwise why not. */
  inactive: Why | null;
}

export interface Network {
  readonly hypervisor: Hypervisor;
  readonly hypervisorVersion: string;
  readonly nodes: Map<string, NetNode>;
  readonly segments: Map<string, Segment>;
  readonly host: NetNode;
  readonly internet: NetNode;
  readonly portForwards: PortForwardEntry[];
  /** The same rules by the VM they lead to, and by "proto/hostPort": each probe looks up a few, not all. */
  readonly portForwardsByVm: Map<string, PortForwardEntry[]>;
  readonly portForwardsByPort: Map<string, PortForwardEntry[]>;
  /** Every interface address -> its owners, for "whose address is this". */
  readonly owners: Map<Ipv4, Iface[]>;
}

export function isRunning(node: NetNode): boolean {
  return node.notStarted === null;
}

export function primaryAddress(iface: Iface): Address | null {
  return iface.addrs[0] ?? null;
}
