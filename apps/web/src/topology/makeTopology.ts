/**
 * Owns one SVG inside `container`: the only place that touches d3. Layers, bottom up:
 * block frames, links, port-forward arrows, nodes, the packet, the overlay (cursors).
 * A zoom behaviour on the SVG pans (drag on the background) and zooms (wheel, buttons);
 * a drag behaviour on the nodes arranges them, reporting the moved positions once, at
 * the drag's end. The screen <-> world transform is published through canvasView.ts.
 */
import { type Hypervisor, type Locale, wholeUnits } from '@vnetlab/shared';
import { type D3DragEvent, drag, type Selection, select, type ZoomTransform, zoom, zoomIdentity } from 'd3';
import { locale } from '../i18n/locale';
import { publishCanvas, publishTransform } from './canvasView';
import { boundsOf, fitTransform, linkPath, type Placed, placedOf } from './geometry';
import { createLayoutCache } from './layoutCache';
import { type Point, sizeOf, type TopologyLayout } from './layoutTopology';
import { badgeLine, nodeLines, nodeTitle } from './nodeText';
import type { TopoForward, TopoLink, TopologyData, TopoNode } from './topologyData';
import { topologyWord } from './words';

export interface TopologyInput {
  readonly data: TopologyData;
  /** Positions from the room's `layout` map; they win over the automatic layout. */
  readonly stored: ReadonlyMap<string, Point>;
  readonly hypervisor: Hypervisor;
}

/** What the canvas shows: the world point at its centre and its zoom. */
export interface CanvasView {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface TopologyEvents {
  readonly onOpen: (vmId: string) => void;
  readonly onMoved: (moved: ReadonlyMap<string, Point>) => void;
  /** Whether dragging arranges the nodes now (not while the page is read-only); default yes. */
  readonly canArrange?: () => boolean;
  /** After every zoom, pan or fit; `byHand`: the person did it (wheel, drag, buttons). */
  readonly onView?: (view: CanvasView, byHand: boolean) => void;
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
  /** Shows `view` (a followed partner's), centred in this canvas whatever its size. */
  showView(view: CanvasView): void;
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
  // What each layer was last drawn from, to leave it alone when an update changed nothing there.
  const drawnNodeIds: { ids: readonly string[] } = { ids: [] };
  const drawnLinkIds: { ids: readonly string[] } = { ids: [] };
  let drawnForwards: Record<string, unknown> | null = null;
  const layoutOf = createLayoutCache();
  const litLinks = new Set<string>(); // the links the packet on screen has travelled
  let packetAt: string | null = null; // the node the packet has reached
  let input: TopologyInput | null = null;
  const live = new Map<string, Point>(); // positions while a drag is under way
  let userMoved = false; // after the first zoom or pan by hand, updates no longer re-fit

