/**
 * What the receiving machine does with a packet that reached it: its firewall
 * (OS-5) and whether anything listens on the port.
 */

import { parseIpv4, type Why, why } from '@vnetlab/shared';
import type { Iface, NetNode } from '../compile/network';
import type { Packet } from './packet';

export interface RefusalChecks {
  /** Apply the firewall (not for what the machine sends to itself). Default on. */
  readonly firewall?: boolean;
  /** Require a listening service. Default on. */
  readonly listening?: boolean;
  /** The interface the packet came in on (WIN-8: a Windows host's Public network drops echo). */
  readonly arrivedOn?: Iface | null;
}

export function refusal(node: NetNode, packet: Packet, checks: RefusalChecks = {}): Why | null {
  const firewall = checks.firewall ?? true;
  if (packet.proto === 'icmp') {
    if (!firewall) return null;
    if (!node.firewall.icmp) return why('firewall-icmp', { node: node.label });
    const nic = checks.arrivedOn?.name;
    if (nic !== undefined && node.firewall.icmpDroppedOn.includes(nic))
      return why('firewall-public', { node: node.label, nic });
    return null;
  }
  const service = `${packet.proto}/${packet.port}`;
  const allow = node.firewall.allow;
  if (firewall && allow && !allow.some((rule) => rule.proto === packet.proto && rule.port === packet.port)) {
    return why('firewall-port', { node: node.label, service });
  }
  if (checks.listening === false) return null;
  // OS-7: a service bound to one address ("tcp/127.0.0.1:8080") answers only there.
  const listening = node.listen.some(
    (rule) =>
      rule.proto === packet.proto &&
      rule.port === packet.port &&
      (rule.address === null || parseIpv4(rule.address) === packet.dst),
  );
  if (listening) return null;
  // WIN-5: Windows Defender Firewall, on by default, stealths a closed port: no RST, no port unreachable.
  // Turned off (WIN-7), the stack answers as any other: a reset, a port unreachable.
  if (firewall && node.os === 'windows' && node.firewall.enabled)
    return why('windows-stealth', { node: node.label, service });
  return why('refused', { node: node.label, service });
}
