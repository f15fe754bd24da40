/** Pure geometry of the canvas: node anchors and link paths (no DOM, no d3). */
import { type Point, type Size, sizeOf } from './layoutTopology';
import type { TopoLink, TopoNode } from './topologyData';

export interface Placed {
  readonly node: TopoNode;
  readonly at: Point;
  readonly size: Size;
}

/** Where a line leaves a box towards `other`: the middle of the top or bottom edge. */
export function anchor(box: Placed, other: Point): Point {
  const dy = other.y - box.at.y;
  if (Math.abs(dy) < box.size.height / 2 + 8) {
    const side = other.x > box.at.x ? 1 : -1;
    return { x: box.at.x + (side * box.size.width) / 2, y: box.at.y };
  }
  return { x: box.at.x, y: box.at.y + (Math.sign(dy) * box.size.height) / 2 };
}

/** A soft S between two points, vertical at both ends (or horizontal when side by side). */
export function curve(a: Point, b: Point): string {
  if (Math.abs(a.y - b.y) < 1) return `M${a.x},${a.y} L${b.x},${b.y}`;
  const mid = (a.y + b.y) / 2;
  return `M${a.x},${a.y} C${a.x},${mid} ${b.x},${mid} ${b.x},${b.y}`;
}

/**
 * A link's path: along the layout's bends while both ends are where the layout put
 * them, a curve once someone dragged either end; a route that stops short of its
 * target (a NAT engine's bus towards the host) ends in a curve to it.
 */
export function linkPath(
  link: TopoLink,
  from: Placed,
  to: Placed,
  route: readonly Point[] | undefined,
  moved: boolean,
): string {
  if (route && route.length > 0 && !moved) {
    const [first, ...rest] = route;
    let d = `M${first!.x},${first!.y}${rest.map((p) => ` L${p.x},${p.y}`).join('')}`;
    const last = route.at(-1)!;
    const end = anchor(to, last);
    if (Math.hypot(end.x - last.x, end.y - last.y) > 3) d += curve(last, end).replace(/^M[^ ]+/, '');
    return d;
  }
  return curve(anchor(from, to.at), anchor(to, from.at));
}

export function placedOf(node: TopoNode, at: Point): Placed {
  return { node, at, size: sizeOf(node) };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The box around every node, with a margin: what "Fit" shows. */
export function boundsOf(placed: Iterable<Placed>, margin = 30): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of placed) {
    x0 = Math.min(x0, p.at.x - p.size.width / 2);
    x1 = Math.max(x1, p.at.x + p.size.width / 2);
    y0 = Math.min(y0, p.at.y - p.size.height / 2);
    y1 = Math.max(y1, p.at.y + p.size.height / 2 + 24);
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, width: 100, height: 100 };
  return { x: x0 - margin, y: y0 - margin, width: x1 - x0 + 2 * margin, height: y1 - y0 + 2 * margin };
}

/** The zoom that shows `box` whole and centred in a viewport, never above `maxScale`. */
export function fitTransform(box: Box, viewport: Size, maxScale = 1.4): { k: number; x: number; y: number } {
  const k = Math.min(maxScale, viewport.width / box.width, viewport.height / box.height);
  return {
    k,
    x: (viewport.width - box.width * k) / 2 - box.x * k,
    y: (viewport.height - box.height * k) / 2 - box.y * k,
  };
}
