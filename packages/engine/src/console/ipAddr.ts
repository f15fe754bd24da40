/** `ip addr` and `ip route` as iproute2 prints them. */
import { broadcastOf, formatIpv4, networkOf } from '@vnetlab/shared';
import type { Iface, NetNode, RouteEntry } from '../compile/network';
import { formatMac } from '../probe/walk';

export function ipAddr(node: NetNode): string {
  const lines = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
  ];
  node.ifaces.forEach((iface, index) => {
    const flags = iface.up ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<NO-CARRIER,BROADCAST,MULTICAST,UP>';
    const state = iface.up ? 'UP' : 'DOWN';
    lines.push(
      `${index + 2}: ${iface.name}: ${flags} mtu 1500 qdisc fq_codel state ${state} group default qlen 1000`,
    );
    lines.push(`    link/ether ${formatMac(iface.mac)} brd ff:ff:ff:ff:ff:ff`);
    for (const address of iface.addrs) {
      const dynamic = iface.addressing.kind === 'dhcp' ? 'dynamic ' : '';
      const brd = formatIpv4(broadcastOf(address.ip, address.prefix));
      lines.push(
        `    inet ${formatIpv4(address.ip)}/${address.prefix} brd ${brd} scope global ${dynamic}${iface.name}`,
      );
      // A few seconds into the lease the server granted (VMware 1800 s, most others a day).
      const left = iface.addressing.kind === 'dhcp' ? `${iface.addressing.leaseSeconds - 6}sec` : 'forever';
      lines.push(`       valid_lft ${left} preferred_lft ${left}`);
    }
  });
  return lines.join('\n');
}

function metricOf(iface: Iface, route: RouteEntry): string {
  return route.proto === 'static' || iface.slot === null ? '' : ` metric ${100 + iface.slot}`;
}

export function ipRoute(node: NetNode): string {
  const routes = node.routes.filter((route) => route.iface.up);
  const sorted = [...routes].sort(
    (a, b) => (a.prefix === 0 ? -1 : 0) - (b.prefix === 0 ? -1 : 0) || a.net - b.net,
  );
  return sorted
    .map((route) => {
      const dest =
        route.prefix === 0 ? 'default' : `${formatIpv4(networkOf(route.net, route.prefix))}/${route.prefix}`;
      const via = route.via === null ? '' : ` via ${formatIpv4(route.via)}`;
      const proto = route.proto === 'static' ? '' : ` proto ${route.proto}`;
      const scope = route.via === null ? ' scope link' : '';
      const source = route.src ?? (route.proto === 'dhcp' ? (route.iface.addrs[0]?.ip ?? null) : null);
      const src = source !== null ? ` src ${formatIpv4(source)}` : '';
      return `${dest}${via} dev ${route.iface.name}${proto}${scope}${src}${metricOf(route.iface, route)}`;
    })
    .join('\n');
}