  const zoomer = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 4])
    .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      world.attr('transform', event.transform.toString());
      publishTransform(event.transform);
      const byHand = Boolean(event.sourceEvent) || zoomingByButton;
      if (byHand) userMoved = true;
      const t = event.transform;
      events.onView?.({ x: (size.width / 2 - t.x) / t.k, y: (size.height / 2 - t.y) / t.k, k: t.k }, byHand);
    })
    .on('end', () => {
      zoomingByButton = false;
    });
  let zoomingByButton = false; // the + / − buttons' transition: by hand, without a sourceEvent
  svg.call(zoomer).on('dblclick.zoom', null);

  const byId = () => new Map((input?.data.nodes ?? []).map((n) => [n.id, n]));
  const positionOf = (id: string): Point | undefined =>
    live.get(id) ?? input?.stored.get(id) ?? layout?.positions.get(id);
  const isMoved = (id: string) => live.has(id) || (input?.stored.has(id) ?? false);
  const placed = (node: TopoNode): Placed => placedOf(node, positionOf(node.id) ?? { x: 0, y: 0 });

  // The panel's size, kept by a ResizeObserver: reading it on every update would force
  // a layout of the whole page in the middle of a remote edit.
  let size = { width: 1, height: 1 };
  const resize = new ResizeObserver((entries) => {
    const box = entries[0]?.contentRect;
    if (!box) return;
    const first = size.width <= 1;
    size = { width: Math.max(box.width, 1), height: Math.max(box.height, 1) };
    if (first || !userMoved) fit();
  });
  resize.observe(svg.node() as SVGSVGElement);
  const viewport = () => size;
  let fitted = '';

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
    // A link's path is recomputed only when one of its ends moved, changed size or was
    // routed anew, and written only when its class or path changed.
    const sizeKey = (n: TopoNode | undefined) => {
      const size = n ? sizeOf(n) : null;
      return size ? `${size.width}x${size.height}` : '';
    };
    bound(
      linkLayer.selectAll<SVGPathElement, TopoLink>('path.link'),
      input.data.links,
      (l) => l.id,
      drawnLinkIds,
    )
      .join('path')
      .each(function (link) {
        const from = nodes.get(link.from);
        const to = nodes.get(link.to);
        const a = positionOf(link.from);
        const b = positionOf(link.to);
        const moved = isMoved(link.from) || isMoved(link.to);
        const route = layout?.routes.get(link.id);
        const lit = litLinks.has(link.id);
        // The same link between the same ends, where they were: nothing to look at.
        const seen = linkInputs.get(this);
        if (
          seen &&
          seen.link === link &&
          seen.from === from &&
          seen.to === to &&
          seen.a === a &&
          seen.b === b &&
          seen.moved === moved &&
          seen.route === route &&
          seen.lit === lit
        )
          return;
        linkInputs.set(this, { link, from, to, a, b, moved, route, lit });
        const className = `link kind-${link.kind}${link.cable ? '' : ' unplugged'}${lit ? ' lit' : ''}`;
        const key = `${a?.x},${a?.y},${sizeKey(from)}|${b?.x},${b?.y},${sizeKey(to)}|${moved}`;
        const last = drawnLinks.get(this);
        if (last && last.key === key && last.route === route && last.className === className) return;
        drawnLinks.set(this, { key, route, className });
        if (this.getAttribute('class') !== className) this.setAttribute('class', className);
        this.setAttribute('data-id', link.id);
        const d = from && to ? linkPath(link, placed(from), placed(to), route, moved) : '';
        if (this.getAttribute('d') !== d) this.setAttribute('d', d);
      });
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
    const host = positionOf('host');
    const forwardsSeen = {
      forwards: input.data.forwards,
      host,
      layout,
      stored: input.stored,
      live: live.size,
    };
    if (drawnForwards && Object.entries(forwardsSeen).every(([k, v]) => drawnForwards?.[k as 'host'] === v))
      return;
    drawnForwards = live.size > 0 ? null : forwardsSeen;
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
      .call(setText, (f, i, all) => (i < 5 ? f.label : i === 5 ? `+${all.length - 5} …` : ''));
  }

  function drawNodes(): void {
    if (!input) return;
    const hypervisor = input.hypervisor;
    // Read before any node is skipped, so the caller's effect repaints on a language switch.
    const words = locale();
    const nodes = bound(
      nodeLayer.selectAll<SVGGElement, TopoNode>('g.node'),
      input.data.nodes,
      (n) => n.id,
      drawnNodeIds,
    ).join((enter) => {
      const g = enter.append('g');
      g.append('title');
      g.append('rect').attr('class', 'box');
      g.append('text').attr('class', 'label');
      g.append('text').attr('class', 'detail');
      g.append('text').attr('class', 'badges').attr('y', 35);
      g.call(interactive);
      return g;
    });
    // Only the nodes whose picture changed are written to: a rename touches one <g>, not
    // 300 (see `painted`).
    nodes.each(function (n) {
      const p = positionOf(n.id) ?? { x: 0, y: 0 };
      const packetHere = n.id === packetAt;
      // The same node object (topologyData's output shares what did not change) at the
      // same place: skipped before any text is built.
      const seen = nodeInputs.get(this);
      if (
        seen &&
        seen.node === n &&
        seen.x === p.x &&
        seen.y === p.y &&
        seen.packetHere === packetHere &&
        seen.hypervisor === hypervisor &&
        seen.words === words
      )
        return;
      nodeInputs.set(this, { node: n, x: p.x, y: p.y, packetHere, hypervisor, words });
      const lines = nodeLines(n, hypervisor);
      const title = nodeTitle(n, hypervisor);
      const { size } = placed(n);
      const look = {
        className: nodeClass(n, packetHere),
        transform: `translate(${p.x},${p.y})`,
        lines,
        title,
        badges: n.kind === 'vm' ? badgeLine(n.badges) : '',
        size,
        round: n.kind === 'net' || n.kind === 'internet',
      };
      const signature = JSON.stringify(look);
      if (painted.get(this) === signature) return;
      painted.set(this, signature);
      paintNode(this, n, look);
    });
  }

  let drawnBlocks: TopologyLayout['blocks'] | undefined;
  let drawnWords: Locale | undefined;
  function drawBlocks(): void {
    // The layout is handed back as the same object when nothing moved (layoutCache.ts).
    const words = locale();
    if (layout && layout.blocks === drawnBlocks && words === drawnWords) return;
    drawnBlocks = layout?.blocks;
    drawnWords = words;
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
    // Written only where they changed, like the nodes: most edits move no block.
    g.select('rect')
      .call(setAttr, 'x', (b) => String(b.x))
      .call(setAttr, 'y', (b) => String(b.y))
      .call(setAttr, 'width', (b) => String(b.width))
      .call(setAttr, 'height', (b) => String(b.height))
      .call(setAttr, 'rx', () => '10');
    // Inside, at the bottom right: the links that enter a block come in at its top (the
    // own NAT engines' trunk up its right edge), and one would run through a label there.
    g.select('text')
      .call(setAttr, 'x', (b) => String(b.x + b.width - 12))
      .call(setAttr, 'y', (b) => String(b.y + b.height - 10))
      .call(setText, (b) => `${b.count} ${topologyWord('vms')}`);
  }

  function interactive(nodes: Selection<SVGGElement, TopoNode, SVGGElement, unknown>): void {
    // Bound once, on enter: the handlers read the node's current datum when they fire.
    nodes.on('click', (_event: MouseEvent, n) => {
      if (n.kind === 'vm') events.onOpen(n.vmId);
    });
    draggable(nodes);
  }

  function draggable(nodes: Selection<SVGGElement, TopoNode, SVGGElement, unknown>): void {
    let followers: string[] = [];
    nodes.call(
      drag<SVGGElement, TopoNode>()
        .clickDistance(4)
        // d3's own filter (no right button, no Ctrl-click), and nothing while read-only.
        .filter(
          (event: MouseEvent) =>
            (events.canArrange?.() ?? true) &&
            (!event.ctrlKey || event.type === 'mousedown') &&
            !event.button,
        )
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
          const moved = new Map([...live].map(([id, p]) => [id, wholeUnits(p)]));
          userMoved = true; // the picture stays put around what was just arranged
          events.onMoved(moved);
          // Show at once what the room document now holds, as every other page will; the
          // caller's update (batched to a frame) redraws from the document itself.
          for (const [id, p] of moved) input = withStored(input, id, p);
          live.clear();
          drawNodes();
          drawLinks();
        }),
    );
  }

  function update(next: TopologyInput): void {
    input = next;
    // Re-fit when the set of nodes changed (a VM added, a network gone), not on a rename.
    const shape = next.data.nodes.map((n) => n.id).join('|');
    const reshaped = shape !== fitted;
    fitted = shape;
    layout = layoutOf(next.data);
    drawBlocks();
    drawLinks();
    drawNodes();
    if (reshaped && !userMoved) fit();
  }

  function play(steps: readonly PacketStep[], onStep: (index: number) => void, reduced: boolean): () => void {
    packetLayer.selectAll('*').remove();
    linkLayer.selectAll('path.link').classed('lit', false);
    litLinks.clear();
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
        packetAt = step.node;
        nodeLayer
          .selectAll<SVGGElement, TopoNode>('g.node')
          .call(setAttr, 'class', (n) => nodeClass(n, n.id === packetAt));
        onStep(i);
        timer = setTimeout(() => run(i + 1), reduced ? 0 : step.action === 'arp' ? 160 : 260);
      };
      const paths = step.legs
        .map((leg) => ({ el: pathOf(leg.link), reverse: leg.reverse }))
        .filter((l): l is { el: SVGPathElement; reverse: boolean } => l.el !== null);
      for (const leg of step.legs) {
        litLinks.add(leg.link); // a redraw while it plays keeps it lit
        linkLayer.select(`path.link[data-id="${CSS.escape(leg.link)}"]`).classed('lit', true);
      }
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
      zoomingByButton = true;
      svg.transition().duration(200).call(zoomer.scaleBy, factor);
      userMoved = true;
    },
    showView: (view) => {
      userMoved = true; // a followed view stays put across updates
      svg.interrupt();
      const t = zoomIdentity
        .translate(size.width / 2 - view.k * view.x, size.height / 2 - view.k * view.y)
        .scale(view.k);
      svg.call(zoomer.transform, t);
    },
    play,
    destroy: () => {
      publishCanvas(null, null);
      resize.disconnect();
      svg.interrupt();
      svg.remove();
    },
  };
}

