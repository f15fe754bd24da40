/**
 * A probe, as a student tests it (lab-format.md, "Probes"): to a name, whether any
 * way exists — every address of the target, then every port forward that leads to
 * it; to an address, exactly what `ping ADDR` or `nc ADDR PORT` does.
 */
import { formatIpv4, type Ipv4, type ProbeSpec } from '@vnetlab/shared';
import type { NetNode, Network, PortForwardEntry } from '../compile/network';
import { english } from '../why/english';
import { type Why, why } from '../why/why';
import { refusal } from './deliver';
import { addressesOf, describeAddress, findEndpoint, isSource, resolveTarget } from './endpoints';
import type { Hop, L4 } from './packet';
import { sourceProblem, unpluggedWhy } from './sourceProblem';
import { segmentLabel, walk } from './walk';

export interface ProbeResult {
  readonly reachable: boolean;
  /** The address (and port) that worked, e.g. "127.0.0.1:2222". */
  readonly via: string | null;
  readonly hops: readonly Hop[];
  readonly reason: string;
  readonly why: Why;
}

/** One try at one address: the walk there, the far end's answer, and the way back. */
export type Attempt =
  | {
      readonly ok: true;
      readonly at: NetNode;
      readonly hops: Hop[];
      readonly forwardedBy: PortForwardEntry | null;
    }
  | { readonly ok: false; readonly at: NetNode | null; readonly hops: Hop[]; readonly why: Why };

export function attempt(
  network: Network,
  from: NetNode,
  dst: Ipv4,
  proto: L4,
  port: number | null,
  trace = true,
): Attempt {
  const cannotSend = sourceProblem(from);
  if (cannotSend && !(from.notStarted === null && (dst >>> 24 === 127 || ownsLocally(from, dst)))) {
    return { ok: false, at: null, hops: [], why: cannotSend };
  }
  const out = walk(network, from, { src: null, dst, proto, port }, 'out', trace);
  if (!out.ok) {
    // No route from the source, and one of its adapters is unplugged: that is likely the one.
    const unplugged = from.ifaces.find((iface) => iface.segment !== null && !iface.up);
    const blame = out.at === from && out.why.code === 'network-unreachable' && unplugged;
    return { ok: false, at: out.at, hops: out.hops, why: blame ? unpluggedWhy(from, unplugged) : out.why };
  }
  const refused = refusal(out.at, out.packet, { firewall: !out.local });
  if (refused) {
    if (trace)
      out.hops.push({ node: out.at.id, action: 'drop', dir: 'out', detail: english(refused), why: refused });
    return { ok: false, at: out.at, hops: out.hops, why: refused };
  }
  // The reply goes to the last rewritten source; each NAT on the way then hands it
  // back to the source it replaced (conntrack), and every leg must route.
  const hops = [...out.hops];
  const legs = [
    { at: out.at, src: out.packet.dst, dst: out.packet.src },
    ...[...out.translations]
      .reverse()
      .map((t) => ({ at: t.at, src: t.originalDst, dst: t.originalSrc, handedBy: t.handedBy })),
  ];
  for (const leg of legs) {
    const back = walk(network, leg.at, { src: leg.src, dst: leg.dst, proto, port: null }, 'back', trace);
    hops.push(...back.hops);
    if (!back.ok) {
      const router = 'handedBy' in leg ? leg.handedBy : null;
      if (leg.at.nat.kind === 'host-proxy' && router && router !== from) {
        // OS-1: a NAT engine knows only its own network; the router VM must masquerade.
        const verdict = why('needs-masquerade', {
          nat: leg.at.label,
          address: formatIpv4(leg.dst),
          router: router.label,
        });
        return { ok: false, at: out.at, hops, why: verdict };
      }
      const verdict = why('no-reply-route', {
        node: leg.at.label,
        address: formatIpv4(leg.dst),
        detail: english(back.why),
      });
      return { ok: false, at: out.at, hops, why: verdict };
    }
  }
  return { ok: true, at: out.at, hops, forwardedBy: out.forwardedBy };
}

function ownsLocally(node: NetNode, ip: Ipv4): boolean {
  return node.ifaces.some((iface) => iface.addrs.some((address) => address.ip === ip));
}

export interface ProbeOptions {
  /** Record the packet's path (`hops`); the matrix turns it off. Default on. */
  readonly trace?: boolean;
}

export function probe(network: Network, spec: ProbeSpec, options: ProbeOptions = {}): ProbeResult {
  const trace = options.trace ?? true;
  const from = findEndpoint(network, spec.from);
  if (!from) return failed(why('unknown-endpoint', { name: spec.from }), []);
  if (!isSource(from)) return failed(why('not-a-source', { name: spec.from }), []);
  const proto: L4 = spec.kind === 'ping' ? 'icmp' : 'tcp';
  const port = spec.kind === 'ping' ? null : (spec.port ?? null);
  const target = resolveTarget(network, spec.to);
  switch (target.kind) {
    case 'unknown':
      return failed(why('unknown-endpoint', { name: target.name }), []);
    case 'address':
      return probeAddress(network, from, target.ip, proto, port, trace);
    case 'node':
      return probeNode(network, from, target.node, proto, port, trace);
    default: {
      const unexpected: never = target;
      throw new Error(`unknown target ${JSON.stringify(unexpected)}`);
    }
  }
}

