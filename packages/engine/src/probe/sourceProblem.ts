/**
 * Why a machine cannot send at all — it did not start, has no adapter, no cable,
 * no lease — said about the adapter to change rather than as "Network is unreachable".
 */

import { type Hypervisor, type Why, why } from '@vnetlab/shared';
import type { Iface, NetNode } from '../compile/network';
import { segmentLabel } from './walk';

/** `product`: whose words the reason uses (the lab's hypervisor). */
export function sourceProblem(node: NetNode, product: Hypervisor): Why | null {
  if (node.notStarted) return node.notStarted;
  if (node.ifaces.some((iface) => iface.up && iface.addrs.length > 0)) return null;
  if (node.kind === 'vm') {
    if (node.ifaces.length === 0) return why('no-adapters', { vm: node.label });
    const attached = node.ifaces.filter((iface) => iface.segment !== null);
    // VMW-11: an adapter that started disconnected says why, not "Not attached".
    if (attached.length === 0)
      return node.ifaces.find((iface) => iface.cutOff)?.cutOff ?? why('not-attached', { vm: node.label });
  }
  const noLease = node.ifaces.find((iface) => iface.addressing.kind === 'dhcp-failed');
  if (noLease) return leaseProblem(node, noLease, product);
  const unplugged = node.ifaces.find((iface) => iface.segment !== null && !iface.up);
  if (unplugged) return unpluggedWhy(node, unplugged, product);
  return why('no-address', { node: node.label, address: 'anything' });
}

/** Adapter numbers as the GUI shows them: slot + 1 for VMs, NIC order for the host and devices. */
export function adapterNumber(node: NetNode, iface: Iface): number {
  return (iface.slot ?? node.ifaces.indexOf(iface)) + 1;
}

export function leaseProblem(node: NetNode, iface: Iface, product: Hypervisor): Why {
  if (iface.cutOff) return iface.cutOff;
  const network = iface.segment ? segmentLabel(iface.segment) : 'its network';
  const adapter = adapterNumber(node, iface);
  const server = iface.segment?.dhcpServers[0];
  if (server) {
    const owner = server.owner;
    return why('dhcp-pool-empty', { node: node.label, adapter, network, owner, ...vmProduct(node, product) });
  }
  return why('no-lease', { node: node.label, adapter, network, product });
}

/** A VM's adapter is named in its product's words; a host's or a LAN device's NIC is a NIC. */
function vmProduct(node: NetNode, product: Hypervisor): { product?: Hypervisor } {
  return node.kind === 'vm' ? { product } : {};
}

export function unpluggedWhy(node: NetNode, iface: Iface, product: Hypervisor): Why {
  return why('cable-unplugged', { vm: node.label, adapter: adapterNumber(node, iface), product });
}