/**
 * Binds `data` to the layer's elements: by key when the set or order of ids changed (d3's
 * join adds, removes and orders), by index when it did not (the elements are already in
 * that order), which spares building d3's key maps on every remote edit.
 */
function bound<E extends Element, D>(
  selection: Selection<E, D, SVGGElement, unknown>,
  data: readonly D[],
  id: (d: D) => string,
  drawn: { ids: readonly string[] },
): Selection<E, D, SVGGElement, unknown> & { join: Selection<E, D, SVGGElement, unknown>['join'] } {
  const same = drawn.ids.length === data.length && data.every((d, i) => id(d) === drawn.ids[i]);
  if (!same) drawn.ids = data.map(id);
  const update = same ? selection.data(data as D[]) : selection.data(data as D[], id);
  return update as unknown as ReturnType<typeof bound<E, D>>;
}

/** What a node was last painted from: the same inputs, nothing to compute. */
const nodeInputs = new WeakMap<
  Element,
  { node: TopoNode; x: number; y: number; packetHere: boolean; hypervisor: Hypervisor; words: Locale }
>();
/** What a link was last drawn from. */
const linkInputs = new WeakMap<
  Element,
  {
    link: TopoLink;
    from: TopoNode | undefined;
    to: TopoNode | undefined;
    a: Point | undefined;
    b: Point | undefined;
    moved: boolean;
    route: readonly Point[] | undefined;
    lit: boolean;
  }
