/**
 * `GET /api/classes/:class/progress` as the dashboard reads it: a defensive parse into
 * plain values (a newer or older server may send more or less), and what the dashboard
 * derives from it — the heat-map of the goals that fail most and "how long ago".
 */
import type { Locale, Why } from '@vnetlab/shared';
import { whyOf } from '../results/resultsView';
import { asArray, asBoolean, asNumber, asObject, asString } from '../util/json';

export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly online: boolean;
  readonly handRaisedAt: number | null;
  /** Who edits what: the VM whose settings they have open, and their last edit (a lab path). */
  readonly openVm: string | null;
  readonly lastEdit: { readonly path: string; readonly vm: string | null; readonly at: number } | null;
}

export interface GoalView {
  readonly id: string;
  readonly met: boolean;
  /** The server's English text; `why` renders it in the page's language when the server sends it. */
  readonly reason: string;
  readonly why: Why | null;
  readonly text: string;
  /** The text in other languages, by locale (the lab's `i18n`). */
  readonly texts: Readonly<Record<string, string>>;
}

export interface GroupView {
  readonly group: number;
  readonly room: string;
  readonly members: readonly MemberView[];
  readonly goals: readonly GoalView[];
  readonly goalsMet: number;
  readonly sinceLastGreenMs: number | null;
  readonly instructorWatching: boolean;
  /** The earliest raised hand in the group, or null. */
  readonly handRaisedAt: number | null;
  /** A troubleshooting lab planted here: how long it has been in, or how long finding it took. */
  readonly fault: FaultView | null;
}

export interface FaultView {
  readonly fault: string;
  /** Since it was planted, at the time of the progress. */
  readonly inForMs: number;
  /** Null while it is not found. */
  readonly tookMs: number | null;
}

export interface ClassView {
  readonly klass: string;
  readonly title: string;
  readonly joinCode: string;
  readonly stageRoom: string;
  readonly paused: boolean;
  readonly timerLeftMs: number | null;
  /** The timer counts down (not stopped, not paused). */
  readonly timerRunning: boolean;
  readonly spotlight: { readonly group: number; readonly anonymize: boolean } | null;
  readonly groups: readonly GroupView[];
  readonly at: number;
}

const nullableNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function progressView(json: unknown): ClassView {
  const body = asObject(json);
  const state = asObject(body.state);
  const spotlight = asObject(state.spotlight);
  const at = asNumber(body.at);
  return {
    klass: asString(body.class),
    title: asString(body.title),
    joinCode: asString(body.joinCode),
    stageRoom: asString(body.stageRoom),
    paused: asBoolean(state.paused) ?? false,
    timerLeftMs: nullableNumber(state.timerLeftMs),
    timerRunning: nullableNumber(state.timerLeftMs) !== null && asObject(state.timer).pausedLeftMs === null,
    spotlight:
      typeof spotlight.group === 'number'
        ? { group: spotlight.group, anonymize: asBoolean(spotlight.anonymize) ?? false }
        : null,
    groups: asArray(body.groups).map((group) => groupView(group, at)),
    at,
  };
}

function groupView(value: unknown, at: number): GroupView {
  const group = asObject(value);
  const fault = asObject(group.fault);
  const members = asArray(group.members).map((entry): MemberView => {
    const member = asObject(entry);
    const editing = asObject(member.editing);
    const lastEdit = asObject(editing.lastEdit);
    return {
      id: asString(member.id),
      name: asString(member.name),
      online: asBoolean(member.online) ?? false,
      handRaisedAt: nullableNumber(member.handRaisedAt),
      openVm: asString(editing.openVm) || null,
      lastEdit: asString(lastEdit.path)
        ? { path: asString(lastEdit.path), vm: asString(lastEdit.vm) || null, at: asNumber(lastEdit.at) }
        : null,
    };
  });
  const goals = Object.entries(asObject(group.goals)).map(([id, entry]): GoalView => {
    const goal = asObject(entry);
    return {
      id,
      met: asBoolean(goal.met) ?? false,
      reason: asString(goal.reason),
      why: whyOf(goal.why),
      text: asString(goal.text) || id,
      texts: Object.fromEntries(
        Object.entries(asObject(goal.texts)).filter(
          (pair): pair is [string, string] => typeof pair[1] === 'string',
        ),
      ),
    };
  });
  const hands = members.map((member) => member.handRaisedAt).filter((at): at is number => at !== null);
  return {
    group: asNumber(group.group),
    room: asString(group.room),
    members,
    goals,
    goalsMet: goals.filter((goal) => goal.met).length,
    sinceLastGreenMs: nullableNumber(group.sinceLastGreenMs),
    instructorWatching: asBoolean(group.instructorWatching) ?? false,
    handRaisedAt: hands.length > 0 ? Math.min(...hands) : null,
    fault: asString(fault.fault)
      ? {
          fault: asString(fault.fault),
          inForMs: Math.max(0, at - asNumber(fault.plantedAt, at)),
          tookMs: nullableNumber(fault.tookMs),
        }
      : null,
  };
}

/** A goal's text in `locale`, or the lab's own. */
export function goalText(goal: GoalView, locale: string): string {
  return goal.texts[locale] ?? goal.text;
}

/** What a member works on, short: `web: adapters[0].mode`, or the VM whose settings they have open. */
export function editingText(member: MemberView): string | null {
  if (member.lastEdit) {
    const { path, vm } = member.lastEdit;
    return vm ? `${vm}: ${path.replace(/^vms\.[^.[]+\.?/, '') || vm}` : path;
  }
  return member.openVm;
}

export interface HeatCell {
  readonly id: string;
  readonly text: string;
  /** Groups that have this goal unmet, and groups that have the goal at all. */
  readonly failing: number;
  readonly total: number;
}

/** The goals of the class, those failing in most groups first (ties by id, so the order is stable). */
export function heatMap(groups: readonly GroupView[], locale = 'en'): HeatCell[] {
  const cells = new Map<string, { text: string; failing: number; total: number }>();
  for (const group of groups) {
    for (const goal of group.goals) {
      const cell = cells.get(goal.id) ?? { text: goalText(goal, locale), failing: 0, total: 0 };
      cell.total += 1;
      if (!goal.met) cell.failing += 1;
      cells.set(goal.id, cell);
    }
  }
  return [...cells]
    .map(([id, cell]) => ({ id, ...cell }))
    .sort((a, b) => b.failing - a.failing || a.id.localeCompare(b.id));
}

const UNITS = {
  en: { s: 's', min: 'min', h: 'h' },
  'zh-CN': { s: '秒', min: '分钟', h: '小时' },
} as const;

/** 42 s, 3 min, 1 h 05 min (42 秒, 3 分钟, 1 小时 05 分钟): short enough to read across a room. */
export function formatDuration(ms: number, locale: Locale = 'en'): string {
  const unit = UNITS[locale];
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} ${unit.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} ${unit.min}`;
  return `${Math.floor(minutes / 60)} ${unit.h} ${String(minutes % 60).padStart(2, '0')} ${unit.min}`;
}

/** A countdown as a clock: 12:05, 1:02:03. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
