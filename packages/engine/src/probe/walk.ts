/**
 * The packet walk: one packet from a node towards an address, hop by hop, through
 * routing (l3), ARP (l2), masquerade and the hypervisors' NAT proxies (nat), to
 * the node that owns the destination — or to the hop that drops it, and why.
 */
import { english, formatIpv4, type Ipv4, isLoopback, isPublic, type Why, why } from '@vnetlab/shared';
import type { Iface, NetNode, Network, PortForwardEntry, RouteEntry } from '../compile/network';
import { resolveArp } from '../l2/arp';
import { sniffers } from '../l2/capture';
import { lookupRoute, sourceFor } from '../l3/routes';
import { matchPortForward } from '../nat/portForwards';
import { refusal } from './deliver';
import type { Hop, HopAction, Packet } from './packet';

const MAX_HOPS = 32;
const LOOPBACK = 0x7f000001;

export type WalkResult =
  | {
      readonly ok: true;
      readonly at: NetNode;
      /** The packet as the receiver sees it (after every translation). */
      readonly packet: Packet & { readonly src: Ipv4 };
      readonly hops: Hop[];
      readonly forwardedBy: PortForwardEntry | null;
      /** Each source rewrite on the way, in order: replies are handed back leg by leg. */
      readonly translations: readonly Translation[];
      /** The receiver sent it to itself (the host, on behalf of a NAT proxy): its firewall never sees it. */
      readonly local: boolean;
      /** The receiver's interface it came in on; null when it began there. */
      readonly arrivedOn: Iface | null;
    }
  | {
      readonly ok: false;
      readonly at: NetNode;
      readonly why: Why;
      readonly hops: Hop[];
      /** The port forward the packet went through before it was lost, if any (VB-NAT-7). */
      readonly forwardedBy: PortForwardEntry | null;
    };

/** Where a reply is un-translated, and the source it must go back to from there. */
export interface Translation {
  readonly at: NetNode;
  readonly originalSrc: Ipv4;
  /** The destination the sender used: the source of the reply it gets. */
  readonly originalDst: Ipv4;
  /** The node that handed the packet over (a router VM, say); null when it began here. */
  readonly handedBy: NetNode | null;
}

export function ownsAddress(network: Network, node: NetNode, ip: Ipv4): boolean {
  if (node.kind === 'internet') return isPublic(ip) && !network.owners.has(ip);
  return node.ifaces.some((iface) => iface.addrs.some((address) => address.ip === ip));
}

/**
 * `trace` off skips recording hops: the matrix needs only verdicts, and rendering
 * every hop of a million probes is most of their cost.
 */
