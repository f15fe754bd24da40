/**
 * Is this field locked? The editor's question about one concrete field, answered from
 * the lab's `locked` patterns (lab-format.md: the path syntax of errors,
 * `vms.web.adapters[0].mode`, with `*` for any key or index). A pattern locks the
 * value it names and everything under it: `vms.web.adapters[0]` locks that adapter's
 * `mode` too. The server enforces the same patterns; this only lets a dialog show the
 * field as locked (with the pattern as its reason) instead of letting a write bounce.
 */

import { type LockSegment, parseLockPath } from './lockPaths';

/** One step of a concrete path: an object key or an array index. */
type Step = string | number;

/** What carries `locked`: a lab file as JSON or a parsed `Lab`. */
export interface Lockable {
  readonly locked?: readonly string[] | unknown;
}

/** `vms.web.adapters[0].mode` -> `["vms", "web", "adapters", 0, "mode"]`; null when it is not a path. */
export function pathSteps(text: string): Step[] | null {
  const parsed = parseLockPath(text);
  if (!parsed.ok) return null;
  return parsed.segments.map((segment) => {
    switch (segment.kind) {
      case 'key':
        return segment.key;
      case 'index':
        return segment.index;
      case 'any':
        return '*';
      default:
        return assertNever(segment);
    }
  });
}

/** The first `locked` pattern that covers `path` (a string in error syntax, or its steps); null if none. */
export function lockedBy(lab: Lockable, path: string | readonly Step[]): string | null {
  const locked = Array.isArray(lab.locked) ? (lab.locked as unknown[]) : [];
  const steps = typeof path === 'string' ? pathSteps(path) : path;
  if (!steps) return null;
  for (const pattern of locked) {
    if (typeof pattern !== 'string') continue;
    const parsed = parseLockPath(pattern);
    if (parsed.ok && covers(parsed.segments, steps)) return pattern;
  }
  return null;
}

/** Whether a student may not change the field at `path` of this lab. */
export function isLocked(lab: Lockable, path: string | readonly Step[]): boolean {
  return lockedBy(lab, path) !== null;
}

/** The pattern names `path` or one of its ancestors (a locked adapter locks its mode). */
function covers(pattern: readonly LockSegment[], path: readonly Step[]): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((segment, at) => {
    const step = path[at];
    switch (segment.kind) {
      case 'any':
        return true;
      case 'key':
        return step === segment.key;
      case 'index':
        return step === segment.index;
      default:
        return assertNever(segment);
    }
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected lock segment ${JSON.stringify(value)}`);
}
