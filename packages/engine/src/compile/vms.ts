/**
 * VMs and their adapters: which network each adapter plugs into, whether the VM
 * starts at all (VB-OPT-3; VMware powers on with such an adapter disconnected, VMW-11),
 * and the private NAT engine behind every VirtualBox NAT adapter (VB-NAT-1, VB-NAT-2).
 */
import {
  type Adapter,
  guestIfaceName,
  hostIn,
  type Lab,
  parseIpv4,
  parseService,
  VBOX_NAT,
  type Vm,
  vboxNatSubnet,
  type Why,
  why,
} from '@vnetlab/shared';
import { addDhcpServer } from '../dhcp/dhcpServer';
import { capturePromiscuity } from '../rules/promiscuous';
import { natAliasReachable } from '../rules/versions';
import { addIface, addNode, addSegment } from './builder';
import type { NetNode, Network, Segment } from './network';

const LOOPBACK = parseIpv4('127.0.0.1')!;

/** The NAT engine's MACs are fixed in VirtualBox (slirp): 52:54:00:12:35:0x, x = the alias's last byte. */
const NAT_ENGINE_MAC = { gateway: '525400123502', dns: '525400123503', tftp: '525400123504' };

export function addVms(network: Network, lab: Lab): void {
  for (const vm of lab.vms) {
    const node = addNode(network, {
      id: vm.id,
      kind: 'vm',
      label: vm.name,
      listen: vm.listen,
      firewall: vm.firewall,
      vmId: vm.id,
      os: vm.os,
    });
    node.notStarted = whyNotStarted(network, lab, vm);
    if (vm.ipForwarding) node.forwardsFrom = 'all';
    for (const adapter of vm.adapters) {
      const segment = node.notStarted ? null : segmentFor(network, lab, vm, adapter);
      const wifi =
        adapter.mode === 'bridged' && lab.hypervisor !== 'libvirt'
          ? wifiNic(network, lab, adapter.network)
          : null;
      const cutOffNic = libvirtOnWifi(lab, adapter);
      const cutOff = cutOffNic
        ? why('wifi-no-bridge', { vm: vm.name, adapter: adapter.slot + 1, nic: cutOffNic, macvtap: 'yes' })
        : startsDisconnected(network, lab, vm, adapter);
      const iface = addIface(node, segment, {
        name: guestIfaceName(lab.hypervisor, adapter.slot),
        mac: adapter.mac,
        // VB-BR-2: 802.11 carries only the station's MAC, so the LAN sees the host's.
        ...(wifi ? { wireMac: wifi.mac } : {}),
        ...(adapter.mode === 'bridged' && adapter.macvtap
          ? { macvtapOn: hostNicId(network, lab, adapter) }
          : {}),
        ...(cutOff ? { cutOff } : {}),
        slot: adapter.slot,
        up: segment !== null && adapter.cable,
        // VB-OPT-4 in VirtualBox; in VMware the guest asks and the host decides (VMW-13).
        promiscuous: capturePromiscuity(lab, adapter),
      });
      if (vm.masquerade.includes(adapter.slot)) node.masqueradeOut.add(iface.id);
    }
  }
}

/** The segment an adapter joins, creating per-adapter NAT engines and named internal networks. */
function segmentFor(network: Network, lab: Lab, vm: Vm, adapter: Adapter): Segment | null {
  switch (adapter.mode) {
    case 'none':
      return null;
    case 'nat':
      if (lab.hypervisor !== 'virtualbox')
        return network.segments.get(`natnetwork:${adapter.network}`) ?? null;
      return addNatEngine(network, lab, vm, adapter);
    case 'natnetwork':
      return network.segments.get(`natnetwork:${adapter.network}`) ?? null;
    case 'hostonly':
      return network.segments.get(`hostonly:${adapter.network}`) ?? null;
    case 'internal':
      // VB-INT-1: joined by exact name, case included.
      return addSegment(network, 'internal', adapter.network, null);
    case 'bridged': {
      const nic = bridgedNic(lab, adapter.network);
      // LV-8: a macvtap guest on Wi-Fi is alone — the access point drops its frames.
      if (nic && libvirtOnWifi(lab, adapter))
        return addSegment(network, 'internal', `macvtap over ${nic.name}`, null);
      return nic ? (network.segments.get(`lan:${nic.lan}`) ?? null) : null;
    }
    default: {
      const unexpected: never = adapter.mode;
      throw new Error(`unknown adapter mode ${String(unexpected)}`);
    }
  }
}

/**
 * The host NIC a bridged adapter uses: named directly, or (VMware) through a bridged
 * VMnet — vmnet0 bridges to the host's first NIC unless the lab names one (VMW-6).
 */
export function bridgedNic(lab: Lab, name: string) {
  const named = lab.host.nics.find((nic) => nic.name === name);
  if (named) return named;
  if (lab.hypervisor !== 'vmware') return undefined;
  const vmnet = lab.bridgedNetworks.find((net) => net.name === name);
  if (vmnet) return lab.host.nics.find((nic) => nic.name === vmnet.nic);
  return name === 'vmnet0' ? lab.host.nics[0] : undefined;
}

/**
 * LV-8: libvirt bridges with the Linux kernel, which refuses a Wi-Fi station NIC in a bridge
 * (net/bridge/br_if.c, EOPNOTSUPP without 4-address mode), and nothing rewrites a macvtap
 * guest's MAC as VirtualBox does: the Wi-Fi NIC's name when this adapter meets that.
 */
