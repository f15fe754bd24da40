import { select, transition } from 'd3';
import {
  layoutTopology,
  type Placed,
  type TopoLink,
  type TopologyData,
  type TopoNode,
  type TopoUplink,
} from './topologyData';

export interface Topology {
  update(data: TopologyData): void;
  destroy(): void;
}

const VM = { width: 150, height: 44 } as const;
const NET = { width: 170, height: 48 } as const;
const HOST = { width: 190, height: 44 } as const;
const DURATION = 250;
const MAX_SCALE = 1.3;

/**
 * Owns one SVG inside `container`: VMs on top, their networks below, one line per
 * attached adapter (dashed when the cable is out). The only place that touches d3.
 */
export function makeTopology(container: HTMLElement): Topology {
  const svg = select(container).append('svg').attr('class', 'topology').attr('role', 'img');
  const uplinkLayer = svg.append('g').attr('class', 'uplinks');
  const linkLayer = svg.append('g').attr('class', 'links');
  const nodeLayer = svg.append('g').attr('class', 'nodes');

  function update(data: TopologyData): void {
    const layout = layoutTopology(data);
    // A named transition also keeps d3-transition (which patches selections) in the bundle.
    const move = transition('topology').duration(DURATION);
    svg
      .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      // a small lab is not blown up to the panel's width
      .style('max-width', `${Math.round(layout.width * MAX_SCALE)}px`)
      .attr('aria-label', `${data.vms.length} machines on ${data.networks.length} networks`);
    const at = new Map<string, Placed<TopoNode>>();
    for (const placed of [...layout.vms, ...layout.networks, layout.host]) at.set(placed.item.id, placed);

    const path = (link: TopoLink) => {
      const vm = at.get(link.vm);
      const net = at.get(link.network);
      if (!vm || !net) return '';
      const y1 = vm.y + VM.height / 2;
      const y2 = net.y - NET.height / 2;
      const mid = (y1 + y2) / 2;
      return `M${vm.x},${y1} C${vm.x},${mid} ${net.x},${mid} ${net.x},${y2}`;
    };

    const uplink = (link: TopoUplink) => {
      const net = at.get(link.network);
      if (!net) return '';
      const y1 = net.y + NET.height / 2;
      const y2 = layout.host.y - HOST.height / 2;
      const mid = (y1 + y2) / 2;
      return `M${net.x},${y1} C${net.x},${mid} ${layout.host.x},${mid} ${layout.host.x},${y2}`;
    };
    uplinkLayer
      .selectAll<SVGPathElement, TopoUplink>('path')
      .data(data.uplinks, (l) => l.id)
      .join((enter) => enter.append('path').attr('d', uplink))
      .attr('class', (l) => `uplink kind-${l.kind} via-${l.via}`)
      .transition(move)
      .attr('d', uplink);

    linkLayer
      .selectAll<SVGPathElement, TopoLink>('path')
      .data(data.links, (l) => l.id)
      .join((enter) => enter.append('path').attr('d', path))
      .attr('class', (l) => `link kind-${l.kind}${l.cable ? '' : ' unplugged'}`)
      .transition(move)
      .attr('d', path);

    const nodes = nodeLayer
      .selectAll<SVGGElement, Placed<TopoNode>>('g.node')
      .data([...layout.vms, ...layout.networks, layout.host], (p) => p.item.id)
      .join((enter) => {
        const g = enter.append('g').attr('transform', (p) => `translate(${p.x},${p.y})`);
        g.append('rect');
        g.append('text').attr('class', 'label');
        g.append('text').attr('class', 'detail');
        return g;
      })
      .attr('class', (p) => `node kind-${p.item.kind}`)
      .attr('data-id', (p) => p.item.id);
    nodes.transition(move).attr('transform', (p) => `translate(${p.x},${p.y})`);

    const size = (p: Placed<TopoNode>) => (p.item.kind === 'vm' ? VM : p.item.kind === 'host' ? HOST : NET);
    nodes
      .select('rect')
      .attr('x', (p) => -size(p).width / 2)
      .attr('y', (p) => -size(p).height / 2)
      .attr('width', (p) => size(p).width)
      .attr('height', (p) => size(p).height)
      .attr('rx', (p) => (p.item.kind === 'vm' || p.item.kind === 'host' ? 6 : size(p).height / 2));
    nodes
      .select('text.label')
      .attr('dy', (p) => (p.item.kind === 'vm' ? '0.35em' : '-0.15em'))
      .text((p) => clip(p.item.label, 20));
    nodes
      .select('text.detail')
      .attr('dy', '1.1em')
      .text((p) => (p.item.kind === 'vm' ? '' : clip(p.item.detail, 24)));
  }

  return {
    update,
    destroy: () => {
      svg.selectAll('*').interrupt('topology');
      svg.remove();
    },
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
