/**
 * The product rules that changed between releases, in one place, each by its id in
 * packages/engine/REFERENCE.md. The compile steps ask these, never the version itself.
 */
import { atLeast, type Ipv4, inSubnet, isLoopback, type Lab, parseCidr, parseIpv4 } from '@vnetlab/shared';

const isVirtualBox7 = (lab: Lab) => lab.hypervisor === 'virtualbox' && atLeast(lab.hypervisorVersion, 7, 0);

/**
 * VB7-NAT-1, VB7-NAT-2, VB61-NAT-1: whether 10.0.x.2 stands for the host's loopback.
 * VirtualBox 7 asks the adapter's "localhost reachable" (off by default, slirp
 * tcp_input.c drops the rest); 6.1 and older always map it.
 */
export function natAliasReachable(lab: Lab, localhostReachable: boolean): boolean {
  return !isVirtualBox7(lab) || localhostReachable;
}

/** VB61-HO-1: what host-only adapters may use without /etc/vbox/networks.conf. */
export const DEFAULT_HOST_ONLY_RANGE = '192.168.56.0/21';

/**
 * VB61-HO-1: since 6.1.28, on Linux and macOS hosts, a host-only adapter's address must
 * lie in 192.168.56.0/21 or in a range `networks.conf` allows; VBoxManage refuses the
 * rest (E_ACCESSDENIED), so the adapter keeps no IPv4 address. Returns the allowed
 * ranges when `hostIp` breaks the rule, null when it is fine.
 */
export function hostOnlyRangeRefused(lab: Lab, hostIp: Ipv4): readonly string[] | null {
  if (lab.hypervisor !== 'virtualbox' || lab.host.os === 'windows') return null;
  if (!atLeast(lab.hypervisorVersion, 6, 1, 28)) return null;
  if (usesHostOnlyNetworks(lab)) return null;
  const allowed = lab.host.networksConf ?? [DEFAULT_HOST_ONLY_RANGE];
  return allowed.some((range) => inSubnet(hostIp, parseCidr(range)!)) ? null : allowed;
}

/**
 * VB7-HO-1: VirtualBox 7 on a macOS host has no host-only adapters (vboxnetN): a
 * host-only adapter attaches to a host-only network run by macOS's vmnet framework,
 * where the host takes the lower IP and hands out the rest itself.
 */
export function usesHostOnlyNetworks(lab: Lab): boolean {
  return isVirtualBox7(lab) && lab.host.os === 'macos';
}

/**
 * VB-NATNET-5: a NAT network's DHCP hands out the host's own resolvers, unless the
 * host resolves through a loopback address (systemd-resolved's 127.0.0.53): a guest
 * cannot reach that, so it gets the network's gateway (.1), a DNS proxy, instead.
 */
export function natNetworkDns(lab: Lab, gateway: Ipv4): Ipv4[] {
  const resolvers = hostResolvers(lab);
  if (resolvers.length === 0 || resolvers.some(isLoopback)) return [gateway];
  return resolvers;
}

/** The host's resolvers: as written, else what its first NIC gets (the LAN router by DHCP). */
export function hostResolvers(lab: Lab): Ipv4[] {
  if (lab.host.dns.length > 0) return lab.host.dns.map((dns) => parseIpv4(dns)!);
  const nic = lab.host.nics[0];
  if (!nic) return [];
  if (nic.ip !== 'dhcp') return nic.ip.dns.map((dns) => parseIpv4(dns)!);
  const lan = lab.lans.find((candidate) => candidate.name === nic.lan);
  return lan?.dhcp ? [parseIpv4(lan.gateway)!] : [];
}
