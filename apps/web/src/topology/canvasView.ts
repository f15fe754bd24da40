/**
 * The canvas's screen <-> world transform, for whatever draws over the topology (the
 * presence engineer's live cursors, the packet dot).
 *
 * World coordinates are the topology's own units: the ones stored in the room's
 * `layout` map (packages/shared/src/yjs/layoutDoc.ts) and the same on every page,
 * whatever each person's zoom. A point on screen is
 *     clientX = svgLeft + x + k * worldX,   clientY = svgTop + y + k * worldY
 * with `{k, x, y}` = `canvasView()` (a Solid signal, updated on every zoom, pan and fit)
 * and svgLeft/svgTop the SVG's client rectangle. Use:
 *   - `screenToWorld(clientX, clientY)` on pointer moves to publish a cursor in world units;
 *   - `worldToScreen(point)` to place an HTML element over the canvas;
 *   - `canvasOverlay()`: an SVG `<g>` already in world units (zoomed with the canvas,
 *     above the nodes, pointer-events off) to append cursor shapes to directly.
 * All are null / identity while no canvas is on the page.
 */
import { createSignal } from 'solid-js';
import type { Point } from './layoutTopology';

export interface CanvasTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

const [canvasView, setCanvasView] = createSignal<CanvasTransform>({ k: 1, x: 0, y: 0 });
const [canvasOverlay, setCanvasOverlay] = createSignal<SVGGElement | null>(null);
let svgElement: SVGSVGElement | null = null;

export { canvasOverlay, canvasView };

/** Called by makeTopology only. */
export function publishCanvas(svg: SVGSVGElement | null, overlay: SVGGElement | null): void {
  svgElement = svg;
  setCanvasOverlay(overlay);
}

/** Called by makeTopology only, on every zoom event. */
export function publishTransform(transform: CanvasTransform): void {
  setCanvasView({ k: transform.k, x: transform.x, y: transform.y });
}

export function screenToWorld(clientX: number, clientY: number): Point | null {
  if (!svgElement) return null;
  const rect = svgElement.getBoundingClientRect();
  const { k, x, y } = canvasView();
  return { x: (clientX - rect.left - x) / k, y: (clientY - rect.top - y) / k };
}

export function worldToScreen(point: Point): { clientX: number; clientY: number } | null {
  if (!svgElement) return null;
  const rect = svgElement.getBoundingClientRect();
  const { k, x, y } = canvasView();
  return { clientX: rect.left + x + k * point.x, clientY: rect.top + y + k * point.y };
}
