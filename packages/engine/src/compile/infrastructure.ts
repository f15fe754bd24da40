/**
 * Everything that exists before any VM starts: the host and its NICs, the physical
 * LANs with their routers and devices, the internet, and the hypervisor's own
 * networks (NAT networks, host-only networks, configured internal networks).
 */
import {
  broadcastOf,
  type Cidr,
  type DhcpOptions,
  type Hypervisor,
  hostIn,
  type Ipv4,
  type Lab,
  parseCidr,
  parseIpv4,
  parseService,
  VBOX_NATNET,
  VMWARE_NAT,
} from '@vnetlab/shared';
import { addDhcpServer, reservationTable } from '../dhcp/dhcpServer';
import { hostOnlyRangeRefused, natNetworkDns, usesHostOnlyNetworks } from '../rules/versions';
import { addIface, addNode, addSegment, infraMac } from './builder';
import { HOST_ROUTER_SERVICES } from './hostRouted';
import { ICS_DOMAIN } from './ics';
import { hostAdapterMac, natDeviceMac } from './infraMacs';
import type { NetNode, Network, Segment } from './network';

/** VMW-2: vmnetdhcp.conf's default-lease-time. */
const VMWARE_LEASE_SECONDS = 1800;
/** What every subnet of VMware's vmnetdhcp.conf says: 30-minute leases, domain `localdomain` (VMW-2, VMW-15). */
const VMWARE_DHCP = { leaseSeconds: VMWARE_LEASE_SECONDS, domain: 'localdomain' } as const;

/** The documentation block TEST-NET-3 stands for "somewhere on the internet". */
const WAN: Cidr = { ip: parseIpv4('203.0.113.0')!, prefix: 24 };
const INTERNET_ADDRESS = hostIn(WAN, 254);

export function createNetwork(hypervisor: Hypervisor, hypervisorVersion: string): Network {
  const network = {
    hypervisor,
    hypervisorVersion,
    nodes: new Map(),
    segments: new Map(),
    portForwards: [],
    portForwardsByVm: new Map(),
    portForwardsByPort: new Map(),
    owners: new Map(),
  } as unknown as Network & { host: NetNode; internet: NetNode };
  const internet = addNode(network, {
    id: 'internet',
    kind: 'internet',
    label: 'the internet',
    listen: ['tcp/80', 'tcp/443', 'udp/53'].map(parseService),
  });
  const wan = addSegment(network, 'wan', 'internet', WAN);
  addIface(internet, wan, {
    name: 'wan',
    mac: infraMac('internet'),
    addrs: [{ ip: INTERNET_ADDRESS, prefix: 24 }],
  });
  network.internet = internet;
  return network;
}

export function addHost(network: Network & { host: NetNode }, lab: Lab): NetNode {
  const host = addNode(network, {
    id: 'host',
    kind: 'host',
    label: 'host',
    // Windows ICS runs a DNS proxy on the shared adapter; libvirt's dnsmasq serves DNS and DHCP.
    listen: [
      ...lab.host.listen,
      ...(usesIcs(lab) ? [parseService('udp/53')] : []),
      ...(lab.hypervisor === 'libvirt' || lab.hypervisor === 'hyperv' ? HOST_ROUTER_SERVICES : []),
    ],
    firewall: lab.host.firewall,
    os: lab.host.os,
  });
  network.host = host;
  return host;
}

export function addLans(network: Network, lab: Lab): void {
  const wan = network.segments.get('wan:internet')!;
  lab.lans.forEach((lan, index) => {
    const subnet = parseCidr(lan.cidr)!;
    const segment = addSegment(network, 'lan', lan.name, subnet);
    const router = addNode(network, {
      id: `router:${lan.name}`,
      kind: 'router',
      label: `the router of ${lan.name}`,
      listen: ['tcp/80', 'udp/53'].map(parseService),
    });
    router.forwardsFrom = 'all';
    const gateway = parseIpv4(lan.gateway)!;
    addIface(router, segment, {
      name: 'lan',
      mac: infraMac(`router:${lan.name}`),
      addrs: [{ ip: gateway, prefix: subnet.prefix }],
    });
    if (lan.internet) {
      const outside = addIface(router, wan, {
        name: 'wan',
        mac: infraMac(`router-wan:${lan.name}`),
        addrs: [{ ip: hostIn(WAN, index + 1), prefix: WAN.prefix }],
      });
      router.masqueradeOut.add(outside.id);
    }
    if (lan.dhcp) {
      addDhcpServer(segment, {
        address: gateway,
        subnet,
        from: parseIpv4(lan.dhcp.from)!,
        to: parseIpv4(lan.dhcp.to)!,
        gateway,
        dns: [gateway],
        owner: `the router of ${lan.name}`,
        reservations: reservationTable(lan.dhcp.reservations),
      });
    }
  });
}

