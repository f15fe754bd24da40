/**
 * One value written at a lab path (`vms.web.adapters[1].cable`) in the room
 * document, in one transaction with `origin`: how the server applies the edit a
 * console command makes (`ip link set enp0s8 down`). Only an existing parent is
 * written into; a path that leads nowhere is refused, never created half-way.
 */
import * as Y from 'yjs';
import { labMap } from './labDoc';

export type EditOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export function applyLabEdit(
  doc: Y.Doc,
  edit: { readonly path: string; readonly value: boolean | number | string | null },
  origin: unknown,
): EditOutcome {
  const steps = parsePath(edit.path);
  if (steps === null || steps.length === 0) return { ok: false, error: `${edit.path}: not a lab path` };
  let outcome: EditOutcome = { ok: true };
  doc.transact(() => {
    let at: unknown = labMap(doc);
    for (const step of steps.slice(0, -1)) {
      at =
        at instanceof Y.Map ? at.get(String(step)) : at instanceof Y.Array ? at.get(Number(step)) : undefined;
    }
    const last = steps.at(-1)!;
    if (at instanceof Y.Map && typeof last === 'string') at.set(last, edit.value);
    else outcome = { ok: false, error: `${edit.path}: no such place in the lab` };
  }, origin);
  return outcome;
}

/** "vms.web.adapters[1].cable" -> ["vms", "web", "adapters", 1, "cable"]. */
function parsePath(path: string): (string | number)[] | null {
  const steps: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    steps.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}
