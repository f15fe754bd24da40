/**
 * Networks where the host itself is the router — libvirt (LV-1 … LV-5) and Hyper-V
 * (HV-1 … HV-3), unlike VirtualBox's and VMware's NAT proxies. A NAT network is a host
 * interface (libvirt's virbr0, Hyper-V's "vEthernet (Default Switch)") where the host is
 * .1 — gateway, DNS and DHCP (dnsmasq, ICS) — and masquerades what it forwards; a libvirt
 * routed network forwards without NAT; an isolated network (Hyper-V: Internal switch)
 * has the host on it and no way out.
 *
 * LV-6: libvirt turns on the host's ip_forward for its networks and guards them in
 * iptables: a new connection forwarded into a NAT or isolated network from anywhere
 * else is rejected (icmp-port-unreachable); a routed network accepts it.
 */
import { hostIn, type Lab, parseCidr, parseIpv4, parseService } from '@vnetlab/shared';
import { addDhcpServer, reservationTable } from '../dhcp/dhcpServer';
import { addIface, addSegment, infraMac } from './builder';
import { ICS_DOMAIN } from './ics';
import type { Iface, Network } from './network';

export function addHostRoutedNetworks(network: Network, lab: Lab): void {
  const host = network.host;
  const hyperv = lab.hypervisor === 'hyperv';
  const ifaceName = (name: string, index: number) => (hyperv ? `vEthernet (${name})` : `virbr${index}`);
  const mac = (name: string) => `${hyperv ? '00155d' : '525400'}${infraMac(`bridge:${name}`).slice(-6)}`;
  const dhcpOwner = (name: string) => (hyperv ? `Hyper-V's ${name} (ICS)` : `libvirt's dnsmasq on ${name}`);
  const forwarded: Iface[] = [];
  const masqueraded: Iface[] = [];
  lab.natNetworks.forEach((net, index) => {
    const subnet = parseCidr(net.cidr)!;
    const segment = addSegment(network, 'natnetwork', net.name, subnet);
    const hostIp = net.hostAdapter
      ? parseCidr(net.hostAdapter)!
      : { ip: hostIn(subnet, 1), prefix: subnet.prefix };
    const bridge = addIface(host, segment, {
      name: ifaceName(net.name, index),
      mac: mac(net.name),
      addrs: [hostIp],
    });
    forwarded.push(bridge);
    if (!net.routed) masqueraded.push(bridge);
    if (!net.routed && !hyperv) host.rejectsNewInto.add(bridge.id);
    if (net.dhcp) {
      const range = net.dhcpRange;
      addDhcpServer(segment, {
        address: hostIp.ip,
        subnet,
        from: range ? parseIpv4(range.from)! : hostIn(subnet, 2),
        to: range ? parseIpv4(range.to)! : hostIn(subnet, 254),
        gateway: hostIp.ip,
        dns: [hostIp.ip],
        owner: dhcpOwner(ifaceName(net.name, index)),
        reservations: reservationTable(net.dhcpReservations),
        // HV-6: ICS names its domain mshome.net; dnsmasq's default lease is an hour.
        ...(hyperv ? { domain: ICS_DOMAIN } : { leaseSeconds: 3600 }),
      });
    }
  });
  lab.hostOnlyNetworks.forEach((net, index) => {
    const hostIp = parseCidr(net.hostIp)!;
    const segment = addSegment(network, 'hostonly', net.name, hostIp);
    // HV-5: an Internal switch's host side is "vEthernet (NAME)" with a Hyper-V MAC, like the Default Switch's.
    const name = ifaceName(net.name, lab.natNetworks.length + index);
    const bridge = addIface(host, segment, {
      name,
      mac: hyperv ? mac(net.name) : `525400${infraMac(`virbr:${net.name}`).slice(-6)}`,
      addrs: [hostIp],
    });
    if (!hyperv) host.rejectsNewInto.add(bridge.id);
    if (net.dhcp) {
      addDhcpServer(segment, {
        address: parseIpv4(net.dhcp.server)!,
        subnet: hostIp,
        from: parseIpv4(net.dhcp.from)!,
        to: parseIpv4(net.dhcp.to)!,
        // LV-2: dnsmasq on an isolated network advertises no router (dhcp-option=3).
        gateway: null,
        dns: hyperv ? [] : [hostIp.ip],
        owner: hyperv ? `the DHCP server of ${net.name}` : dhcpOwner(name),
        reservations: reservationTable(net.dhcp.reservations),
        leaseSeconds: 3600,
      });
    }
  });
  if (forwarded.length === 0) return;
  // The host forwards from its bridges and, libvirt's ip_forward being on, from the LAN
  // (LV-6 then rejects what is new into NAT and isolated networks); it masquerades only
  // what comes from NAT networks. Hyper-V's ICS forwards only what its switch shares.
  const lanIfaces = host.ifaces.filter((iface) => iface.segment?.kind === 'lan');
  host.forwardsFrom = new Set([...forwarded, ...(hyperv ? [] : lanIfaces)].map((iface) => iface.id));
  host.masqueradeOnlyFrom = new Set(masqueraded.map((iface) => iface.id));
  for (const iface of lanIfaces) host.masqueradeOut.add(iface.id);
}

/** dnsmasq (libvirt) and ICS (Hyper-V's Default Switch) answer DNS and DHCP for the guests. */
export const HOST_ROUTER_SERVICES = ['udp/53', 'udp/67'].map(parseService);
