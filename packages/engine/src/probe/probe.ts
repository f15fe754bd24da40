/**
 * A probe, as a student tests it (lab-format.md, "Probes"): to a name, whether any
 * way exists — every address of the target, then every port forward that leads to
 * it; to an address, exactly what `ping ADDR` or `nc ADDR PORT` does.
 */
import { english, formatIpv4, type Ipv4, type ProbeSpec, type Why, why } from '@vnetlab/shared';
import type { NetNode, Network, PortForwardEntry } from '../compile/network';
import { candidatesFor } from './candidates';
import { refusal } from './deliver';
import { describeAddress, findEndpoint, isSource, resolveTarget } from './endpoints';
import { explainFailure, portForwardHint, wrongPlace } from './explain';
import type { Hop, L4 } from './packet';
import { sourceProblem, unpluggedWhy } from './sourceProblem';
import { walk } from './walk';

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
  const cannotSend = sourceProblem(from, network.hypervisor);
  if (cannotSend && !(from.notStarted === null && (dst >>> 24 === 127 || ownsLocally(from, dst)))) {
    return { ok: false, at: null, hops: [], why: cannotSend };
  }
  const out = walk(network, from, { src: null, dst, proto, port }, 'out', trace);
  if (!out.ok) {
    // No route from the source, and one of its adapters is unplugged: that is likely the one.
    const unplugged = from.ifaces.find((iface) => iface.segment !== null && !iface.up);
    const blame = out.at === from && out.why.code === 'network-unreachable' && unplugged;
    if (out.forwardedBy && proto === 'tcp') {
      // VB-NAT-7: the host's socket accepted; the NAT engine then fails to reach the guest and resets.
      const rule = out.forwardedBy;
      const to = `${formatIpv4(rule.guestIp ?? 0)}:${rule.rule.guestPort}`;
      const verdict = why('pf-reset', {
        rule: rule.rule.name,
        nat: rule.engine.label,
        to,
        cause: out.why,
      });
      return { ok: false, at: out.at, hops: out.hops, why: verdict };
    }
    return {
      ok: false,
      at: out.at,
      hops: out.hops,
      why: blame ? unpluggedWhy(from, unplugged, network.hypervisor) : out.why,
    };
  }
  const refused = refusal(out.at, out.packet, { firewall: !out.local, arrivedOn: out.arrivedOn });
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
        cause: back.why,
      });
      return { ok: false, at: out.at, hops, why: verdict };
    }
  }
  return { ok: true, at: out.at, hops, forwardedBy: out.forwardedBy };
}

function ownsLocally(node: NetNode, ip: Ipv4): boolean {
  return node.ifaces.some((iface) => iface.addrs.some((address) => address.ip === ip));
}

/** A probe's answer before it is put in words: what the matrix keeps for each cell. */
export type Verdict = Omit<ProbeResult, 'reason'>;

export function probe(network: Network, spec: ProbeSpec): ProbeResult {
  const verdict = probeVerdict(network, spec, true);
  return {
    reachable: verdict.reachable,
    via: verdict.via,
    hops: verdict.hops,
    reason: english(verdict.why),
    why: verdict.why,
  };
}

/**
 * `trace` off records no hops: the matrix needs only verdicts, and rendering the
 * path and the sentence of a million probes would be most of their cost.
 */
export function probeVerdict(network: Network, spec: ProbeSpec, trace: boolean): Verdict {
  const from = findEndpoint(network, spec.from);
  if (!from) return failed(why('unknown-endpoint', { name: spec.from }), []);
  if (!isSource(from)) return failed(why('not-a-source', { name: spec.from }), []);
  const proto: L4 = spec.kind === 'ping' ? 'icmp' : spec.kind;
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
): Verdict {
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

function probeNode(
  network: Network,
  from: NetNode,
  to: NetNode,
  proto: L4,
  port: number | null,
  trace: boolean,
): Verdict {
  if (to.notStarted) return failed(to.notStarted, []);
  const candidates = candidatesFor(network, from, to, proto, port);
  if (candidates.length === 0) {
    const problem = sourceProblem(to, network.hypervisor);
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
      : explainFailure(from, to, candidate, result.at, result.why, proto, network.hypervisor);
    if (!best || failure.rank > best.rank) best = { ...failure, hops: result.hops };
  }
  const hint = best!.rank === 1 || best!.rank === 2 ? portForwardHint(network, from, to, port) : null;
  return failed(hint ?? best!.why, best!.hops);
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

function succeeded(verdict: Why, via: string, hops: Hop[]): Verdict {
  return { reachable: true, via, hops, why: verdict };
}

function failed(verdict: Why, hops: Hop[]): Verdict {
  return { reachable: false, via: null, hops, why: verdict };
}
