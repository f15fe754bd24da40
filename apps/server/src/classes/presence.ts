/**
 * Who is in a class room and what they edit, as one process sees it (its own sockets
 * and their awareness, the last edits it knows), and the same joined over every
 * process of a cluster: what the dashboard shows (CLASS-10) whichever process serves
 * it and whichever the students are connected to. Another process's report arrives as
 * JSON through Redis (cluster/Presence.ts): read with care, a bad one is ignored.
 */
import type { LastEdit } from './types';

/** What one process says of a room: the JSON of its presence field. */
export interface PresenceReport {
  /** Who has a socket open on the room there (member ids, `instructor`). */
  readonly online: readonly string[];
  /** Per member id, the VM whose settings they have open (their awareness). */
  readonly openVms: Readonly<Record<string, string>>;
  /** Per member id, their last edit that stood, as that process knows it. */
  readonly lastEdits: Readonly<Record<string, LastEdit>>;
}

export interface Editing {
  readonly openVm: string | null;
  readonly lastEdit: LastEdit | null;
}

/** A room as the whole cluster sees it. */
export interface RoomPresence {
  readonly online: ReadonlySet<string>;
  /** Per member id; members without either are left out. */
  readonly editing: ReadonlyMap<string, Editing>;
}

/** Nothing to say: no socket, nothing open, no edit known (the field is removed). */
export function isEmptyReport(report: PresenceReport): boolean {
  return (
    report.online.length === 0 &&
    Object.keys(report.openVms).length === 0 &&
    Object.keys(report.lastEdits).length === 0
  );
}

/** `local` first (this process's first-hand view), then the others': anyone online anywhere is; the latest edit wins. */
export function joinReports(local: PresenceReport, others: readonly PresenceReport[]): RoomPresence {
  const online = new Set<string>();
  const openVms = new Map<string, string>();
  const lastEdits = new Map<string, LastEdit>();
  for (const report of [local, ...others]) {
    for (const principal of report.online) online.add(principal);
    for (const [principal, vm] of Object.entries(report.openVms))
      if (!openVms.has(principal)) openVms.set(principal, vm);
    for (const [principal, edit] of Object.entries(report.lastEdits)) {
      if ((lastEdits.get(principal)?.at ?? -1) < edit.at) lastEdits.set(principal, edit);
    }
  }
  const editing = new Map<string, Editing>();
  for (const principal of new Set([...openVms.keys(), ...lastEdits.keys()])) {
    editing.set(principal, {
      openVm: openVms.get(principal) ?? null,
      lastEdit: lastEdits.get(principal) ?? null,
    });
  }
  return { online, editing };
}

/** Another process's report, or undefined if it is not one (an older or broken process). */
export function parseReport(value: unknown): PresenceReport | undefined {
  if (!isObject(value)) return undefined;
  const { online, openVms, lastEdits } = value;
  if (!Array.isArray(online) || !online.every((principal) => typeof principal === 'string')) return undefined;
  if (!isObject(openVms) || !Object.values(openVms).every((vm) => typeof vm === 'string')) return undefined;
  if (!isObject(lastEdits) || !Object.values(lastEdits).every(isLastEdit)) return undefined;
  return {
    online: online as string[],
    openVms: openVms as Record<string, string>,
    lastEdits: lastEdits as Record<string, LastEdit>,
  };
}

function isLastEdit(value: unknown): value is LastEdit {
  return (
    isObject(value) &&
    typeof value.path === 'string' &&
    (value.vm === null || typeof value.vm === 'string') &&
    typeof value.at === 'number'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
