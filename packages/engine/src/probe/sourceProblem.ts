/**
 * Why a machine cannot send at all — it did not start, has no adapter, no cable,
 * no lease — said about the adapter to change rather than as "Network is unreachable".
 */
import type { NetNode, Network } from '../compile/network';
import { type Why, why } from '../why/why';
import { segmentLabel } from './walk';

export function sourceProblem(network: Network, node: NetNode): Why | null {
  if (node.notStarted) return node.notStarted;
  if (node.ifaces.some((iface) => iface.up && iface.addrs.length > 0)) return null;
  if (node.kind === 'vm') {
    if (node.ifaces.length === 0) return why('no-adapters', { vm: node.label });
    const attached = node.ifaces.filter((iface) => iface.segment !== null);
    if (attached.length === 0) return why('not-attached', { vm: node.label });
    const unplugged = attached.find((iface) => !iface.up);
    const noLease = attached.find((iface) => iface.addressing.kind === 'dhcp-failed');
    if (noLease) {
      return why('no-lease', {
        node: node.label,
        adapter: (noLease.slot ?? 0) + 1,
        network: segmentLabel(noLease.segment!),
      });
    }
    if (unplugged) return why('cable-unplugged', { vm: node.label, adapter: (unplugged.slot ?? 0) + 1 });
  }
  const noLease = node.ifaces.find((iface) => iface.addressing.kind === 'dhcp-failed');
  if (noLease?.segment) {
    return why('no-lease', {
      node: node.label,
      adapter: node.ifaces.indexOf(noLease) + 1,
      network: segmentLabel(noLease.segment),
    });
  }
  void network;
  return why('no-address', { node: node.label, address: 'anything' });
}
