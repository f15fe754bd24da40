/**
 * The write guard of a class room (CLASS-6, CLASS-7, CLASS-9): a student's update is
 * applied, then every locked path it changed is restored, in the update's own
 * transaction (WriteGuard: stored as one append, so no crash keeps the locked change),
 * and logged; their other edits stand. A read-only connection (the
 * stage, a spotlighted room, any room while the class is paused) has every change
 * restored. An update from a document of an earlier generation is refused (4409).
 *
 * Locked for students, besides the lab's own `locked`: `locked`, `goals` and `i18n`
 * (the exercise itself).
 */
import {
  type ConcretePath,
  formatConcretePath,
  type JsonObject,
  matchLockPath,
  parseLockPath,
  readLab,
} from '@vnetlab/shared';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { Access, Connection, WriteGuard } from '../sync/types';
import { firstChange, restorePath, sameJson, valueAt } from './restorePaths';

export const ALWAYS_LOCKED = ['locked', 'goals', 'i18n'] as const;

/** Final (4400–4499): this document is of an earlier generation; open the room with a fresh one. */
export const StaleGeneration = { code: 4409, reason: 'Document of an earlier generation' } as const;

export interface WriteGuardOptions {
  readonly room: string;
  readonly log: Logger;
  /** Client ids of the room's earlier generations. */
  readonly retiredClients: () => ReadonlySet<number>;
  /** True while the class is paused. */
  readonly paused: () => boolean;
  /** A student's edit stood: where (the deepest changed path), for "who edits what". */
  readonly edited?: (principal: string, path: string, at: number) => void;
}

/** The refusal of an update written under a client id of an earlier generation, if it is one. */
export function staleWrite(
  retired: ReadonlySet<number>,
  writes: readonly number[],
): ReturnType<WriteGuard> | undefined {
  const stale = writes.find((client) => retired.has(client));
  if (stale === undefined) return undefined;
  return { kind: 'refuse', event: StaleGeneration, detail: `client ${stale} wrote in an earlier generation` };
}

export function createWriteGuard(options: WriteGuardOptions): WriteGuard {
  return (connection, doc, writes) => {
    const stale = staleWrite(options.retiredClients(), writes);
    if (stale) return stale;
    const access: Access = connection.access ?? 'full';
    if (access === 'full') return { kind: 'apply' };
    // Read as the update is applied, in its transaction: a big update is applied a turn
    // after it was checked (DocChannel), and an API write may land in between.
    let before: JsonObject = {};
    let patterns: string[] = [];
    return {
      kind: 'apply',
      beforeApply: () => {
        before = readLab(doc);
        patterns = access === 'read' || options.paused() ? ['*'] : [...lockedOf(before), ...ALWAYS_LOCKED];
      },
      settle: () => {
        const compensated = compensate(options, connection, doc, before, patterns, access);
        const principal = connection.principal;
        if (!options.edited || !principal || access === 'read' || options.paused()) return compensated;
        const path = firstChange(before, readLab(doc));
        if (path) options.edited(principal, formatConcretePath(path), Date.now());
        return compensated;
      },
    };
  };
}

function lockedOf(lab: JsonObject): string[] {
  const locked = lab.locked;
  return Array.isArray(locked) ? locked.filter((path): path is string => typeof path === 'string') : [];
}

function compensate(
  options: WriteGuardOptions,
  connection: Connection,
  doc: Y.Doc,
  before: JsonObject,
  patterns: readonly string[],
  access: Access,
): boolean {
  const after = readLab(doc);
  const changed = new Map<string, ConcretePath>();
  for (const pattern of patterns) {
    const parsed = parseLockPath(pattern);
    if (!parsed.ok) continue;
    for (const path of [
      ...matchLockPath(before, parsed.segments),
      ...matchLockPath(after, parsed.segments),
    ]) {
      if (!sameJson(valueAt(before, path), valueAt(after, path))) changed.set(formatConcretePath(path), path);
    }
  }
  if (changed.size === 0) return false;
  // Shallow paths first: restoring a parent makes its children right as well.
  const paths = [...changed.values()].sort((a, b) => a.length - b.length);
  doc.transact(
    () => {
      for (const path of paths) {
        if (!sameJson(valueAt(readLab(doc), path), valueAt(before, path))) restorePath(doc, before, path);
      }
    },
    { kind: 'guard', connId: connection.id },
  );
  options.log('write-compensated', {
    room: options.room,
    conn: connection.id,
    principal: connection.principal,
    access,
    paused: options.paused(),
    paths: [...changed.keys()],
  });
  return true;
}
