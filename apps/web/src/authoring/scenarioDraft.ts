/**
 * The pure parts of saving a room's lab as a scenario: a new goal from a probe, the
 * problems of the `locked` paths (the same check `pnpm vnetlab check` makes), and the
 * file's name.
 */

import { freeName, parseLockPath, unmatchedLockPaths } from '@vnetlab/shared';
import { labFileName } from '../util/downloadLab';

export interface GoalDraft {
  readonly from: string;
  readonly to: string;
  readonly kind: 'ping' | 'tcp';
  readonly port: number;
  readonly expect: boolean;
  readonly text: string;
}

/** The goal a draft adds: an id no other goal has, the probe, and a text (the probe in words when none is typed). */
export function goalOf(draft: GoalDraft, takenIds: ReadonlySet<string>): Record<string, unknown> {
  const probe =
    draft.kind === 'ping'
      ? { from: draft.from, to: draft.to, kind: 'ping' }
      : { from: draft.from, to: draft.to, kind: 'tcp', port: draft.port };
  const said = `${draft.from} → ${draft.to} (${draft.kind === 'ping' ? 'ping' : `tcp/${draft.port}`})`;
  const text = draft.text.trim() || (draft.expect ? said : `${said} ✗`);
  return { id: freeName('goal', takenIds), text, probe, expect: draft.expect };
}

export type LockProblem = 'badPath' | 'matchesNothing';

/**
 * Each locked path's problem by its index: not a path (the parser's message), or a path
 * that matches nothing in `lab` (unmatchedLockPaths: what the CLI and the server report).
 */
export function lockProblems(lab: unknown): Map<number, { kind: LockProblem; message: string }> {
  const problems = new Map<number, { kind: LockProblem; message: string }>();
  const locked = (lab as { locked?: unknown } | null)?.locked;
  if (!Array.isArray(locked)) return problems;
  locked.forEach((pattern, index) => {
    const parsed = parseLockPath(String(pattern));
    if (!parsed.ok) problems.set(index, { kind: 'badPath', message: parsed.message });
  });
  for (const error of unmatchedLockPaths(lab)) {
    const index = Number(/^locked\[(\d+)\]$/.exec(error.path)?.[1]);
    if (Number.isInteger(index)) problems.set(index, { kind: 'matchesNothing', message: error.message });
  }
  return problems;
}

/** `NAT or NAT Network?` -> `NAT-or-NAT-Network.json` (the room's name when the lab has no title). */
export function scenarioFileName(title: unknown, fallback: string): string {
  return labFileName(title, fallback, 'scenario');
}
