/**
 * The one place that turns a pointer on this screen into a point partners can draw on
 * theirs, and back. Until the canvas exposes its screen <-> world transform, the shared
 * space is the topology frame itself, as fractions of its width and height (0..1), so a
 * cursor lands on the same part of the picture on a laptop and on a projector. Swap these
 * two functions for the canvas's transform and nothing else changes.
 */
import type { SharedPoint } from './peers';

export interface FrameBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function screenToShared(clientX: number, clientY: number, frame: FrameBox): SharedPoint | null {
  if (frame.width <= 0 || frame.height <= 0) return null;
  const x = (clientX - frame.left) / frame.width;
  const y = (clientY - frame.top) / frame.height;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  // Four decimals: a pixel on a 4K screen, and a small awareness message.
  return { x: Math.round(x * 1e4) / 1e4, y: Math.round(y * 1e4) / 1e4 };
}

/** Where to draw a shared point, in pixels from the frame's top-left corner. */
export function sharedToFrame(point: SharedPoint, frame: FrameBox): { left: number; top: number } {
  return { left: point.x * frame.width, top: point.y * frame.height };
}
