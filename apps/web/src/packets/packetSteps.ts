/**
 * The engine's hops laid on the canvas: each hop's node, and the links the packet
 * travels to get there from the previous hop's node. Hops name machines (a VM, the
 * host, a router, a NAT engine); the networks between them are the canvas's switches,
 * so a move between two machines goes through the switch they share — the one the
 * hop's ARP line names when two would do (the host and a VM share a host-only network
 * and the LAN, say).
 */
import type { PacketStep } from '../topology/makeTopology';
import { canvasNodeOfHop, type TopologyData, type TopoNode } from '../topology/topologyData';

export interface HopView {
  readonly node: string;
  readonly action: string;
  readonly dir: string;
  readonly detail: string;
}

interface Edge {
  readonly link: string;
  readonly other: string;
  readonly reverse: boolean;
}

export function packetSteps(hops: readonly HopView[], data: TopologyData): PacketStep[] {
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const ids = new Set(nodes.keys());
  const edges = new Map<string, Edge[]>();
  const addEdge = (a: string, edge: Edge) => edges.set(a, [...(edges.get(a) ?? []), edge]);
  for (const link of data.links) {
    addEdge(link.from, { link: link.id, other: link.to, reverse: false });
    addEdge(link.to, { link: link.id, other: link.from, reverse: true });
  }
  const steps: PacketStep[] = [];
  let previous: string | null = null;
  let since: string[] = [];
  for (const hop of hops) {
    const node = canvasNodeOfHop(hop.node, ids);
    const legs =
      node && previous && node !== previous ? route(previous, node, edges, nodes, since.join(' ')) : [];
    steps.push({ node, legs, action: hop.action });
    if (node && node !== previous) since = [];
    since.push(hop.detail);
    if (node) previous = node;
  }
  return steps;
}

function isSwitch(node: TopoNode | undefined): boolean {
  return node?.kind === 'net' && !(node.mode === 'nat' && node.owner);
}

/** The direct link, else through one switch (the named one first), else any shortest way. */
function route(
  from: string,
  to: string,
  edges: ReadonlyMap<string, Edge[]>,
  nodes: ReadonlyMap<string, TopoNode>,
  details: string,
): { link: string; reverse: boolean }[] {
  const out = edges.get(from) ?? [];
  const direct = out.find((e) => e.other === to);
  if (direct) return [{ link: direct.link, reverse: direct.reverse }];
  const viaSwitch = out
    .filter((e) => isSwitch(nodes.get(e.other)))
    .flatMap((e) => {
      const onward = (edges.get(e.other) ?? []).find((f) => f.other === to);
      return onward ? [{ first: e, onward, named: mentions(details, nodes.get(e.other)) }] : [];
    })
    .sort((a, b) => Number(b.named) - Number(a.named));
  const best = viaSwitch[0];
  if (best) {
    return [
      { link: best.first.link, reverse: best.first.reverse },
      { link: best.onward.link, reverse: best.onward.reverse },
    ];
  }
  return shortest(from, to, edges);
}

function mentions(details: string, node: TopoNode | undefined): boolean {
  return (
    node !== undefined && node.kind === 'net' && new RegExp(`\\b${escapeRegExp(node.label)}\\b`).test(details)
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function shortest(from: string, to: string, edges: ReadonlyMap<string, Edge[]>) {
  const back = new Map<string, { prev: string; edge: Edge }>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const edge of edges.get(at) ?? []) {
      if (seen.has(edge.other)) continue;
      seen.add(edge.other);
      back.set(edge.other, { prev: at, edge });
      queue.push(edge.other);
    }
  }
  const legs: { link: string; reverse: boolean }[] = [];
  for (let at = to; at !== from; ) {
    const step = back.get(at);
    if (!step) return [];
    legs.unshift({ link: step.edge.link, reverse: step.edge.reverse });
    at = step.prev;
  }
  return legs;
}
