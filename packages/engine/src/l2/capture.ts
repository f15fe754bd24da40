/**
 * VB-OPT-4: who else sees a frame. A broadcast (an ARP request) reaches every
 * machine of the segment; a unicast frame reaches its receiver, and a VM's packet
 * capture shows it only if that VM's adapter is promiscuous: "allow-vms" for frames
 * between VMs, "allow-all" for frames of the host and the LAN too.
 */
import type { Iface, Segment } from '../compile/network';
import { isRunning } from '../compile/network';

export function sniffers(segment: Segment, sender: Iface, receiver: Iface | null): string[] {
  const seen: string[] = [];
  const betweenVms = sender.node.kind === 'vm' && receiver?.node.kind === 'vm';
  for (const iface of segment.ifaces) {
    if (iface === sender || iface === receiver || iface.node.kind !== 'vm') continue;
    if (!iface.up || !isRunning(iface.node) || seen.includes(iface.node.id)) continue;
    const shows =
      receiver === null ||
      iface.promiscuous === 'allow-all' ||
      (iface.promiscuous === 'allow-vms' && betweenVms);
    if (shows) seen.push(iface.node.id);
  }
  return seen;
}
