/**
 * What the receiving machine does with a packet that reached it: its firewall
 * (OS-5) and whether anything listens on the port.
 */
import type { NetNode } from '../compile/network';
import { type Why, why } from '../why/why';
import type { Packet } from './packet';

export function refusal(node: NetNode, packet: Packet): Why | null {
  if (packet.proto === 'icmp') return node.firewall.icmp ? null : why('firewall-icmp', { node: node.label });
  const service = `${packet.proto}/${packet.port}`;
  const allow = node.firewall.allow;
  if (allow && !allow.some((rule) => rule.proto === packet.proto && rule.port === packet.port)) {
    return why('firewall-port', { node: node.label, service });
  }
  const listening = node.listen.some((rule) => rule.proto === packet.proto && rule.port === packet.port);
  return listening ? null : why('refused', { node: node.label, service });
}
