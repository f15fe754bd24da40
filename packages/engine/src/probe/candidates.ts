/**
 * The ways to try when a probe names its target (lab-format.md, "Probes"): every
 * address of the target, then every port forward that leads to the asked port,
 * through each host address the rule listens on.
 */
import type { Ipv4 } from '@vnetlab/shared';
import type { NetNode, Network, PortForwardEntry } from '../compile/network';
import { addressesOf } from './endpoints';
import type { L4 } from './packet';

export interface Candidate {
  readonly dst: Ipv4;
  readonly port: number | null;
  /** The port forward this candidate goes through, if any. */
  readonly rule: PortForwardEntry | null;
}

export function candidatesFor(
  network: Network,
  from: NetNode,
  to: NetNode,
  proto: L4,
  port: number | null,
): Candidate[] {
  const direct = addressesOf(to).map((dst) => ({ dst, port, rule: null }));
  if (proto === 'icmp' || port === null) return direct;
  const forwarded: Candidate[] = [];
  for (const entry of to.vmId === null ? [] : (network.portForwardsByVm.get(to.vmId) ?? [])) {
    if (entry.inactive) continue;
    if (entry.rule.proto !== proto || entry.rule.guestPort !== port) continue;
    for (const dst of hostAddressesFor(network, from, entry)) {
      forwarded.push({ dst, port: entry.rule.hostPort, rule: entry });
    }
  }
  return [...direct, ...forwarded];
}

/** The host addresses a rule listens on, as seen from `from`: loopback only makes sense on the host. */
function hostAddressesFor(network: Network, from: NetNode, entry: PortForwardEntry): readonly Ipv4[] {
  const loopback = 0x7f000001;
  if (entry.bind !== null) {
    if (entry.bind >>> 24 === 127 && from !== network.host) return [];
    return [entry.bind];
  }
  const all = addressesOf(network.host);
  return from === network.host ? [loopback, ...all] : all;
}
