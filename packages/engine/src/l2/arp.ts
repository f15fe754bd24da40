/**
 * Who answers ARP for an address on a segment. OS-3: when two machines answer,
 * the sender keeps whichever answered last — here, the one that came up last.
 */
import type { Ipv4 } from '@vnetlab/shared';
import type { Iface, Network, Segment } from '../compile/network';
import { isRunning } from '../compile/network';

export function indexAddresses(network: Network): void {
  for (const segment of network.segments.values()) {
    for (const iface of segment.ifaces) {
      if (!iface.up || !isRunning(iface.node)) continue;
      for (const address of iface.addrs) {
        const answering = segment.arp.get(address.ip);
        if (answering) answering.push(iface);
        else segment.arp.set(address.ip, [iface]);
      }
    }
  }
  for (const node of network.nodes.values()) {
    for (const iface of node.ifaces) {
      for (const address of iface.addrs) {
        const owners = network.owners.get(address.ip);
        if (owners) owners.push(iface);
        else network.owners.set(address.ip, [iface]);
      }
    }
  }
}

export function resolveArp(segment: Segment, ip: Ipv4, asker: Iface): Iface | null {
  const answering = segment.arp.get(ip);
  if (!answering) return null;
  for (let i = answering.length - 1; i >= 0; i--) {
    const iface = answering[i]!;
    if (iface !== asker) return iface;
  }
  return null;
}
