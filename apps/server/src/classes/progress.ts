/**
 * What the dashboard shows (CLASS-10): per group its members and who is online, the
 * goals met or the reason, when a goal last turned green, a raised hand and whether
 * the instructor is watching; the class's state and which goals fail most. Read live:
 * each request computes from the rooms as they are (results catch up first, ENGINE-4).
 */
import { LAB_ROOT, RESULTS_ROOT } from '@vnetlab/shared';
import * as Y from 'yjs';
import type { Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { INSTRUCTOR } from './access';
import type { ClassService, Editing } from './ClassService';
import { type GroupResults, groupResults } from './groupResults';
import type { ClassRecord, ClassState, PlantedFault } from './types';

export interface GoalProgress {
  readonly met: boolean;
  readonly reason: string;
  /** The verdict as data (the engine's `why`), so the dashboard says it in its own language. */
  readonly why: unknown;
  readonly text: string;
  /** The goal's text in other languages (the lab's `i18n`), by locale. */
  readonly texts: Record<string, string>;
}

export interface GroupProgress {
  readonly group: number;
  readonly room: string;
  readonly generation: number;
  readonly members: {
    id: string;
    name: string;
    online: boolean;
    handRaisedAt: number | null;
    /** Who edits what: the VM whose settings they have open, their last edit that stood. */
    editing: Editing;
  }[];
  readonly goals: Record<string, GoalProgress>;
  /** False: the room's results did not answer in time (groupResults.ts), these are as they stood. */
  readonly resultsCurrent: boolean;
  readonly goalsMet: number;
  readonly goalsTotal: number;
  readonly lastGreenAt: number | null;
  readonly sinceLastGreenMs: number | null;
  readonly instructorWatching: boolean;
  /** The fault planted in this group, and how long finding it took. */
  readonly fault: (PlantedFault & { readonly tookMs: number | null }) | null;
}

export interface ClassProgress {
  readonly class: string;
  readonly title: string;
  readonly joinCode: string;
  readonly stageRoom: string;
  readonly state: ClassState & { readonly timerLeftMs: number | null };
  readonly groups: GroupProgress[];
  /** Goal id -> how many groups have it unmet (the class heat-map). */
  readonly failing: Record<string, number>;
  readonly at: number;
}

export async function classProgress(
  service: ClassService,
  rooms: RoomRegistry,
  klass: ClassRecord,
  now = Date.now(),
): Promise<ClassProgress> {
  const { classes } = service;
  const members = await classes.members(klass.id);
  const failing: Record<string, number> = {};
  const groups: GroupProgress[] = [];
  const classGroups = await classes.groups(klass.id);
  // Every room at once, each within its bounded wait: a stuck room costs one wait, not
  // one per group after it. Loaded first (loading reads the stored last edits), then who
  // is there on any process.
  const read = await Promise.all(classGroups.map((group) => groupResults(rooms, group.room)));
  const presence = await service.presence(classGroups.map((group) => group.room));
  for (const [index, group] of classGroups.entries()) {
    const { room, results, current } = read[index] as GroupResults;
    const here = presence.get(group.room);
    const online = here?.online ?? new Set<string>();
    const editing = here?.editing ?? new Map<string, Editing>();
    const translations = goalTranslations(room);
    const goals: Record<string, GoalProgress> = {};
    for (const [id, value] of Object.entries(results.goals)) {
      const goal = value as { met?: boolean; reason?: string; why?: unknown; text?: string };
      goals[id] = {
        met: goal.met === true,
        reason: goal.reason ?? '',
        why: goal.why ?? null,
        text: goal.text ?? id,
        texts: translations(id),
      };
      if (!goals[id].met) failing[id] = (failing[id] ?? 0) + 1;
    }
    const lastGreenAt = await classes.lastGreen(group.room);
    groups.push({
      group: group.group,
      room: group.room,
      generation: (await classes.currentGeneration(group.room))?.generation ?? 0,
      members: members
        .filter((member) => member.group === group.group)
        .map((member) => ({
          id: member.id,
          name: member.name,
          online: online.has(member.id),
          handRaisedAt: member.handRaisedAt,
          editing: editing.get(member.id) ?? { openVm: null, lastEdit: null },
        })),
      goals,
      resultsCurrent: current,
      goalsMet: Object.values(goals).filter((goal) => goal.met).length,
      goalsTotal: Object.keys(goals).length,
      lastGreenAt,
      sinceLastGreenMs: lastGreenAt === null ? null : now - lastGreenAt,
      instructorWatching: online.has(INSTRUCTOR),
      fault: faultOf(klass.state.faults[String(group.group)]),
    });
  }
  return {
    class: klass.id,
    title: klass.title,
    joinCode: klass.joinCode,
    stageRoom: klass.stageRoom,
    state: { ...klass.state, timerLeftMs: timerLeft(klass.state, now) },
    groups,
    failing,
    at: now,
  };
}

/** Goal id -> its texts in the lab's other languages (`i18n.LOCALE.goals.ID`). */
function goalTranslations(room: Room | undefined): (id: string) => Record<string, string> {
  const i18n = room?.lab.doc.getMap<unknown>(LAB_ROOT).get('i18n');
  const all = i18n instanceof Y.Map ? (i18n.toJSON() as Record<string, unknown>) : {};
  return (id) => {
    const texts: Record<string, string> = {};
    for (const [locale, translation] of Object.entries(all)) {
      const text = (translation as { goals?: Record<string, unknown> } | null)?.goals?.[id];
      if (typeof text === 'string') texts[locale] = text;
    }
    return texts;
  };
}

function faultOf(fault: PlantedFault | undefined): GroupProgress['fault'] {
  if (!fault) return null;
  return { ...fault, tookMs: fault.solvedAt === null ? null : fault.solvedAt - fault.plantedAt };
}

export function timerLeft(state: ClassState, now: number): number | null {
  const { timer } = state;
  if (!timer) return null;
  if (timer.pausedLeftMs !== null) return timer.pausedLeftMs;
  return Math.max(0, timer.startedAt + timer.durationMs - now);
}

/**
 * Watches a group room's goals as this process's engine writes them: `green` when a
 * goal turns met, `solved` when every goal is met (a lab with goals). Results relayed
 * from another process (cluster mode: the lease holder computed them) or caught up from
 * the store are followed but not reported: the process whose engine wrote them did, so
 * each change is noted once across the cluster, not once per process.
 */
export function watchGoals(
  room: Room,
  on: { green: (at: number) => void; solved: (at: number) => void },
): void {
  const map = room.results.doc.getMap<unknown>(RESULTS_ROOT);
  let met = metGoals(map.get('goals')).met;
  map.observe((event) => {
    if (!event.keysChanged.has('goals')) return;
    const before = met;
    const now = metGoals(map.get('goals'));
    met = now.met;
    if ((event.transaction.origin as { kind?: string } | null)?.kind !== 'engine') return;
    const at = Date.now();
    if ([...now.met].some((id) => !before.has(id))) on.green(at);
    if (now.total > 0 && now.met.size === now.total) on.solved(at);
  });
}

function metGoals(goals: unknown): { met: Set<string>; total: number } {
  const met = new Set<string>();
  if (typeof goals !== 'object' || goals === null) return { met, total: 0 };
  for (const [id, goal] of Object.entries(goals)) if ((goal as { met?: boolean }).met === true) met.add(id);
  return { met, total: Object.keys(goals).length };
}

/** One row per member: group, room, name, online, goals met, total, last green, their last edit (when, where), then each goal. */
export function progressCsv(progress: ClassProgress): string {
  const goalIds = [...new Set(progress.groups.flatMap((group) => Object.keys(group.goals)))].sort();
  const rows = [
    [
      'group',
      'room',
      'name',
      'online',
      'goalsMet',
      'goalsTotal',
      'lastGreenAt',
      'lastEditAt',
      'lastEdit',
      ...goalIds,
    ],
  ];
  const nobody = { name: '', online: false, editing: { openVm: null, lastEdit: null } };
  for (const group of progress.groups) {
    const people = group.members.length > 0 ? group.members : [nobody];
    for (const member of people) {
      const { lastEdit } = member.editing;
      rows.push([
        String(group.group),
        group.room,
        spreadsheetText(member.name),
        String(member.online),
        String(group.goalsMet),
        String(group.goalsTotal),
        group.lastGreenAt === null ? '' : new Date(group.lastGreenAt).toISOString(),
        lastEdit === null ? '' : new Date(lastEdit.at).toISOString(),
        lastEdit === null ? '' : lastEdit.path,
        ...goalIds.map((id) => (group.goals[id] === undefined ? '' : group.goals[id].met ? 'met' : 'unmet')),
      ]);
    }
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What a student typed: a leading = + - @ is prefixed so a spreadsheet shows it as text, never runs it. */
function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
