import type { Ipv4 } from '@vnetlab/shared';
import type { DhcpServer, Segment } from '../compile/network';

export type DhcpServerOptions = Omit<DhcpServer, 'next'>;

export function addDhcpServer(segment: Segment, options: DhcpServerOptions): DhcpServer {
  const server: DhcpServer = { ...options, next: options.from };
  segment.dhcpServers.push(server);
  return server;
}

/**
 * The next free lease, in the order clients ask (the products hand leases out
 * sequentially: VB-NATNET-2, lab-format.md "Addresses a guest gets by DHCP").
 * The server never leases its own address or the gateway's. Null: the pool is empty.
 */
export function nextLease(server: DhcpServer): Ipv4 | null {
  while (server.next <= server.to) {
    const candidate = server.next;
    server.next = (server.next + 1) >>> 0;
    if (candidate !== server.address && candidate !== server.gateway) return candidate;
  }
  return null;
}