>();

/** What a node's <g> last showed, as a string: equal strings, nothing to write. */
const painted = new WeakMap<Element, string>();
/** What a link's <path> was last drawn from. */
const drawnLinks = new WeakMap<
  Element,
  { readonly key: string; readonly route: readonly Point[] | undefined; readonly className: string }
>();

interface NodeLook {
  readonly className: string;
  readonly transform: string;
  readonly lines: readonly [string, string];
  readonly title: string;
  readonly badges: string;
  readonly size: { readonly width: number; readonly height: number };
  readonly round: boolean;
}

/** Writes one node's whole picture (called only when it changed). */
function paintNode(g: SVGGElement, n: TopoNode, look: NodeLook): void {
  g.setAttribute('class', look.className);
  g.setAttribute('data-id', n.id);
  g.setAttribute('transform', look.transform);
  // A VM's one accessible button is its entry in the machine list (DESIGN.md: a VM is a
  // button named by its display name): a second one here would make every lookup by
  // that name ambiguous. The canvas node is its picture: click or drag it with a pointer.
  if (n.kind === 'vm') {
    g.setAttribute('aria-hidden', 'true');
    g.setAttribute('data-vm-node', n.vmId);
    g.removeAttribute('role');
    g.removeAttribute('aria-label');
  } else {
    g.setAttribute('role', 'img');
    g.setAttribute('aria-label', look.title.replace(/\n/g, ', '));
  }
  const [title, rect, label, detail, badges] = g.children as unknown as [
    SVGTitleElement,
    SVGRectElement,
    SVGTextElement,
    SVGTextElement,
    SVGTextElement,
  ];
  setContent(title, look.title);
  const { width, height } = look.size;
  rect.setAttribute('x', String(-width / 2));
  rect.setAttribute('y', String(-height / 2));
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(height));
  rect.setAttribute('rx', String(look.round ? height / 2 : 6));
  label.setAttribute('dy', look.lines[1] ? '-0.2em' : '0.35em');
  setContent(label, look.lines[0]);
  detail.setAttribute('dy', '1.05em');
  setContent(detail, look.lines[1]);
  setContent(badges, look.badges);
}

function setContent(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function withStored(input: TopologyInput | null, id: string, p: Point): TopologyInput | null {
  if (!input) return input;
  const stored = new Map(input.stored);
  stored.set(id, p);
  return { ...input, stored };
}

/**
 * Writes only what changed: a remote edit redraws every node, and rewriting 1,000 equal
 * texts and attributes would make the browser restyle and lay out the whole canvas.
 */
// biome-ignore lint/suspicious/noExplicitAny: any selection of elements bound to data
type AnySelection<D> = Selection<any, D, any, any>;

function setText<D>(
  selection: AnySelection<D>,
  value: (d: D, i: number, all: ArrayLike<unknown>) => string,
): void {
  selection.each(function (this: Element, d: D, i: number, all: ArrayLike<unknown>) {
    const next = value(d, i, all);
    if (this.textContent !== next) this.textContent = next;
  });
}

function setAttr<D>(selection: AnySelection<D>, name: string, value: (d: D) => string): void {
  selection.each(function (this: Element, d: D) {
    const next = value(d);
    if (this.getAttribute(name) !== next) this.setAttribute(name, next);
  });
}

function nodeClass(n: TopoNode, packetHere: boolean): string {
  const classes = ['node', `kind-${n.kind}`];
  if (n.kind === 'net') classes.push(`mode-${n.mode}`, ...(n.owner ? ['own-nat'] : []));
  if (n.kind === 'vm' && n.badges.some((b) => b.kind === 'not-started')) classes.push('not-started');
  if (n.kind === 'vm' && n.badges.length > 0) classes.push('warned');
  if (packetHere) classes.push('packet-at');
  return classes.join(' ');
}