function probeAddress(
  network: Network,
  from: NetNode,
  ip: Ipv4,
  proto: L4,
  port: number | null,
  trace: boolean,
): ProbeResult {
  const result = attempt(network, from, ip, proto, port, trace);
  if (!result.ok) return failed(result.why, result.hops);
  const address = describeAddress(ip, port);
  const verdict = result.forwardedBy
    ? forwardedWhy(from, result.forwardedBy, result.at, address)
    : result.at === from
      ? why('self', { from: from.label, address: formatIpv4(ip) })
      : why('reached', { from: from.label, to: result.at.label, address });
  return succeeded(verdict, address, result.hops);
}

interface Candidate {
  readonly dst: Ipv4;
  readonly port: number | null;
  /** The port forward this candidate goes through, if any. */
  readonly rule: PortForwardEntry | null;
}

function probeNode(
  network: Network,
  from: NetNode,
  to: NetNode,
  proto: L4,
  port: number | null,
  trace: boolean,
): ProbeResult {
  if (to.notStarted) return failed(to.notStarted, []);
  const candidates = candidatesFor(network, from, to, proto, port);
  if (candidates.length === 0) {
    const problem = sourceProblem(to);
    return failed(problem ?? why('no-target-address', { to: to.label }), []);
  }
  let best: { why: Why; hops: Hop[]; rank: number } | null = null;
  for (const candidate of candidates) {
    const result = attempt(network, from, candidate.dst, proto, candidate.port, trace);
    const address = describeAddress(candidate.dst, candidate.port);
    if (result.ok && result.at === to) {
      const verdict = result.forwardedBy
        ? forwardedWhy(from, result.forwardedBy, to, address)
        : why('reached', { from: from.label, to: to.label, address });
      return succeeded(verdict, address, result.hops);
    }
    const failure = result.ok
      ? wrongPlace(from, to, result.at, candidate.dst)
      : explainFailure(from, to, candidate, result.at, result.why, proto);
    if (!best || failure.rank > best.rank) best = { ...failure, hops: result.hops };
  }
  const hint = best!.rank === 1 || best!.rank === 2 ? portForwardHint(network, from, to, port) : null;
  return failed(hint ?? best!.why, best!.hops);
}

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
function explainFailure(
  from: NetNode,
  to: NetNode,
  candidate: Candidate,
  at: NetNode | null,
  verdict: Why,
  proto: L4,
): { why: Why; rank: number } {
  if (at === to) return { why: verdict, rank: 3 };
  const iface = to.ifaces.find((i) => i.addrs.some((address) => address.ip === candidate.dst));
  if (iface?.segment && !iface.up && !candidate.rule) return { why: unpluggedWhy(to, iface), rank: 2 };
  if (at === null || at === from) return { why: verdict, rank: 0 };
  // The student wrote a port forward for this: why it does not work says most.
  if (candidate.rule) return { why: verdict, rank: 2 };
  if (!PATH_FAILURES.has(verdict.code)) return { why: verdict, rank: 1 };
  return { why: explainClosedNetwork(from, to, candidate, verdict, proto), rank: 1 };
}

/** The packet was answered, but by someone else: often a NAT-mode VM pinging its own 10.0.2.15. */
function wrongPlace(from: NetNode, to: NetNode, at: NetNode, dst: Ipv4): { why: Why; rank: number } {
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
      });
    case 'natnetwork':
      return why('behind-nat', {
        from: from.label,
        vm: to.label,
        address,
        mode: 'natnetwork',
        network: segment.label,
        kind,
      });
    case 'internal':
    case 'hostonly':
      return why('isolated-network', {
        from: from.label,
        to: to.label,
        address,
        network: segmentLabel(segment),
        kind: segment.kind,
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
function portForwardHint(network: Network, from: NetNode, to: NetNode, port: number | null): Why | null {
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

function candidatesFor(
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
function hostAddressesFor(network: Network, from: NetNode, entry: PortForwardEntry): Ipv4[] {
  const loopback = 0x7f000001;
  if (entry.bind !== null) {
    if (entry.bind >>> 24 === 127 && from !== network.host) return [];
    return [entry.bind];
  }
  const all = addressesOf(network.host);
  return from === network.host ? [loopback, ...all] : all;
}

function forwardedWhy(from: NetNode, entry: PortForwardEntry, at: NetNode, via: string): Why {
  return why('forwarded', {
    from: from.label,
    rule: entry.rule.name,
    vm: at.label,
    via,
    to: `${formatIpv4(entry.guestIp ?? 0)}:${entry.rule.guestPort}`,
  });
}

function succeeded(verdict: Why, via: string, hops: Hop[]): ProbeResult {
  return { reachable: true, via, hops, reason: english(verdict), why: verdict };
}

function failed(verdict: Why, hops: Hop[]): ProbeResult {
  return { reachable: false, via: null, hops, reason: english(verdict), why: verdict };
}