export function libvirtOnWifi(lab: Lab, adapter: Adapter): string | null {
  if (lab.hypervisor !== 'libvirt' || adapter.mode !== 'bridged') return null;
  const nic = bridgedNic(lab, adapter.network);
  return nic?.kind === 'wifi' ? nic.name : null;
}

/** LV-4: the host NIC a macvtap device sits on. */
function hostNicId(network: Network, lab: Lab, adapter: Adapter): string | null {
  const nic = bridgedNic(lab, adapter.network);
  return network.host.ifaces.find((iface) => iface.name === nic?.name)?.id ?? null;
}

/** The host's interface for a bridged adapter's NIC, when that NIC is Wi-Fi. */
function wifiNic(network: Network, lab: Lab, name: string) {
  const nic = bridgedNic(lab, name);
  if (nic?.kind !== 'wifi') return null;
  return network.host.ifaces.find((iface) => iface.name === nic.name) ?? null;
}

function addNatEngine(network: Network, lab: Lab, vm: Vm, adapter: Adapter): Segment {
  const subnet = vboxNatSubnet(adapter.slot, adapter.nat.natNet);
  const name = `${vm.id}/${adapter.slot}`;
  const segment = addSegment(network, 'nat', name, subnet);
  const gateway = hostIn(subnet, VBOX_NAT.gateway);
  const dns = hostIn(subnet, VBOX_NAT.dns);
  const tftp = hostIn(subnet, VBOX_NAT.tftp);
  const prefix = subnet.prefix;
  const engine: NetNode = addNode(network, {
    id: `nat:${name}`,
    kind: 'nat-engine',
    label: `${vm.name}'s NAT engine (adapter ${adapter.slot + 1})`,
    listen: ['udp/53'].map(parseService),
    nat: {
      kind: 'host-proxy',
      loopback: new Map([[gateway, LOOPBACK]]),
      localhostReachable: natAliasReachable(lab, adapter.localhostReachable),
      bindIp: adapter.nat.bindIp === null ? null : parseIpv4(adapter.nat.bindIp),
      owner: vm.name,
    },
  });
  addIface(engine, segment, { name: 'gw', mac: NAT_ENGINE_MAC.gateway, addrs: [{ ip: gateway, prefix }] });
  addIface(engine, segment, { name: 'dns', mac: NAT_ENGINE_MAC.dns, addrs: [{ ip: dns, prefix }] });
  // VB-NAT-6: the TFTP alias answers ARP and ping too.
  addIface(engine, segment, { name: 'tftp', mac: NAT_ENGINE_MAC.tftp, addrs: [{ ip: tftp, prefix }] });
  const guest = hostIn(subnet, VBOX_NAT.guest);
  addDhcpServer(segment, {
    address: gateway,
    subnet,
    from: guest,
    to: guest,
    gateway,
    dns: [dns],
    owner: `${vm.name}'s NAT engine`,
  });
  return segment;
}

/** VB-OPT-3 and VB-NAT-5: the reasons a VM refuses to start, first one wins. */
function whyNotStarted(network: Network, lab: Lab, vm: Vm): Why | null {
  for (const adapter of vm.adapters) {
    const wifi = libvirtOnWifi(lab, adapter);
    if (wifi && !adapter.macvtap)
      return why('wifi-no-bridge', { vm: vm.name, adapter: adapter.slot + 1, nic: wifi, macvtap: 'no' });
    // VMW-11: VMware powers the VM on anyway, that adapter disconnected (startsDisconnected).
    const missing = lab.hypervisor === 'vmware' ? null : missingNetwork(network, lab, adapter);
    if (missing) {
      return why('not-started', {
        vm: vm.name,
        adapter: adapter.slot + 1,
        mode: adapter.mode,
        network: missing,
        product: lab.hypervisor,
      });
    }
    if (lab.host.os !== 'windows' && adapter.mode === 'nat' && lab.hypervisor === 'virtualbox') {
      const privileged = adapter.portForwards.find((rule) => rule.hostPort < 1024);
      if (privileged) {
        return why('not-started-port', {
          vm: vm.name,
          adapter: adapter.slot + 1,
          rule: privileged.name,
          port: privileged.hostPort,
        });
      }
    }
  }
  return null;
}

/**
 * VMW-11: a VMware adapter on a VMnet (or a bridged NIC) that does not exist does not stop
 * the VM: it powers on and says "Virtual device EthernetN will start disconnected", so the
 * adapter has no link while the rest of the VM works.
 */
function startsDisconnected(network: Network, lab: Lab, vm: Vm, adapter: Adapter): Why | null {
  if (lab.hypervisor !== 'vmware') return null;
  const missing = missingNetwork(network, lab, adapter);
  if (missing === null) return null;
  return why('missing-network', {
    vm: vm.name,
    adapter: adapter.slot + 1,
    mode: adapter.mode,
    network: missing,
    product: lab.hypervisor,
  });
}

export function missingNetwork(network: Network, lab: Lab, adapter: Adapter): string | null {
  switch (adapter.mode) {
    case 'none':
    case 'internal':
      return null;
    case 'nat':
      if (lab.hypervisor === 'virtualbox') return null;
      return network.segments.has(`natnetwork:${adapter.network}`) ? null : adapter.network;
    case 'natnetwork':
      return network.segments.has(`natnetwork:${adapter.network}`) ? null : adapter.network;
    case 'hostonly':
      return network.segments.has(`hostonly:${adapter.network}`) ? null : adapter.network;
    case 'bridged':
      return bridgedNic(lab, adapter.network) ? null : adapter.network;
    default: {
      const unexpected: never = adapter.mode;
      throw new Error(`unknown adapter mode ${String(unexpected)}`);
    }
  }
}
