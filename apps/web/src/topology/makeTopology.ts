/**
 * Owns one SVG inside `container`: the only place that touches d3. Layers, bottom up:
 * block frames, links, port-forward arrows, nodes, the packet, the overlay (cursors).
 * A zoom behaviour on the SVG pans (drag on the background) and zooms (wheel, buttons);
 * a drag behaviour on the nodes arranges them, reporting the moved positions once, at
 * the drag's end. The screen <-> world transform is published through canvasView.ts.
 */
import type { Hypervisor } from '@vnetlab/shared';
import { type D3DragEvent, drag, type Selection, select, type ZoomTransform, zoom, zoomIdentity } from 'd3';
import { publishCanvas, publishTransform } from './canvasView';
import { boundsOf, fitTransform, linkPath, type Placed, placedOf } from './geometry';
import { layoutTopology, type Point, type TopologyLayout } from './layoutTopology';
import { badgeLine, nodeLines, nodeTitle } from './nodeText';
import type { TopoForward, TopoLink, TopologyData, TopoNode } from './topologyData';
import { topologyWord } from './words';

export interface TopologyInput {
  readonly data: TopologyData;
  /** Positions from the room's `layout` map; they win over the automatic layout. */
  readonly stored: ReadonlyMap<string, Point>;
  readonly hypervisor: Hypervisor;
}

export interface TopologyEvents {
  readonly onOpen: (vmId: string) => void;
  readonly onMoved: (moved: ReadonlyMap<string, Point>) => void;
}

export interface PacketLeg {
  readonly link: string;
  readonly reverse: boolean;
}

export interface PacketStep {
  /** The canvas node of the hop; null when the engine's node is not drawn. */
  readonly node: string | null;
  readonly legs: readonly PacketLeg[];
  readonly action: string;
}

export interface Topology {
  update(input: TopologyInput): void;
  zoomBy(factor: number): void;
  fit(): void;
  /** Moves a dot along the steps; calls onStep(i) as it reaches each; returns a cancel. */
  play(steps: readonly PacketStep[], onStep: (index: number) => void, reduced: boolean): () => void;
  destroy(): void;
}

