/** What a TCP connect() from the console meets, shared by curl and nc. */
import type { NetNode } from '../compile/network';
import type { ProbeResult } from '../probe/probe';
import { refusedAtSource } from './format';

/**
 * `reset`: a port forward accepted the connection on the host, then the guest refused
 * it — the client sees a connection that opens and is reset (VirtualBox NAT).
 */
export type Outcome = 'connected' | 'reset' | 'refused' | 'unreachable' | 'no-route-to-host' | 'timeout';

export function outcomeOf(result: ProbeResult, node: NetNode): Outcome {
  if (result.reachable) return 'connected';
  const code = result.why.code;
  // A forward's guest that refuses, or stays silent (WIN-5), resets what the host accepted.
  const guestSaysNo = code === 'refused' || code === 'windows-stealth';
  if (code === 'pf-reset' || (guestSaysNo && result.hops.some((hop) => hop.why.code === 'hop-dnat')))
    return 'reset';
  // LV-6: icmp-port-unreachable from libvirt's firewall is ECONNREFUSED to the client.
  if (code === 'refused' || code === 'libvirt-rejects') return 'refused';
  if (refusedAtSource(result)) return 'unreachable';
  if (code === 'network-unreachable') return 'no-route-to-host';
  if ((code === 'no-arp' || code === 'gateway-silent') && result.hops.at(-1)?.node === node.id)
    return 'no-route-to-host';
  return 'timeout';
}

/** The strerror() of each failed connect(), as nc and curl -v print it. */
export function connectError(outcome: Exclude<Outcome, 'connected' | 'reset'>): string {
  switch (outcome) {
    case 'refused':
      return 'Connection refused';
    case 'unreachable':
      return 'Network is unreachable';
    case 'no-route-to-host':
      return 'No route to host';
    case 'timeout':
      return 'Connection timed out';
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${String(unexpected)}`);
    }
  }
}
