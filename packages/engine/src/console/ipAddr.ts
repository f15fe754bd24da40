/** `ip addr`, `ip link`, `ip route` as iproute2 prints them (IPv6: link-local only, CON-4). */
import { broadcastOf, formatIpv4, networkOf } from '@vnetlab/shared';
import type { Iface, NetNode, RouteEntry } from '../compile/network';
import { formatMac } from '../probe/walk';
import { inet6Lines, LOOPBACK_INET6, linkLocal } from './ipv6';

export interface ShowOptions {
  /** `-br`: one line per interface. */
  readonly brief: boolean;
  /** `-4`: interfaces without an IPv4 address are left out, and so are link lines. */
  readonly inet4: boolean;
  /** `-6`: the same for IPv6. */
  readonly inet6?: boolean;
  /** `ip addr show DEV`. */
  readonly dev: string | null;
}

const LO_FLAGS = '<LOOPBACK,UP,LOWER_UP>';

function flagsOf(iface: Iface): string {
  return iface.up ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<NO-CARRIER,BROADCAST,MULTICAST,UP>';
}

function stateOf(iface: Iface): string {
  return iface.up ? 'UP' : 'DOWN';
}

export function ipAddr(
  node: NetNode,
  options: ShowOptions = { brief: false, inet4: false, dev: null },
): string {
  const wanted = (name: string) => options.dev === null || options.dev === name;
  const v4 = !options.inet6;
  const v6 = !options.inet4;
  const family = options.inet4 || options.inet6;
  const shown = (iface: Iface) =>
    wanted(iface.name) &&
    (!options.inet4 || iface.addrs.length > 0) &&
    (!options.inet6 || linkLocal(iface) !== null);
  if (options.brief) {
    const loAddrs = `${v4 ? '127.0.0.1/8 ' : ''}${v6 ? '::1/128 ' : ''}`;
    const lines = wanted('lo') ? [`${'lo'.padEnd(16)} ${'UNKNOWN'.padEnd(14)} ${loAddrs}`] : [];
    for (const iface of node.ifaces) {
      if (!shown(iface)) continue;
      const addrs = v4 ? iface.addrs.map((a) => `${formatIpv4(a.ip)}/${a.prefix} `).join('') : '';
      const local = v6 ? linkLocal(iface) : null;
      lines.push(
        `${iface.name.padEnd(16)} ${stateOf(iface).padEnd(14)} ${addrs}${local === null ? '' : `${local}/64 `}`,
      );
    }
    return lines.join('\n');
  }
  const lines: string[] = [];
  if (wanted('lo')) {
    lines.push(`1: lo: ${LO_FLAGS} mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000`);
    if (!family) lines.push('    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
    if (v4)
      lines.push('    inet 127.0.0.1/8 scope host lo', '       valid_lft forever preferred_lft forever');
    if (v6) lines.push(...LOOPBACK_INET6);
  }
  node.ifaces.forEach((iface, index) => {
    if (!shown(iface)) return;
    lines.push(
      `${index + 2}: ${iface.name}: ${flagsOf(iface)} mtu 1500 qdisc fq_codel state ${stateOf(iface)} group default qlen 1000`,
    );
    if (!family) lines.push(`    link/ether ${formatMac(iface.mac)} brd ff:ff:ff:ff:ff:ff`);
    if (v6 && !v4) {
      lines.push(...inet6Lines(iface));
      return;
    }
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
    if (v6) lines.push(...inet6Lines(iface));
  });
  return lines.join('\n');
}

export function ipLink(node: NetNode, options: ShowOptions): string {
  const wanted = (name: string) => options.dev === null || options.dev === name;
  const lines: string[] = [];
  if (options.brief) {
    if (wanted('lo')) lines.push(`${'lo'.padEnd(16)} ${'UNKNOWN'.padEnd(14)} 00:00:00:00:00:00 ${LO_FLAGS} `);
    for (const iface of node.ifaces)
      if (wanted(iface.name))
        lines.push(
          `${iface.name.padEnd(16)} ${stateOf(iface).padEnd(14)} ${formatMac(iface.mac)} ${flagsOf(iface)} `,
        );
    return lines.join('\n');
  }
  if (wanted('lo')) {
    lines.push(
      `1: lo: ${LO_FLAGS} mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000`,
    );
    lines.push('    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
  }
  node.ifaces.forEach((iface, index) => {
    if (!wanted(iface.name)) return;
    lines.push(
      `${index + 2}: ${iface.name}: ${flagsOf(iface)} mtu 1500 qdisc fq_codel state ${stateOf(iface)} mode DEFAULT group default qlen 1000`,
    );
    lines.push(`    link/ether ${formatMac(iface.mac)} brd ff:ff:ff:ff:ff:ff`);
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
