/**
 * What a class forbids on the labs API beyond opening a room (CLASS-6, CLASS-9,
 * CLASS-14): a watcher (the stage, another group's room in the spotlight) types no
 * console line; a console line of a student changes no locked path and nothing while
 * the class is paused; and while a prediction round is open, no student (or watcher)
 * asks the engine about any room of the class — not a console line, not a probe, not
 * the results — since each answer would give the round away. The instructor is never
 * refused. Without classes nothing is refused.
 */
import { formatConcretePath, type JsonObject, matchLockPath, parseLockPath } from '@vnetlab/shared';
import type { AccessGranted } from './access';
import type { ClassStore } from './classStore';
import { ALWAYS_LOCKED } from './writeGuard';

export interface ClassRules {
  /** Why `granted` may not ask the engine about `room` now, or null. */
  answersHidden(room: string, granted: AccessGranted): Promise<string | null>;
  /** Why `granted` may not run a console line in `room` (`changes`: the lab path it would set), or null. */
  consoleRefused(
    room: string,
    granted: AccessGranted,
    lab: JsonObject,
    changes: string | null,
  ): Promise<string | null>;
}

export const ROUND_OPEN =
  'a prediction round is open: the engine answers again once the instructor reveals it';

export const NO_RULES: ClassRules = {
  answersHidden: async () => null,
  consoleRefused: async () => null,
};

export function classRules(classes: ClassStore | undefined): ClassRules {
  if (!classes) return NO_RULES;
  const classOf = async (room: string) => (await classes.placeOfRoom(room))?.classId;
  const roundOpen = async (classId: string) => {
    const round = await classes.predictions.current(classId);
    return round !== undefined && round.revealedAt === null;
  };
  const answersHidden = async (room: string, granted: AccessGranted) => {
    if (granted.access === 'full') return null;
    const classId = await classOf(room);
    return classId && (await roundOpen(classId)) ? ROUND_OPEN : null;
  };
  return {
    answersHidden,
    async consoleRefused(room, granted, lab, changes) {
      if (granted.access === 'full') return null;
      if (granted.access === 'read') return 'this room is read-only for you: its console is its group’s';
      const hidden = await answersHidden(room, granted);
      if (hidden) return hidden;
      if (changes === null) return null;
      const classId = await classOf(room);
      if (classId && (await classes.getClass(classId))?.state.paused)
        return 'the class is paused: the lab changes again once the instructor resumes it';
      return isLocked(lab, changes) ? `${changes} is locked in this exercise` : null;
    },
  };
}

/**
 * Whether a console line setting `path` (`vms.web.adapters[0].cable`) would change a
 * locked path: matched on the lab with the field set, since a field absent until now
 * (a default) is locked by the same pattern once it is there.
 */
export function isLocked(lab: JsonObject, path: string): boolean {
  const own = Array.isArray(lab.locked) ? lab.locked.filter((p): p is string => typeof p === 'string') : [];
  const after = withField(lab, path);
  for (const pattern of [...own, ...ALWAYS_LOCKED]) {
    const parsed = parseLockPath(pattern);
    if (!parsed.ok) continue;
    for (const match of matchLockPath(after, parsed.segments)) {
      const locked = formatConcretePath(match);
      // The path itself, or a parent of it (`vms.web` locks every field of web).
      if (path === locked || path.startsWith(`${locked}.`) || path.startsWith(`${locked}[`)) return true;
    }
  }
  return false;
}

/** A copy of `lab` with the field at `path` present (set to true), where its parents are. */
function withField(lab: JsonObject, path: string): unknown {
  const steps = path.split('.').flatMap((part) => {
    const [name = '', ...indexes] = part.split('[');
    return [name, ...indexes.map((index) => Number.parseInt(index, 10))];
  });
  const copy = structuredClone(lab) as Record<string | number, unknown>;
  let at: unknown = copy;
  for (const step of steps.slice(0, -1)) {
    at = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[step] : undefined;
  }
  const last = steps.at(-1);
  if (typeof at === 'object' && at !== null && last !== undefined && !Array.isArray(at))
    (at as Record<string | number, unknown>)[last] = true;
  return copy;
}
