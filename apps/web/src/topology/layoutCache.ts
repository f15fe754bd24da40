/**
 * The automatic layout, recomputed only when an edit changes what it depends on.
 *
 * layoutTopology places nodes from the graph's shape alone: which nodes exist, their
 * kinds and sizes, and which links join them. Names, addresses, badges and cable states
 * move nothing. Most edits in a room are of that second sort (a rename, an address, a
 * port forward), and a remote one must be painted within a frame: for them the previous
 * layout is handed back as it was, the very same object, so that the canvas's keyed join
 * can see that no position moved and leave those elements alone.
 */
import { layoutTopology, sizeOf, type TopologyLayout } from './layoutTopology';
import type { TopologyData } from './topologyData';

/** Everything layoutTopology reads, as one string: equal strings, equal layouts. */
export function layoutShape(data: TopologyData): string {
  const parts: string[] = [];
  for (const node of data.nodes) {
    const size = sizeOf(node);
    const extra =
      node.kind === 'net' ? `${node.mode}/${node.owner ?? ''}` : node.kind === 'device' ? node.lan : '';
    // A LAN's devices are placed by the LAN's label (placeInfra): it is part of the shape.
    const label = node.kind === 'net' && node.mode === 'lan' ? node.label : '';
    parts.push(`${node.id}:${node.kind}:${extra}:${label}:${size.width}x${size.height}`);
  }
  parts.push('|');
  for (const link of data.links) parts.push(`${link.id}:${link.from}>${link.to}`);
  return parts.join(',');
}

export interface LayoutCache {
  (data: TopologyData): TopologyLayout;
  /** How many times the layout was really computed (for the bench and the tests). */
  readonly computed: () => number;
}

export function createLayoutCache(): LayoutCache {
  let shape = '';
  let last: TopologyLayout | null = null;
  let computed = 0;
  const layout = (data: TopologyData): TopologyLayout => {
    const next = layoutShape(data);
    if (last && next === shape) return last;
    shape = next;
    computed += 1;
    last = layoutTopology(data);
    return last;
  };
  return Object.assign(layout, { computed: () => computed });
}