export function makeTopology(container: HTMLElement, events: TopologyEvents): Topology {
  const svg = select(container)
    .append('svg')
    .attr('class', 'topology')
    .attr('role', 'group')
    .attr('aria-label', topologyWord('canvasLabel'));
  const defs = svg.append('defs');
  defs
    .append('marker')
    .attr('id', 'forward-arrow')
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0 L10,5 L0,10 z');
  const world = svg.append('g').attr('class', 'world');
  const blockLayer = world.append('g').attr('class', 'blocks');
  const linkLayer = world.append('g').attr('class', 'links');
  const forwardLayer = world.append('g').attr('class', 'forwards');
  const nodeLayer = world.append('g').attr('class', 'nodes');
  const packetLayer = world.append('g').attr('class', 'packet').attr('aria-hidden', 'true');
  const overlay = world.append('g').attr('class', 'overlay').style('pointer-events', 'none');
  publishCanvas(svg.node(), overlay.node());

  let layout: TopologyLayout | null = null;
  let input: TopologyInput | null = null;
  const live = new Map<string, Point>(); // positions while a drag is under way
  let userMoved = false; // after the first zoom or pan by hand, updates no longer re-fit

  const zoomer = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 4])
    .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      world.attr('transform', event.transform.toString());
      publishTransform(event.transform);
      if (event.sourceEvent) userMoved = true;
    });
  svg.call(zoomer).on('dblclick.zoom', null);

  const byId = () => new Map((input?.data.nodes ?? []).map((n) => [n.id, n]));
  const positionOf = (id: string): Point | undefined =>
    live.get(id) ?? input?.stored.get(id) ?? layout?.positions.get(id);
  const isMoved = (id: string) => live.has(id) || (input?.stored.has(id) ?? false);
  const placed = (node: TopoNode): Placed => placedOf(node, positionOf(node.id) ?? { x: 0, y: 0 });

  function viewport() {
    const rect = (svg.node() as SVGSVGElement).getBoundingClientRect();
    return { width: Math.max(rect.width, 1), height: Math.max(rect.height, 1) };
  }

  function fit(): void {
    if (!input) return;
    const box = boundsOf(input.data.nodes.map(placed));
    const t = fitTransform(box, viewport());
    svg.call(zoomer.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
    userMoved = false;
  }

  function drawLinks(): void {
    if (!input) return;
    const nodes = byId();
    const d = (link: TopoLink) => {
      const from = nodes.get(link.from);
      const to = nodes.get(link.to);
      if (!from || !to) return '';
      const moved = isMoved(link.from) || isMoved(link.to);
      return linkPath(link, placed(from), placed(to), layout?.routes.get(link.id), moved);
    };
    linkLayer
      .selectAll<SVGPathElement, TopoLink>('path.link')
      .data(input.data.links, (l) => l.id)
      .join('path')
      .attr('class', (l) => `link kind-${l.kind}${l.cable ? '' : ' unplugged'}`)
      .attr('data-id', (l) => l.id)
      .attr('d', d);
    const forwardPath = (f: TopoForward) => {
      const host = positionOf('host');
      const via = positionOf(f.via);
      const to = f.to ? positionOf(f.to) : undefined;
      if (!host || !via) return '';
      const start = { x: host.x + 90, y: host.y + 22 };
      const viaTop = { x: via.x + 14, y: via.y - 11 };
      const bend = (a: Point, b: Point) =>
        `C${a.x},${(a.y + b.y) / 2} ${b.x},${(a.y + b.y) / 2} ${b.x},${b.y}`;
      let path = `M${start.x},${start.y} ${bend(start, viaTop)}`;
      if (to) path += ` M${via.x + 14},${via.y + 11} L${to.x + 14},${to.y - 20}`;
      return path;
    };
    const forwards = forwardLayer
      .selectAll<SVGGElement, TopoForward>('g.forward')
      .data(input.data.forwards, (f) => f.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'forward');
        g.append('path').attr('marker-end', 'url(#forward-arrow)');
        g.append('text');
        return g;
      });
    forwards.select('path').attr('d', forwardPath);
    // The label at the host's end: a forward is a port of the host.
    forwards
      .select('text')
      .attr('x', (f, i) => (positionOf('host')?.x ?? 0) + 122 + 0 * i)
      .attr('y', (_f, i) => (positionOf('host')?.y ?? 0) - 4 + i * 16)
      .text((f, i, all) => (i < 5 ? f.label : i === 5 ? `+${all.length - 5} …` : ''));
  }

  function drawNodes(): void {
    if (!input) return;
    const hypervisor = input.hypervisor;
    const nodes = nodeLayer
      .selectAll<SVGGElement, TopoNode>('g.node')
      .data(input.data.nodes, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g');
        g.append('title');
        g.append('rect').attr('class', 'box');
        g.append('text').attr('class', 'label');
        g.append('text').attr('class', 'detail');
        g.append('text').attr('class', 'badges');
        g.call(interactive);
        return g;
      })
      .attr(
        'class',
        (n) => `node kind-${n.kind}${n.kind === 'net' ? ` mode-${n.mode}${n.owner ? ' own-nat' : ''}` : ''}`,
      )
      .classed('not-started', (n) => n.kind === 'vm' && n.badges.some((b) => b.kind === 'not-started'))
      .classed('warned', (n) => n.kind === 'vm' && n.badges.length > 0)
      .attr('data-id', (n) => n.id)
      .attr('transform', (n) => {
        const p = positionOf(n.id) ?? { x: 0, y: 0 };
        return `translate(${p.x},${p.y})`;
      });
    // VMs are the buttons of the canvas (DESIGN.md: a VM is a button named by its display name).
    nodes
      .filter((n) => n.kind === 'vm')
      .attr('role', 'button')
      .attr('tabindex', 0)
      .attr('aria-label', (n) => n.label)
      .attr('data-vm', (n) => (n.kind === 'vm' ? n.vmId : null));
    nodes
      .filter((n) => n.kind !== 'vm')
      .attr('role', 'img')
      .attr('aria-label', (n) => nodeTitle(n, hypervisor).replace(/\n/g, ', '));
    nodes.select('title').text((n) => nodeTitle(n, hypervisor));
    nodes.select<SVGRectElement>('rect.box').each(function (n) {
      const { size } = placed(n);
      select(this)
        .attr('x', -size.width / 2)
        .attr('y', -size.height / 2)
        .attr('width', size.width)
        .attr('height', size.height)
        .attr('rx', n.kind === 'net' || n.kind === 'internet' ? size.height / 2 : 6);
    });
    nodes
      .select('text.label')
      .attr('dy', (n) => (nodeLines(n, hypervisor)[1] ? '-0.2em' : '0.35em'))
      .text((n) => nodeLines(n, hypervisor)[0]);
    nodes
      .select('text.detail')
      .attr('dy', '1.05em')
      .text((n) => nodeLines(n, hypervisor)[1]);
    nodes
      .select('text.badges')
      .attr('y', 35)
      .text((n) => (n.kind === 'vm' ? badgeLine(n.badges) : ''));
  }

  function drawBlocks(): void {
    const blocks = (layout?.blocks ?? []).filter((b) => b.count >= 2);
    const g = blockLayer
      .selectAll<SVGGElement, (typeof blocks)[number]>('g.block')
      .data(blocks, (b) => b.id)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'block');
        e.append('rect');
        e.append('text');
        return e;
      });
    g.select('rect')
      .attr('x', (b) => b.x)
      .attr('y', (b) => b.y)
      .attr('width', (b) => b.width)
      .attr('height', (b) => b.height)
      .attr('rx', 10);
    g.select('text')
      .attr('x', (b) => b.x + b.width - 12)
      .attr('y', (b) => b.y - 6)
      .text((b) => `${b.count} ${topologyWord('vms')}`);
  }

  function interactive(nodes: Selection<SVGGElement, TopoNode, SVGGElement, unknown>): void {
    // Bound once, on enter: the handlers read the node's current datum when they fire.
    nodes
      .on('click', (_event: MouseEvent, n) => {
        if (n.kind === 'vm') events.onOpen(n.vmId);
      })
      .on('keydown', (event: KeyboardEvent, n) => {
        if ((event.key === 'Enter' || event.key === ' ') && n.kind === 'vm') {
          event.preventDefault();
          events.onOpen(n.vmId);
        }
      });
    draggable(nodes);
  }

  function draggable(nodes: Selection<SVGGElement, TopoNode, SVGGElement, unknown>): void {
    let followers: string[] = [];
    nodes.call(
      drag<SVGGElement, TopoNode>()
        .clickDistance(4)
        .on('start', (_event, n) => {
          // A VM carries its own NAT engines with it.
          followers = (input?.data.nodes ?? [])
            .filter((o) => o.kind === 'net' && o.owner === n.id)
            .map((o) => o.id);
        })
        .on('drag', (event: D3DragEvent<SVGGElement, TopoNode, unknown>, n) => {
          for (const id of [n.id, ...followers]) {
            const p = positionOf(id);
            if (p) live.set(id, { x: p.x + event.dx, y: p.y + event.dy });
          }
          drawNodes();
          drawLinks();
        })
        .on('end', () => {
          if (live.size === 0) return;
          const moved = new Map(live);
          userMoved = true; // the picture stays put around what was just arranged
          events.onMoved(moved);
          // Keep showing them until the room document has them (the caller's update).
          for (const [id, p] of moved) if (!input?.stored.has(id)) input = withStored(input, id, p);
          live.clear();
        }),
    );
  }

  function update(next: TopologyInput): void {
    const firstDraw = input === null || (input.data.nodes.length === 0 && next.data.nodes.length > 0);
    input = next;
    layout = layoutTopology(next.data);
    drawBlocks();
    drawLinks();
    drawNodes();
    if (firstDraw || !userMoved) fit();
  }

  function play(steps: readonly PacketStep[], onStep: (index: number) => void, reduced: boolean): () => void {
    packetLayer.selectAll('*').remove();
    linkLayer.selectAll('path.link').classed('lit', false);
    const dot = packetLayer.append('circle').attr('class', 'packet-dot').attr('r', 9);
    let cancelled = false;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const at = (id: string | null) => (id ? positionOf(id) : undefined);
    const pathOf = (link: string) =>
      linkLayer.select<SVGPathElement>(`path.link[data-id="${CSS.escape(link)}"]`).node();
    const run = (i: number) => {
      if (cancelled || i >= steps.length) return;
      const step = steps[i]!;
      const finish = () => {
        const p = at(step.node);
        if (p) dot.attr('cx', p.x).attr('cy', p.y);
        dot.attr('class', `packet-dot action-${step.action}`);
        nodeLayer.selectAll('g.node').classed('packet-at', (n) => (n as TopoNode).id === step.node);
        onStep(i);
        timer = setTimeout(() => run(i + 1), reduced ? 0 : step.action === 'arp' ? 160 : 260);
      };
      const paths = step.legs
        .map((leg) => ({ el: pathOf(leg.link), reverse: leg.reverse }))
        .filter((l): l is { el: SVGPathElement; reverse: boolean } => l.el !== null);
      for (const leg of step.legs)
        linkLayer.select(`path.link[data-id="${CSS.escape(leg.link)}"]`).classed('lit', true);
      if (reduced || paths.length === 0) return finish();
      const lengths = paths.map((p) => p.el.getTotalLength());
      const total = lengths.reduce((a, b) => a + b, 0);
      const duration = Math.min(900, 250 + total * 0.6);
      const start = performance.now();
      const tick = (now: number) => {
        if (cancelled) return;
        let along = Math.min(1, (now - start) / duration) * total;
        for (const [index, leg] of paths.entries()) {
          const length = lengths[index]!;
          if (along <= length || index === paths.length - 1) {
            const point = leg.el.getPointAtLength(leg.reverse ? length - along : along);
            dot.attr('cx', point.x).attr('cy', point.y);
            break;
          }
          along -= length;
        }
        if (now - start < duration) frame = requestAnimationFrame(tick);
        else finish();
      };
      frame = requestAnimationFrame(tick);
    };
    const first = at(steps[0]?.node ?? null);
    if (first) dot.attr('cx', first.x).attr('cy', first.y);
    run(0);
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }

  return {
    update,
    fit,
    zoomBy: (factor) => {
      svg.transition().duration(200).call(zoomer.scaleBy, factor);
      userMoved = true;
    },
    play,
    destroy: () => {
      publishCanvas(null, null);
      svg.interrupt();
      svg.remove();
    },
  };
}

function withStored(input: TopologyInput | null, id: string, p: Point): TopologyInput | null {
  if (!input) return input;
  const stored = new Map(input.stored);
  stored.set(id, p);
  return { ...input, stored };
}
