/** Windows `route print` (IPv4 table, the IPv6 table's loopback and link-local routes, WIN-3) and `arp -a`. */
import { broadcastOf, formatIpv4, maskOf, networkOf } from '@vnetlab/shared';
import type { NetNode, Network } from '../../compile/network';
import { linkLocal } from '../ipv6';
import { neighbours } from '../neighbours';
import { dashedMac, winAdapters } from './names';

const RULE = '='.repeat(75);
/** Automatic metrics: a 1 Gb/s adapter is 25, on-link routes add 256, the loopback is 75. */
const IF_METRIC = 25;

export function routePrint(network: Network, node: NetNode): string {
  const adapters = winAdapters(network, node);
  const list = adapters.map(
    (a) =>
      `${String(a.index).padStart(3)}...${dashedMac(a.iface.mac, false).replaceAll('-', ' ')} ......${a.description}`,
  );
  const rows: [string, string, string, string, number][] = [];
  for (const a of adapters) {
    const address = a.iface.addrs[0];
    if (!a.iface.up || !address) continue;
    const me = formatIpv4(address.ip);
    const gateway =
      a.iface.addressing.kind === 'dhcp' || a.iface.addressing.kind === 'static'
        ? a.iface.addressing.gateway
        : null;
    if (gateway !== null) rows.push(['0.0.0.0', '0.0.0.0', formatIpv4(gateway), me, IF_METRIC]);
    rows.push([
      formatIpv4(networkOf(address.ip, address.prefix)),
      formatIpv4(maskOf(address.prefix)),
      'On-link',
      me,
      256 + IF_METRIC,
    ]);
    rows.push([me, '255.255.255.255', 'On-link', me, 256 + IF_METRIC]);
    rows.push([
      formatIpv4(broadcastOf(address.ip, address.prefix)),
      '255.255.255.255',
      'On-link',
      me,
      256 + IF_METRIC,
    ]);
  }
  const loop: [string, string, string, string, number][] = [
    ['127.0.0.0', '255.0.0.0', 'On-link', '127.0.0.1', 331],
    ['127.0.0.1', '255.255.255.255', 'On-link', '127.0.0.1', 331],
    ['127.255.255.255', '255.255.255.255', 'On-link', '127.0.0.1', 331],
  ];
  const up = adapters
    .filter((a) => a.iface.up && a.iface.addrs[0])
    .map((a) => formatIpv4(a.iface.addrs[0]!.ip));
  const multicast: [string, string, string, string, number][] = [
    ['224.0.0.0', '240.0.0.0', 'On-link', '127.0.0.1', 331],
    ...up.map((me): [string, string, string, string, number] => [
      '224.0.0.0',
      '240.0.0.0',
      'On-link',
      me,
      256 + IF_METRIC,
    ]),
    ['255.255.255.255', '255.255.255.255', 'On-link', '127.0.0.1', 331],
    ...up.map((me): [string, string, string, string, number] => [
      '255.255.255.255',
      '255.255.255.255',
      'On-link',
      me,
      256 + IF_METRIC,
    ]),
  ];
  const all = [
    ...rows.filter((r) => r[0] === '0.0.0.0'),
    ...rows.filter((r) => r[0] !== '0.0.0.0'),
    ...loop,
    ...multicast,
  ];
  const sorted = [
    all[0]?.[0] === '0.0.0.0' ? all.filter((r) => r[0] === '0.0.0.0') : [],
    all.filter((r) => r[0] !== '0.0.0.0').sort((a, b) => ipNum(a[0]) - ipNum(b[0])),
  ].flat();
  const format = (r: [string, string, string, string, number]) =>
    // route.exe prints "On-link" one column narrower and the interface one wider.
    r[2] === 'On-link'
      ? `${r[0].padStart(17)}${r[1].padStart(17)}${r[2].padStart(16)}${r[3].padStart(18)}${String(r[4]).padStart(7)}`
      : `${r[0].padStart(17)}${r[1].padStart(17)}${r[2].padStart(17)}${r[3].padStart(17)}${String(r[4]).padStart(7)}`;
  return [
    RULE,
    'Interface List',
    ...list,
    '  1...........................Software Loopback Interface 1',
    RULE,
    '',
    'IPv4 Route Table',
    RULE,
    'Active Routes:',
    'Network Destination        Netmask          Gateway       Interface  Metric',
    ...sorted.map(format),
    RULE,
    'Persistent Routes:',
    '  None',
    '',
    'IPv6 Route Table',
    RULE,
    'Active Routes:',
    ' If Metric Network Destination      Gateway',
    ...ipv6Routes(adapters),
    RULE,
    'Persistent Routes:',
    '  None',
  ].join('\n');
}

/**
 * The IPv6 table by destination, as route.exe sorts it: ::1, each adapter's fe80::/64 and
 * its own /128, then ff00::/8 on the loopback and on each adapter (link-local only, WIN-3).
 */
function ipv6Routes(adapters: readonly { iface: NetNode['ifaces'][number]; index: number }[]): string[] {
  // A destination wider than its column pushes the gateway to a line of its own, aligned.
  const row = (index: number, metric: number, destination: string) => {
    const head = `${String(index).padStart(3)}${String(metric).padStart(7)} ${destination}`;
    return destination.length > 24 ? `${head}\n${' '.repeat(36)}On-link` : `${head.padEnd(35)} On-link`;
  };
  const linked = adapters.flatMap((a) => {
    const address = linkLocal(a.iface);
    return address === null ? [] : [{ index: a.index, address }];
  });
  return [
    row(1, 331, '::1/128'),
    ...linked.map((a) => row(a.index, 256 + IF_METRIC, 'fe80::/64')),
    ...linked.map((a) => row(a.index, 256 + IF_METRIC, `${a.address}/128`)),
    row(1, 331, 'ff00::/8'),
    ...linked.map((a) => row(a.index, 256 + IF_METRIC, 'ff00::/8')),
  ];
}

function ipNum(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const MULTICAST = [
  ['224.0.0.22', '01-00-5e-00-00-16'],
  ['224.0.0.251', '01-00-5e-00-00-fb'],
  ['224.0.0.252', '01-00-5e-00-00-fc'],
  ['239.255.255.250', '01-00-5e-7f-ff-fa'],
  ['255.255.255.255', 'ff-ff-ff-ff-ff-ff'],
];

export function arpA(network: Network, node: NetNode): string {
  const learned = neighbours(node);
  const blocks: string[] = [];
  for (const a of winAdapters(network, node)) {
    const address = a.iface.addrs[0];
    if (!a.iface.up || !address) continue;
    const row = (ip: string, mac: string, type: string) => `  ${ip.padEnd(22)}${mac.padEnd(22)}${type}`;
    const dynamic = learned
      .filter((n) => n.iface === a.iface.name)
      .map((n) => row(n.ip, n.mac.replaceAll(':', '-'), 'dynamic'));
    blocks.push(
      [
        '',
        `Interface: ${formatIpv4(address.ip)} --- 0x${a.index.toString(16)}`,
        '  Internet Address      Physical Address      Type',
        ...dynamic,
        row(formatIpv4(broadcastOf(address.ip, address.prefix)), 'ff-ff-ff-ff-ff-ff', 'static'),
        ...MULTICAST.map(([ip, mac]) => row(ip!, mac!, 'static')),
      ].join('\n'),
    );
  }
  return blocks.length === 0 ? 'No ARP Entries Found.' : blocks.join('\n');
}
