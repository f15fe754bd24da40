/**
 * Is this field locked? The editor's question about one concrete field, answered from
 * the lab's `locked` patterns (lab-format.md: the path syntax of errors,
 * `vms.web.adapters[0].mode`, with `*` for any key or index). A pattern locks the
 * value it names and everything under it: `vms.web.adapters[0]` locks that adapter's
 * `mode` too. The server enforces the same patterns; this only lets a dialog show the
 * field as locked (with the pattern as its reason) instead of letting a write bounce.
 */

/** One step of a path: an object key or an array index (`*` in a pattern: any). */
type Step = string | number;

/** What carries `locked`: a lab file as JSON or a parsed `Lab`. */
export interface Lockable {
  readonly locked?: readonly string[] | unknown;
}

const STEP = /^(?:\.?([A-Za-z0-9_$@:-]+|\*)|\[(\d+|\*)\])/;

/** `vms.web.adapters[0].mode` -> `["vms", "web", "adapters", 0, "mode"]`; null when it is not a path. */
export function pathSteps(text: string): Step[] | null {
  if (text === '' || text.startsWith('.')) return null;
  const steps: Step[] = [];
  let rest = text;
  while (rest !== '') {
    const match = STEP.exec(rest);
    if (!match) return null;
    const [whole, key, index] = match;
    if (key !== undefined) steps.push(key);
    else steps.push(index === '*' ? '*' : Number(index));
    rest = rest.slice(whole.length);
  }
  return steps;
}

/** The first `locked` pattern that covers `path` (a string in error syntax, or its steps); null if none. */
export function lockedBy(lab: Lockable, path: string | readonly Step[]): string | null {
  const locked = Array.isArray(lab.locked) ? (lab.locked as unknown[]) : [];
  const steps = typeof path === 'string' ? pathSteps(path) : path;
  if (!steps) return null;
  for (const pattern of locked) {
    if (typeof pattern !== 'string') continue;
    const patternSteps = pathSteps(pattern);
    if (patternSteps && covers(patternSteps, steps)) return pattern;
  }
  return null;
}

/** Whether a student may not change the field at `path` of this lab. */
export function isLocked(lab: Lockable, path: string | readonly Step[]): boolean {
  return lockedBy(lab, path) !== null;
}

function covers(pattern: readonly Step[], path: readonly Step[]): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((step, at) => step === '*' || step === path[at] || String(step) === String(path[at]));
}
