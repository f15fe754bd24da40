import { broadcastOf, type Ipv4, networkOf, parseIpv4 } from '@vnetlab/shared';
import type { DhcpServer, Segment } from '../compile/network';

export type DhcpServerOptions = Omit<
  DhcpServer,
  'next' | 'leases' | 'leaseSeconds' | 'reservations' | 'domain'
> &
  Partial<Pick<DhcpServer, 'leaseSeconds' | 'reservations' | 'domain'>>;

/** What most DHCP servers grant unless told otherwise: a day. */
const DEFAULT_LEASE_SECONDS = 86400;

export function addDhcpServer(segment: Segment, options: DhcpServerOptions): DhcpServer {
  const server: DhcpServer = {
    leaseSeconds: DEFAULT_LEASE_SECONDS,
    reservations: new Map(),
    domain: null,
    ...options,
    next: options.from,
    leases: new Map(),
  };
  segment.dhcpServers.push(server);
  return server;
}

/**
 * The next free lease, in the order clients ask (the products hand leases out
 * sequentially: VB-NATNET-2, lab-format.md "Addresses a guest gets by DHCP").
 * The server never leases its own address or the gateway's. Null: the pool is empty.
 */
export function leaseFor(server: DhcpServer, mac: string): Ipv4 | null {
  const known = server.leases.get(mac) ?? server.reservations.get(mac);
  if (known !== undefined) return known;
  const lease = nextLease(server);
  if (lease !== null) server.leases.set(mac, lease);
  return lease;
}

function nextLease(server: DhcpServer): Ipv4 | null {
  const network = networkOf(server.subnet.ip, server.subnet.prefix);
  const broadcast = broadcastOf(server.subnet.ip, server.subnet.prefix);
  while (server.next <= server.to) {
    const candidate = server.next;
    server.next = (server.next + 1) >>> 0;
    if (candidate === server.address || candidate === server.gateway) continue;
    // A reserved address goes only to its own client.
    if (reserved(server, candidate)) continue;
    // A range written past the subnet still never hands out its network or broadcast address, nor outside it.
    if (candidate <= network || candidate >= broadcast) continue;
    return candidate;
  }
  return null;
}

function reserved(server: DhcpServer, ip: Ipv4): boolean {
  for (const address of server.reservations.values()) if (address === ip) return true;
  return false;
}

/** A lab's reservations as the server's table. */
export function reservationTable(reservations: readonly { mac: string; ip: string }[]): Map<string, Ipv4> {
  return new Map(reservations.map((entry) => [entry.mac, parseIpv4(entry.ip)!]));
}
