/**
 * The room's lab parsed once per change, whoever asks (the canvas, the packet panel,
 * the matrix): parsing 100 VMs through the schema costs more than drawing them. Keyed
 * by the plain-JSON object the room documents hand out, which is new on every change.
 */
import { type Lab, parseLab } from '@vnetlab/shared';

const cache = new WeakMap<object, Lab | null>();

export function parsedLab(raw: Record<string, unknown>): Lab | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const parsed = parseLab(raw);
  const lab = parsed.ok ? parsed.lab : null;
  cache.set(raw, lab);
  return lab;
}