export function addDevices(network: Network, lab: Lab): void {
  for (const lan of lab.lans) {
    const segment = network.segments.get(`lan:${lan.name}`)!;
    for (const device of lan.devices) {
      const node = addNode(network, {
        id: device.id,
        kind: 'device',
        label: device.id,
        listen: device.listen,
        firewall: device.firewall,
      });
      addIface(node, segment, { name: 'eth0', mac: infraMac(`device:${device.id}`) });
    }
  }
}

export function addHostNics(network: Network, lab: Lab): void {
  for (const nic of lab.host.nics) {
    const segment = network.segments.get(`lan:${nic.lan}`) ?? null;
    addIface(network.host, segment, { name: nic.name, mac: infraMac(`host:${nic.name}`) });
  }
}

export function addNatNetworks(network: Network, lab: Lab): void {
  const vmware = lab.hypervisor === 'vmware';
  for (const net of lab.natNetworks) {
    const subnet = parseCidr(net.cidr)!;
    const segment = addSegment(network, 'natnetwork', net.name, subnet);
    const gateway = hostIn(subnet, vmware ? VMWARE_NAT.gateway : VBOX_NATNET.gateway);
    // VB-NATNET-6: each loopback mapping is an address on the network that reaches one of the host's loopback addresses.
    const loopback = new Map(
      net.loopbackMappings.map((mapping) => [hostIn(subnet, mapping.offset), parseIpv4(mapping.hostIp)!]),
    );
    const service = addNode(network, {
      id: `natnet:${net.name}`,
      kind: 'nat-service',
      label: vmware ? `the NAT device of ${net.name}` : `the NAT service of ${net.name}`,
      listen: ['udp/53'].map(parseService),
      nat: { kind: 'host-proxy', loopback, localhostReachable: true, bindIp: null, owner: net.name },
    });
    const addrs = [gateway, ...loopback.keys()].map((ip) => ({ ip, prefix: subnet.prefix }));
    addIface(service, segment, { name: 'gw', mac: natDeviceMac(lab, net.name), addrs });
    if (net.hostAdapter) {
      const adapter = parseCidr(net.hostAdapter)!;
      addIface(network.host, segment, {
        name: net.name,
        mac: hostAdapterMac(lab, net.name),
        addrs: [adapter],
      });
    }
    if (net.dhcp) {
      const server = hostIn(subnet, vmware ? VMWARE_NAT.dhcpServer : VBOX_NATNET.dhcpServer);
      const range = net.dhcpRange;
      addDhcpServerNode(network, segment, `natnet-dhcp:${net.name}`, {
        address: server,
        subnet,
        from: range
          ? parseIpv4(range.from)!
          : hostIn(subnet, vmware ? VMWARE_NAT.firstLease : VBOX_NATNET.firstLease),
        // Leases run to .254 on a /24, and never past the last host of a smaller subnet.
        to: range
          ? parseIpv4(range.to)!
          : Math.min(hostIn(subnet, vmware ? VMWARE_NAT.lastLease : 254), lastHost(subnet)),
        gateway: optionRouter(net.dhcpOptions) ?? gateway,
        // VMW-2: the NAT device is the DNS server; VB-NATNET-5: VirtualBox hands out the host's resolvers.
        dns: optionDns(net.dhcpOptions) ?? (vmware ? [gateway] : natNetworkDns(lab, gateway)),
        owner: `the DHCP server of ${net.name}`,
        reservations: reservationTable(net.dhcpReservations),
        ...(vmware ? VMWARE_DHCP : {}),
      });
    }
  }
}

