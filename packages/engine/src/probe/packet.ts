import type { Ipv4, Why } from '@vnetlab/shared';

export type L4 = 'icmp' | 'tcp' | 'udp';

export interface Packet {
  readonly src: Ipv4 | null;
  readonly dst: Ipv4;
  readonly proto: L4;
  /** Destination port; null for ICMP. */
  readonly port: number | null;
}

export type HopAction = 'send' | 'arp' | 'forward' | 'translate' | 'deliver' | 'drop';

/** One step of a packet's path, for the animation and for `traceroute`. */
export interface Hop {
  /** The node's id: a VM id, "host", a LAN device, "router:home", "nat:web/0", "internet" … */
  readonly node: string;
  readonly action: HopAction;
  /** "out" for the request, "back" for the reply. */
  readonly dir: 'out' | 'back';
  readonly detail: string;
  readonly why: Why;
  /** VB-OPT-4: other VMs whose packet capture shows this frame (absent when none). */
  readonly seenBy?: readonly string[];
}
