/**
 * Lab -> network, in the order a real classroom comes up: the physical LAN and the
 * host, the hypervisor's networks, then the VMs; then addresses (DHCP in boot
 * order), routes, the ARP index and the host's forwarded ports.
 */
import type { Lab } from '@vnetlab/shared';
import { type AddressingRequest, assignAddresses } from '../dhcp/addressing';
import { indexAddresses } from '../l2/arp';
import { buildRoutes } from '../l3/routes';
import { buildPortForwards } from '../nat/portForwards';
import {
  addDevices,
  addHost,
  addHostNics,
  addHostOnlyNetworks,
  addInternalNetworks,
  addLans,
  addNatNetworks,
  createNetwork,
} from './infrastructure';
import type { Network } from './network';
import { applySharing } from './sharing';
import { addVms } from './vms';

export function compileNetwork(lab: Lab): Network {
  const network = createNetwork(lab.hypervisor, lab.hypervisorVersion);
  addLans(network, lab);
  addHost(network, lab);
  addHostNics(network, lab);
  addDevices(network, lab);
  addNatNetworks(network, lab);
  addHostOnlyNetworks(network, lab);
  addInternalNetworks(network, lab);
  addVms(network, lab);
  assignAddresses(addressingRequests(network, lab));
  buildRoutes(network, lab);
  applySharing(network, lab);
  indexAddresses(network);
  buildPortForwards(network, lab);
  return network;
}

function addressingRequests(network: Network, lab: Lab): AddressingRequest[] {
  const requests: AddressingRequest[] = [];
  lab.host.nics.forEach((nic, index) => {
    requests.push({ iface: network.host.ifaces[index]!, config: nic.ip });
  });
  for (const lan of lab.lans) {
    for (const device of lan.devices) {
      requests.push({ iface: network.nodes.get(device.id)!.ifaces[0]!, config: device.ip });
    }
  }
  for (const vm of lab.vms) {
    const node = network.nodes.get(vm.id)!;
    vm.adapters.forEach((adapter, slot) => {
      requests.push({ iface: node.ifaces[slot]!, config: adapter.ip });
    });
  }
  return requests;
}
