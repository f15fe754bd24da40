/** The ARP cache: the gateways a machine has talked to since it got its lease. */
import { formatIpv4 } from '@vnetlab/shared';
import type { NetNode } from '../compile/network';
import { formatMac } from '../probe/walk';

export interface Neighbour {
  readonly ip: string;
  readonly mac: string;
  readonly iface: string;
}

export function neighbours(node: NetNode): Neighbour[] {
  const out: Neighbour[] = [];
  for (const route of node.routes) {
    if (route.via === null || !route.iface.segment || !route.iface.up) continue;
    const answering = route.iface.segment.arp.get(route.via)?.at(-1);
    if (answering && !out.some((entry) => entry.ip === formatIpv4(route.via!))) {
      out.push({ ip: formatIpv4(route.via), mac: formatMac(answering.wireMac), iface: route.iface.name });
    }
  }
  return out;
}

/** net-tools `arp -n`. */
export function arpTable(node: NetNode): string {
  const entries = neighbours(node);
  if (entries.length === 0) return '';
  const header = 'Address                  HWtype  HWaddress           Flags Mask            Iface';
  return [
    header,
    ...entries.map((e) => `${e.ip.padEnd(25)}ether   ${e.mac}   C                     ${e.iface}`),
  ].join('\n');
}

export function ipNeigh(node: NetNode): string {
  return neighbours(node)
    .map((e) => `${e.ip} dev ${e.iface} lladdr ${e.mac} REACHABLE`)
    .join('\n');
}