export function walk(
  network: Network,
  origin: NetNode,
  start: Packet,
  dir: 'out' | 'back',
  trace = true,
): WalkResult {
  const trail = new Trail(dir, trace);
  const { hops, translations } = trail;

  let node = origin;
  let packet: Packet = start;
  let inIface: Iface | null = null;
  let previous: NetNode | null = null;
  let originating = true;
  let forwardedBy: PortForwardEntry | null = null;

  for (let step = 0; step < MAX_HOPS; step++) {
    const local = ownsAddress(network, node, packet.dst) || (originating && isLoopback(packet.dst));
    if (local) {
      const rule =
        dir === 'out' && node === network.host && packet.proto !== 'icmp' && packet.port !== null
          ? matchPortForward(network, packet.dst, packet.proto, packet.port)
          : null;
      if (rule && rule.guestIp !== null && !originating) {
        // The rule is a socket of the VM's process on the host: the host's firewall filters it.
        const blocked = refusal(node, packet, { listening: false });
        if (blocked) return trail.fail(node, blocked);
      }
      if (rule && rule.guestIp !== null) {
        const to = `${formatIpv4(rule.guestIp)}:${rule.rule.guestPort}`;
        trail.hop(node, 'translate', () =>
          why('hop-dnat', {
            node: rule.engine.label,
            rule: rule.rule.name,
            from: `${formatIpv4(packet.dst)}:${packet.port}`,
            to,
          }),
        );
        forwardedBy = rule;
        trail.forwardedBy = rule;
        trail.translated(node, packet, previous);
        node = rule.engine;
        packet = { src: null, dst: rule.guestIp, proto: packet.proto, port: rule.rule.guestPort };
        originating = true;
        inIface = null;
        continue;
      }
      const nat = node.nat;
      const loopback = nat.kind === 'host-proxy' && dir === 'out' ? nat.loopback.get(packet.dst) : undefined;
      if (nat.kind === 'host-proxy' && loopback !== undefined) {
        if (!nat.localhostReachable) {
          // VB7-NAT-1: slirp drops it without a word (no echo reply, no RST): the client times out.
          return trail.fail(
            node,
            why('nat-alias-dropped', { vm: nat.owner, address: formatIpv4(packet.dst), proto: packet.proto }),
          );
        }
        if (packet.proto !== 'icmp') {
          trail.hop(node, 'translate', () =>
            why('hop-proxy', { node: node.label, as: formatIpv4(loopback) }),
          );
          trail.translated(node, packet, previous);
          node = network.host;
          packet = { ...packet, src: LOOPBACK, dst: loopback };
          originating = true;
          continue;
        }
      }
      trail.hop(node, 'deliver', () =>
        why('hop-deliver', { node: node.label, address: formatIpv4(packet.dst) }),
      );
      return {
        ok: true,
        at: node,
        packet: { ...packet, src: packet.src ?? packet.dst },
        hops,
        forwardedBy,
        translations,
        local: originating,
        arrivedOn: inIface,
      };
    }

    if (!originating) {
      if (node.kind === 'internet')
        return trail.fail(node, why('private-on-internet', { address: formatIpv4(packet.dst) }));
      if (node.nat.kind === 'host-proxy') {
        if (dir === 'back')
          return trail.fail(
            node,
            why('reply-through-nat', { node: node.label, address: formatIpv4(packet.dst) }),
          );
        const hostRoute = lookupRoute(network.host, packet.dst);
        const bound = node.nat.bindIp;
        // VB-NAT-8: --natbindip makes the NAT engine's sockets leave from that host address.
        const as = ownsAddress(network, network.host, packet.dst)
          ? packet.dst
          : bound !== null && ownsAddress(network, network.host, bound)
            ? bound
            : hostRoute
              ? sourceFor(hostRoute)
              : null;
        trail.hop(node, 'translate', () =>
          why('hop-proxy', { node: node.label, as: as === null ? 'the host' : formatIpv4(as) }),
        );
        trail.translated(node, packet, previous);
        node = network.host;
        packet = { ...packet, src: as };
        originating = true;
        inIface = null;
        continue;
      }
      if (!forwards(node, inIface)) {
        const address = formatIpv4(packet.dst);
        if (node === network.host && inIface?.segment?.kind === 'hostonly') {
          return trail.fail(
            node,
            why('host-not-sharing', { network: inIface.segment.name, address, product: network.hypervisor }),
          );
        }
        return trail.fail(node, why('not-forwarding', { node: node.label, address }));
      }
    }

    const route = lookupRoute(node, packet.dst);
    if (!route) return trail.fail(node, noRoute(node, packet.dst));
    if (!originating && dir === 'out' && inIface !== route.iface && node.rejectsNewInto.has(route.iface.id)) {
      // LV-6: libvirt's LIBVIRT_FWI rejects it: the sender gets icmp-port-unreachable.
      return trail.fail(
        node,
        why('libvirt-rejects', {
          network: segmentLabel(route.iface.segment!),
          address: formatIpv4(packet.dst),
          by: formatIpv4(inIface?.addrs[0]?.ip ?? route.iface.addrs[0]?.ip ?? 0),
          kind: packet.proto === 'icmp' ? 'ping' : packet.proto,
        }),
      );
    }
    if (packet.src === null) {
      packet = { ...packet, src: sourceFor(route) };
    } else if (
      !originating &&
      dir === 'out' &&
      node.masqueradeOut.has(route.iface.id) &&
      (node.masqueradeOnlyFrom === null || (inIface !== null && node.masqueradeOnlyFrom.has(inIface.id)))
    ) {
      const outside = route.iface.addrs[0]!.ip;
      const inside = packet.src;
      trail.hop(node, 'translate', () =>
        why('hop-snat', { node: node.label, from: formatIpv4(inside), to: formatIpv4(outside) }),
      );
      trail.translated(node, packet, previous);
      packet = { ...packet, src: outside };
    }
    const nextHop = route.via ?? packet.dst;
    const segment = route.iface.segment!;
    const target = resolveArp(segment, nextHop, route.iface);
    if (!target) {
      const network = segmentLabel(segment);
      return trail.fail(
        node,
        route.via === null
          ? why('no-arp', { node: node.label, address: formatIpv4(nextHop), network })
          : why('gateway-silent', { node: node.label, gateway: formatIpv4(nextHop), network }),
      );
    }
    if (target.macvtapOn === route.iface.id || route.iface.macvtapOn === target.id) {
      // LV-4: macvtap hands the guest's frames to the NIC, past the host's own stack, and back.
      const guest = target.macvtapOn === route.iface.id ? target : route.iface;
      return trail.fail(
        node,
        why('macvtap-host', {
          vm: guest.node.label,
          nic: route.iface.macvtapOn ? target.name : route.iface.name,
        }),
      );
    }
    trail.hop(
      node,
      'arp',
      () =>
        why('hop-arp', {
          node: node.label,
          address: formatIpv4(nextHop),
          mac: formatMac(target.wireMac),
          owner: target.node.label,
          network: segmentLabel(segment),
        }),
      // The request is a broadcast: everyone on the segment sees it.
      () => sniffers(segment, route.iface, null),
    );
    trail.hop(
      node,
      originating ? 'send' : 'forward',
      () =>
        originating
          ? why('hop-send', {
              node: node.label,
              src: formatIpv4(packet.src ?? 0),
              dst: formatIpv4(packet.dst),
              via: describeVia(route),
            })
          : why('hop-forward', { node: node.label, dst: formatIpv4(packet.dst), via: describeVia(route) }),
      () => sniffers(segment, route.iface, target),
    );
    previous = node;
    node = target.node;
    inIface = target;
    originating = false;
  }
  return trail.fail(node, why('routing-loop', { node: node.label, address: formatIpv4(packet.dst) }));
}

