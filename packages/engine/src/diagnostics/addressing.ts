/**
 * Static addressing mistakes a teacher spots at a glance: an address outside the
 * network it is plugged into, a gateway that is not on the machine's own subnet,
 * a static route through a gateway no interface can reach ("Nexthop has invalid gateway").
 */
import { formatCidr, formatIpv4, inSubnet, type Lab, networkOf, parseIpv4, why } from '@vnetlab/shared';
import type { Iface, NetNode, Network } from '../compile/network';
import { onLinkIface } from '../l3/routes';
import { adapterNumber } from '../probe/sourceProblem';
import { segmentLabel } from '../probe/walk';
import type { Add } from './diagnose';

export function diagnoseAddressing(lab: Lab, network: Network, add: Add): void {
  for (const node of network.nodes.values()) {
    if (node.kind !== 'vm' && node.kind !== 'host' && node.kind !== 'device') continue;
    for (const iface of node.ifaces) {
      if (iface.addressing.kind !== 'static') continue;
      const path = ipPath(lab, node, iface);
      const address = iface.addrs[0];
      const subnet = iface.segment?.subnet;
      const adapter = adapterNumber(node, iface);
      // A VM's adapter is named in its product's words (VMware: 网络适配器); a host's NIC is a NIC.
      const product = node.kind === 'vm' ? { product: lab.hypervisor } : {};
      if (address && subnet && iface.segment?.kind !== 'internal' && !inSubnet(address.ip, subnet)) {
        add(
          'warning',
          why('address-off-subnet', {
            machine: node.label,
            adapter,
            address: formatCidr(address),
            network: segmentLabel(iface.segment!),
            subnet: formatCidr({ ip: networkOf(subnet.ip, subnet.prefix), prefix: subnet.prefix }),
            ...product,
          }),
          `${path}.address`,
        );
      }
      const gateway = iface.addressing.gateway;
      if (address && gateway !== null && !inSubnet(gateway, address)) {
        add(
          'warning',
          why('gateway-off-link', {
            machine: node.label,
            adapter,
            gateway: formatIpv4(gateway),
            address: formatCidr(address),
            ...product,
          }),
          `${path}.gateway`,
        );
      }
    }
  }
  for (const vm of lab.vms) {
    const node = network.nodes.get(vm.id);
    if (!node || node.notStarted) continue;
    vm.routes.forEach((route, index) => {
      if (onLinkIface(node, parseIpv4(route.via)!)) return;
      add(
        'warning',
        why('route-invalid-gateway', { vm: vm.name, to: route.to, via: route.via }),
        `vms.${vm.id}.routes[${index}].via`,
      );
    });
  }
}

/** The lab path of an interface's `ip` field. */
function ipPath(lab: Lab, node: NetNode, iface: Iface): string {
  switch (node.kind) {
    case 'vm':
      return `vms.${node.id}.adapters[${iface.slot ?? 0}].ip`;
    case 'host':
      return `host.nics.${iface.name}.ip`;
    default: {
      const lan = lab.lans.find((candidate) => candidate.devices.some((device) => device.id === node.id));
      return `lans.${lan?.name ?? ''}.devices.${node.id}.ip`;
    }
  }
}
