/**
 * libvirt's setups a teacher should be told about: a guest on macvtap that the host
 * cannot reach (LV-4), a routed network the LAN has no route back to (LV-5).
 */
import { formatIpv4, inSubnet, type Lab, networkOf, parseCidr, why } from '@vnetlab/shared';
import type { Network } from '../compile/network';
import { libvirtOnWifi } from '../compile/vms';
import type { Add } from './diagnose';

export function diagnoseLibvirt(lab: Lab, network: Network, add: Add): void {
  if (lab.hypervisor === 'hyperv') {
    // HV-1: the Default Switch's subnet is the host's choice at boot.
    const net = lab.natNetworks.find((candidate) => candidate.name === 'Default Switch');
    const used = lab.vms.some((vm) =>
      vm.adapters.some((adapter) => adapter.mode === 'nat' || adapter.mode === 'natnetwork'),
    );
    if (net && used)
      add('info', why('default-switch-subnet', { subnet: net.cidr }), 'natNetworks.Default Switch.cidr');
  }
  if (lab.hypervisor !== 'libvirt') return;
  for (const vm of lab.vms) {
    for (const adapter of vm.adapters) {
      // On Wi-Fi the guest reaches no one at all (LV-8, its own error), not only the host.
      if (adapter.mode === 'bridged' && adapter.macvtap && !libvirtOnWifi(lab, adapter))
        add(
          'info',
          why('macvtap-host', { vm: vm.name, nic: adapter.network }),
          `vms.${vm.id}.adapters[${adapter.slot}].macvtap`,
        );
    }
  }
  const hostLan = network.host.ifaces.find(
    (iface) => iface.segment?.kind === 'lan' && iface.addrs.length > 0,
  );
  for (const net of lab.natNetworks) {
    if (!net.routed) continue;
    const subnet = parseCidr(net.cidr)!;
    const lan = lab.lans.find((candidate) => candidate.name === hostLan?.segment?.name);
    const routedBack = lan?.routes.some((route) => {
      const to = parseCidr(route.to)!;
      return inSubnet(networkOf(subnet.ip, subnet.prefix), to) && to.prefix <= subnet.prefix;
    });
    if (lan && !routedBack)
      add(
        'info',
        why('routed-needs-route', {
          network: net.name,
          subnet: net.cidr,
          via: hostLan ? formatIpv4(hostLan.addrs[0]!.ip) : 'the host',
        }),
        `lans.${lan.name}.routes`,
      );
  }
}