/**
 * What a walk records: its hops (only when traced: the matrix needs verdicts, and
 * rendering every hop of a million probes would be most of their cost) and the
 * source rewrites on the way. A class, so a walk allocates one object, not closures.
 */
class Trail {
  readonly hops: Hop[] = [];
  readonly translations: Translation[] = [];
  forwardedBy: PortForwardEntry | null = null;

  constructor(
    private readonly dir: 'out' | 'back',
    private readonly trace: boolean,
  ) {}

  hop(node: NetNode, action: HopAction, verdict: () => Why, seen?: () => string[]): void {
    if (!this.trace) return;
    const made = verdict();
    const seenBy = seen?.() ?? [];
    this.hops.push({
      node: node.id,
      action,
      dir: this.dir,
      detail: english(made),
      why: made,
      ...(seenBy.length > 0 ? { seenBy } : {}),
    });
  }

  fail(node: NetNode, verdict: Why): WalkResult {
    this.hop(node, 'drop', () => verdict);
    return { ok: false, at: node, why: verdict, hops: this.hops, forwardedBy: this.forwardedBy };
  }

  translated(at: NetNode, packet: Packet, handedBy: NetNode | null): void {
    if (packet.src === null) return;
    this.translations.push({ at, originalSrc: packet.src, originalDst: packet.dst, handedBy });
  }
}

function describeVia(route: RouteEntry): string {
  return route.via === null ? route.iface.name : `${formatIpv4(route.via)} (${route.iface.name})`;
}

function forwards(node: NetNode, inIface: Iface | null): boolean {
  if (node.forwardsFrom === 'all') return true;
  return inIface !== null && node.forwardsFrom.has(inIface.id);
}

function noRoute(node: NetNode, dst: Ipv4): Why {
  const address = formatIpv4(dst);
  if (node.kind === 'internet') return why('private-on-internet', { address });
  if (node.kind === 'router' && isPublic(dst))
    return why('no-internet', { lan: node.id.slice('router:'.length) });
  return why('network-unreachable', { node: node.label, address });
}

/** How a student names the network: "LAN home", "host-only network vboxnet0", "LAN segment seg1" … */
export function segmentLabel(segment: { readonly label: string }): string {
  return segment.label;
}

export function formatMac(mac: string): string {
  return mac.match(/../g)!.join(':');
}
