/**
 * VB-HO-2: the host shares one of its NICs with a host-only network (Linux
 * ip_forward + MASQUERADE, Windows Internet Connection Sharing). The host then
 * routes what arrives from that network and masquerades it out of the NIC.
 */
import type { Lab } from '@vnetlab/shared';
import type { Network } from './network';

export function applySharing(network: Network, lab: Lab): void {
  const from = new Set<string>();
  for (const share of lab.host.share) {
    const inside = network.host.ifaces.find((iface) => iface.name === share.network);
    const outside = network.host.ifaces.find((iface) => iface.name === share.via);
    if (!inside || !outside) continue;
    from.add(inside.id);
    network.host.masqueradeOut.add(outside.id);
  }
  if (from.size === 0) return;
  const host = network.host;
  // Keep what the host already forwards (libvirt's bridges), and masquerade the shared networks too.
  if (host.forwardsFrom !== 'all') for (const id of host.forwardsFrom) from.add(id);
  host.forwardsFrom = from;
  if (host.masqueradeOnlyFrom) for (const id of from) host.masqueradeOnlyFrom.add(id);
}
