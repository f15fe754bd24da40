/**
 * Routing tables as `ip route` would print them: a connected route per addressed
 * interface that is up, a default route per gateway (first one wins, like the
 * lower metric NetworkManager gives the lower slot), then the VM's static routes.
 */
import { type Ipv4, inSubnet, type Lab, networkOf, parseCidr, parseIpv4 } from '@vnetlab/shared';
import type { Iface, NetNode, Network, RouteEntry } from '../compile/network';

export function buildRoutes(network: Network, lab: Lab): void {
  const staticRoutes = new Map(lab.vms.map((vm) => [vm.id, vm.routes]));
  for (const node of network.nodes.values()) {
    for (const iface of node.ifaces) addConnected(node, iface);
    for (const iface of node.ifaces) addDefault(node, iface);
    for (const route of staticRoutes.get(node.id) ?? []) {
      const to = parseCidr(route.to)!;
      const via = parseIpv4(route.via)!;
      const iface = onLinkIface(node, via);
      // Linux refuses a route whose gateway is not on a connected network ("Nexthop has invalid gateway").
      if (!iface) continue;
      node.routes.push({
        net: networkOf(to.ip, to.prefix),
        prefix: to.prefix,
        via,
        iface,
        proto: 'static',
        src: null,
      });
    }
  }
  const router = (id: string) => network.nodes.get(id);
  for (const lan of lab.lans) {
    const node = router(`router:${lan.name}`);
    // The LAN router's static routes (LV-5: back to a routed network through the host).
    for (const route of node ? lan.routes : []) {
      const to = parseCidr(route.to)!;
      const via = parseIpv4(route.via)!;
      const iface = onLinkIface(node!, via);
      if (iface)
        node!.routes.push({
          net: networkOf(to.ip, to.prefix),
          prefix: to.prefix,
          via,
          iface,
          proto: 'static',
          src: null,
        });
    }
    const wan = node?.ifaces.find((iface) => iface.name === 'wan');
    const internetIface = network.internet.ifaces[0]!;
    if (node && wan) {
      node.routes.push({
        net: 0,
        prefix: 0,
        via: internetIface.addrs[0]!.ip,
        iface: wan,
        proto: 'static',
        src: null,
      });
    }
  }
}

function addConnected(node: NetNode, iface: Iface): void {
  if (!iface.up) return;
  for (const address of iface.addrs) {
    const net = networkOf(address.ip, address.prefix);
    // Two addresses on one subnet (a NAT engine's .2 and .3) make one route.
    if (
      node.routes.some(
        (route) => route.net === net && route.prefix === address.prefix && route.iface === iface,
      )
    )
      continue;
    node.routes.push({ net, prefix: address.prefix, via: null, iface, proto: 'kernel', src: address.ip });
  }
}

function addDefault(node: NetNode, iface: Iface): void {
  if (!iface.up) return;
  const addressing = iface.addressing;
  const gateway = addressing.kind === 'static' || addressing.kind === 'dhcp' ? addressing.gateway : null;
  if (gateway === null) return;
  if (!iface.addrs.some((address) => inSubnet(gateway, address))) return;
  node.routes.push({
    net: 0,
    prefix: 0,
    via: gateway,
    iface,
    proto: addressing.kind === 'dhcp' ? 'dhcp' : 'static',
    src: null,
  });
}

export function onLinkIface(node: NetNode, ip: Ipv4): Iface | undefined {
  return node.ifaces.find((iface) => iface.up && iface.addrs.some((address) => inSubnet(ip, address)));
}

/** Longest prefix wins; among equals, the first (lowest metric) wins. */
export function lookupRoute(node: NetNode, dst: Ipv4): RouteEntry | null {
  let best: RouteEntry | null = null;
  for (const route of node.routes) {
    if (!route.iface.up) continue;
    if (networkOf(dst, route.prefix) !== route.net) continue;
    if (!best || route.prefix > best.prefix) best = route;
  }
  return best;
}

/** The source address the kernel picks for a route: the route's, else the interface's first. */
export function sourceFor(route: RouteEntry): Ipv4 | null {
  if (route.src !== null) return route.src;
  const onLink =
    route.via === null ? null : route.iface.addrs.find((address) => inSubnet(route.via!, address));
  return (onLink ?? route.iface.addrs[0])?.ip ?? null;
}
