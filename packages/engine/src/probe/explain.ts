/**
 * Which failure of a named probe to tell, and in what words: the cause a student
 * should fix (an unplugged cable, a closed network, a port forward that is not
 * active), not a symptom further down the path.
 */
import { formatIpv4, type Hypervisor, type Ipv4, type Why, why } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import type { Candidate } from './candidates';
import type { L4 } from './packet';
import { unpluggedWhy } from './sourceProblem';
import { segmentLabel } from './walk';

/** Failures that happen on the way, before the packet meets the target. */
const PATH_FAILURES = new Set<Why['code']>([
  'network-unreachable',
  'no-arp',
  'gateway-silent',
  'not-forwarding',
  'host-not-sharing',
  'no-internet',
  'private-on-internet',
  'routing-loop',
]);

/**
 * Which failure of a candidate to tell, and how much it says (rank): one that met
 * the target says most; one that never left the source keeps the source's reason,
 * which is what to fix first; one lost on the way is said about the target's network.
 */
export function explainFailure(
  from: NetNode,
  to: NetNode,
  candidate: Candidate,
  at: NetNode | null,
  verdict: Why,
  proto: L4,
  product: Hypervisor,
): { why: Why; rank: number } {
  if (at === to) return { why: verdict, rank: 3 };
  const iface = to.ifaces.find((i) => i.addrs.some((address) => address.ip === candidate.dst));
  if (iface?.segment && !iface.up && !candidate.rule)
    return { why: unpluggedWhy(to, iface, product), rank: 2 };
  if (at === null || at === from) return { why: verdict, rank: 0 };
  // The student wrote a port forward for this: why it does not work says most.
  if (candidate.rule) return { why: verdict, rank: 2 };
  if (!PATH_FAILURES.has(verdict.code)) return { why: verdict, rank: 1 };
  return { why: explainClosedNetwork(from, to, candidate, verdict, proto, product), rank: 1 };
}

/** The packet was answered, but by someone else: often a NAT-mode VM pinging its own 10.0.2.15. */
export function wrongPlace(from: NetNode, to: NetNode, at: NetNode, dst: Ipv4): { why: Why; rank: number } {
  const address = formatIpv4(dst);
  const onNat = (node: NetNode) =>
    node.ifaces.some((iface) => iface.segment?.kind === 'nat' && iface.addrs.some((a) => a.ip === dst));
  if (at === from && onNat(from) && onNat(to)) {
    return { why: why('nat-private', { from: from.label, to: to.label, address }), rank: 2 };
  }
  return { why: why('reached-other', { from: from.label, to: to.label, address, other: at.label }), rank: 2 };
}

/**
 * A direct try at an address on a network the source is not on, and that lets
 * no outsider in: say which network, and what would let the source in.
 */
function explainClosedNetwork(
  from: NetNode,
  to: NetNode,
  candidate: Candidate,
  verdict: Why,
  proto: L4,
  product: Hypervisor,
): Why {
  const kind = proto === 'icmp' ? 'ping' : proto;
  const iface = to.ifaces.find((i) => i.addrs.some((address) => address.ip === candidate.dst));
  const segment = iface?.segment;
  if (!segment || from.ifaces.some((i) => i.segment === segment && i.up)) return verdict;
  const address = formatIpv4(candidate.dst);
  switch (segment.kind) {
    case 'nat':
      return why('behind-nat', {
        from: from.label,
        vm: to.label,
        address,
        mode: 'nat',
        network: segment.label,
        kind,
        product,
      });
    case 'natnetwork':
      return why('behind-nat', {
        from: from.label,
        vm: to.label,
        address,
        mode: 'natnetwork',
        network: segment.label,
        kind,
        product,
      });
    case 'internal':
    case 'hostonly':
      return why('isolated-network', {
        from: from.label,
        to: to.label,
        address,
        network: segmentLabel(segment),
        kind: segment.kind,
        product,
      });
    case 'lan':
    case 'wan':
      return verdict;
    default: {
      const unexpected: never = segment.kind;
      throw new Error(`unknown segment kind ${String(unexpected)}`);
    }
  }
}

/** A rule that would lead to the target but is not active, or listens only on the host's loopback. */
export function portForwardHint(
  network: Network,
  from: NetNode,
  to: NetNode,
  port: number | null,
): Why | null {
  if (port === null) return null;
  const rules = (network.portForwardsByVm.get(to.vmId ?? '') ?? []).filter(
    (entry) => entry.rule.guestPort === port,
  );
  const inactive = rules.find((entry) => entry.inactive);
  if (inactive?.inactive) return inactive.inactive;
  if (from === network.host) return null;
  const entry = rules.find((candidate) => candidate.bind !== null && candidate.bind >>> 24 === 127);
  if (!entry) return null;
  return why('pf-bound-elsewhere', {
    rule: entry.rule.name,
    vm: to.label,
    bind: entry.rule.hostIp,
    from: from.label,
  });
}
