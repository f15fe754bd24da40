/**
 * The one place that turns a pointer on this screen into a point partners can draw on
 * theirs, and back. The shared space is the canvas's world (topology/canvasView.ts): the
 * units node positions are stored in, the same on every page. A cursor published over a
 * VM therefore lands on that VM on every partner's screen, whatever each one's zoom,
 * pan, window size or panel layout.
 */
import { screenToWorld, worldToScreen } from '../topology/canvasView';
import type { SharedPoint } from './peers';

export interface FrameBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The world point under the pointer, or null when it is off `frame` or no canvas is shown. */
export function screenToShared(clientX: number, clientY: number, frame: FrameBox): SharedPoint | null {
  if (frame.width <= 0 || frame.height <= 0) return null;
  if (clientX < frame.left || clientX > frame.left + frame.width) return null;
  if (clientY < frame.top || clientY > frame.top + frame.height) return null;
  const world = screenToWorld(clientX, clientY);
  if (!world) return null;
  // A tenth of a world unit: finer than a pixel at the canvas's largest zoom (4×), and
  // a short awareness message.
  return { x: Math.round(world.x * 10) / 10, y: Math.round(world.y * 10) / 10 };
}

/**
 * Where to draw a shared point, in pixels from `frame`'s top-left corner; null when it
 * lies outside what this page's canvas shows (or no canvas is shown). Reads the canvas's
 * transform signal: a computation calling it follows every zoom and pan.
 */
export function sharedToFrame(point: SharedPoint, frame: FrameBox): { left: number; top: number } | null {
  const screen = worldToScreen(point);
  if (!screen) return null;
  const left = screen.clientX - frame.left;
  const top = screen.clientY - frame.top;
  if (left < 0 || top < 0 || left > frame.width || top > frame.height) return null;
  return { left, top };
}
