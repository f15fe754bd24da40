/**
 * The room's lab parsed once per change, whoever asks (the canvas, the packet panel,
 * the matrix): parsing 100 VMs through the schema costs more than drawing them. Keyed
 * by the plain-JSON object the room documents hand out, which is new on every change;
 * below that, each machine is checked once per object (createLabParser), so an edit of
 * one VM runs the schema over that VM and the lab's few other fields.
 */
import { createLabParser, type Lab, type ParseLabResult } from '@vnetlab/shared';

const parseLab = createLabParser();
const cache = new WeakMap<object, ParseLabResult>();

/** The schema's whole answer (the lab, or its errors by path), computed once per change. */
export function parseOnce(raw: Record<string, unknown>): ParseLabResult {
  let parsed = cache.get(raw);
  if (!parsed) {
    parsed = parseLab(raw);
    cache.set(raw, parsed);
  }
  return parsed;
}

export function parsedLab(raw: Record<string, unknown>): Lab | null {
  const parsed = parseOnce(raw);
  return parsed.ok ? parsed.lab : null;
}