export function addHostOnlyNetworks(network: Network, lab: Lab): void {
  const vmnet = usesHostOnlyNetworks(lab);
  lab.hostOnlyNetworks.forEach((net, index) => {
    const configured = parseCidr(net.hostIp)!;
    const ics = usesIcs(lab, net.name);
    const hostIp = ics ? ICS.address : configured;
    const segment = addSegment(network, 'hostonly', net.name, hostIp);
    // VB61-HO-1: an address outside the allowed ranges is refused, and the adapter keeps none.
    const refused = !ics && hostOnlyRangeRefused(lab, configured.ip) !== null;
    if (net.hostAdapter) {
      addIface(network.host, segment, {
        name: net.name,
        mac: hostAdapterMac(lab, net.name, index),
        addrs: refused ? [] : [hostIp],
      });
    }
    const vmwareDhcp = lab.hypervisor === 'vmware' ? VMWARE_DHCP : {};
    if (vmnet) {
      // VB7-HO-1: macOS's vmnet runs the network: the host is its lower IP, its DHCP hands out the rest.
      addDhcpServer(segment, {
        address: configured.ip,
        subnet: configured,
        from: (configured.ip + 1) >>> 0,
        to: net.dhcp ? parseIpv4(net.dhcp.to)! : lastHost(configured),
        gateway: configured.ip,
        dns: [],
        owner: `macOS's vmnet DHCP for ${net.name}`,
        reservations: reservationTable(net.dhcp?.reservations ?? []),
      });
    } else if (net.dhcp) {
      addDhcpServerNode(network, segment, `dhcp:${net.name}`, {
        address: parseIpv4(net.dhcp.server)!,
        subnet: configured,
        from: parseIpv4(net.dhcp.from)!,
        to: parseIpv4(net.dhcp.to)!,
        // VB-HO-1: the host-only DHCP server hands out no default gateway, unless set by hand (DHCP-3).
        gateway: optionRouter(net.dhcp.options) ?? null,
        // VMW-15: VMware's names the host's VMnet address as DNS server, where nothing answers.
        dns: optionDns(net.dhcp.options) ?? (lab.hypervisor === 'vmware' ? [configured.ip] : []),
        owner: `the DHCP server of ${net.name}`,
        reservations: reservationTable(net.dhcp.reservations),
        ...vmwareDhcp,
      });
    }
    if (ics) {
      // ICS answers DHCP on the shared adapter too: a second server on the segment (OS-4).
      addDhcpServer(segment, {
        address: ICS.address.ip,
        subnet: ICS.address,
        from: hostIn(ICS.address, 2),
        to: hostIn(ICS.address, 254),
        gateway: ICS.address.ip,
        dns: [ICS.address.ip],
        domain: ICS_DOMAIN,
        owner: 'Windows Internet Connection Sharing',
      });
    }
  });
}

/**
 * VB-HO-2 on a Windows host: Internet Connection Sharing re-addresses the shared
 * adapter to 192.168.137.1/24 and starts its own DHCP server and DNS proxy there.
 */
export const ICS = { address: { ip: parseIpv4('192.168.137.1')!, prefix: 24 } } as const;

export function usesIcs(lab: Lab, network?: string): boolean {
  return (
    lab.host.os === 'windows' &&
    lab.host.share.some((share) => network === undefined || share.network === network)
  );
}

export function addInternalNetworks(network: Network, lab: Lab): void {
  for (const net of lab.internalNetworks) {
    const segment = addSegment(network, 'internal', net.name, null);
    if (net.dhcp) {
      const server = parseIpv4(net.dhcp.server)!;
      const from = parseIpv4(net.dhcp.from)!;
      // An internal network has no subnet of its own: the DHCP range defines it (/24).
      addDhcpServerNode(network, segment, `dhcp:${net.name}`, {
        address: server,
        subnet: { ip: from, prefix: 24 },
        from,
        to: parseIpv4(net.dhcp.to)!,
        gateway: optionRouter(net.dhcp.options) ?? null,
        dns: optionDns(net.dhcp.options) ?? [],
        owner: `the DHCP server of ${net.name}`,
        reservations: reservationTable(net.dhcp.reservations),
      });
    }
  }
}

type DhcpServerOptions = Parameters<typeof addDhcpServer>[1];

/** DHCP-3: option 3 set by hand (`--set-opt=3`), or undefined: the server's own. */
function optionRouter(options: DhcpOptions): Ipv4 | undefined {
  return options.router === null ? undefined : parseIpv4(options.router)!;
}

/** DHCP-3: option 6 set by hand (`--set-opt=6`), or undefined: the server's own. */
function optionDns(options: DhcpOptions): Ipv4[] | undefined {
  return options.dns === null ? undefined : options.dns.map((dns) => parseIpv4(dns)!);
}

/** A DHCP server that is a machine of its own on the segment: it answers ARP and ping. */
function addDhcpServerNode(network: Network, segment: Segment, id: string, options: DhcpServerOptions): void {
  const node = addNode(network, {
    id,
    kind: 'dhcp-server',
    label: options.owner,
    listen: ['udp/67'].map(parseService),
  });
  addIface(node, segment, {
    name: 'eth0',
    mac: infraMac(id),
    addrs: [{ ip: options.address, prefix: options.subnet.prefix }],
  });
  addDhcpServer(segment, options);
}

/** The last address of a subnet that a host may have (the one before broadcast). */
function lastHost(subnet: Cidr): number {
  return broadcastOf(subnet.ip, subnet.prefix) - 1;
}
