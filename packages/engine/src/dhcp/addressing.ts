/**
 * Gives every client interface its address: static ones as written, DHCP ones
 * from the first DHCP server of their segment, in the order machines come up —
 * the host, then LAN devices, then VMs in file order and slot order.
 */
import { type IpConfig, parseCidr, parseIpv4 } from '@vnetlab/shared';
import type { Iface } from '../compile/network';
import { leaseFor } from './dhcpServer';

export interface AddressingRequest {
  readonly iface: Iface;
  readonly config: IpConfig;
}

export function assignAddresses(requests: readonly AddressingRequest[]): void {
  for (const { iface, config } of requests) {
    if (config !== 'dhcp') {
      const address = parseCidr(config.address)!;
      iface.addrs.push(address);
      iface.dns.push(...config.dns.map((dns) => parseIpv4(dns)!));
      iface.addressing = { kind: 'static', gateway: config.gateway ? parseIpv4(config.gateway) : null };
      continue;
    }
    if (!iface.up || !iface.segment) {
      iface.addressing = { kind: 'unconfigured' };
      continue;
    }
    const server = iface.segment.dhcpServers[0];
    const lease = server ? leaseFor(server, iface.mac) : null;
    if (!server || lease === null) {
      iface.addressing = { kind: 'dhcp-failed' };
      continue;
    }
    iface.addrs.push({ ip: lease, prefix: server.subnet.prefix });
    iface.dns.push(...server.dns);
    iface.addressing = {
      kind: 'dhcp',
      server: server.address,
      gateway: server.gateway,
      leaseSeconds: server.leaseSeconds,
      domain: server.domain,
    };
  }
}
