/**
 * Who this page is in its class, as `GET /api/classes/:class/me` said: a student (locks
 * apply), the instructor (they do not), or null (no class: the room's own token edits
 * everything). The class banner sets it; the editor reads it to disable locked fields.
 *
 * And why this page may not edit at all, for a student: the class is paused, or the
 * room is the stage or another group's room in the spotlight (the server undoes any
 * write there anyway, CLASS-6; the page says so before they try).
 */
import { createSignal } from 'solid-js';

export type ClassRole = 'student' | 'instructor' | null;

export type ReadOnlyReason = 'paused' | 'stage' | 'spotlight';

const [classRole, setClassRole] = createSignal<ClassRole>(null);
const [readOnlyReason, setReadOnlyReason] = createSignal<ReadOnlyReason | null>(null);

/** A prediction round is open for this student: the room's matrix would give the answers away. */
const [roundOpen, setRoundOpen] = createSignal(false);

/**
 * A page in a class that has not heard yet whether a round is open (it just opened, or
 * reopened after one opened): the console's lines live in the room's document, not in the
 * withheld results, and would give the answers away before the round's first answer.
 */
const [roundUnknown, setRoundUnknown] = createSignal(false);

/** The console and packets are hidden: a round is open, or may be. */
export const consoleHidden = (): boolean => roundOpen() || roundUnknown();

/**
 * The key the server signs this page's edits with in the room's history and console
 * (`@MEMBER`, `@instructor`: RoomHistory.authorKey), as `/me` says; null outside a class.
 * Published in the page's presence, so partners colour its history entries as its cursor.
 */
const [selfKey, setSelfKey] = createSignal<string | null>(null);

export {
  classRole,
  readOnlyReason,
  roundOpen,
  selfKey,
  setClassRole,
  setReadOnlyReason,
  setRoundOpen,
  setRoundUnknown,
  setSelfKey,
};

/** The instructor's author key, one for all their tabs (RoomHistory.authorKey of `instructor`). */
export const INSTRUCTOR_KEY = '@instructor';

/** What `/me` says -> the page's author key. */
export function selfKeyOf(me: { role?: unknown; member?: unknown }): string | null {
  if (me.role === 'instructor') return INSTRUCTOR_KEY;
  return me.role === 'student' && typeof me.member === 'string' && me.member ? `@${me.member}` : null;
}

/** What `/me` says -> why a student's page is read-only in `room`, or null. */
export function readOnlyReasonOf(
  me: { role?: unknown; paused?: unknown; room?: unknown; stageRoom?: unknown },
  room: string,
): ReadOnlyReason | null {
  if (me.role !== 'student') return null;
  if (room === me.stageRoom) return 'stage';
  if (typeof me.room === 'string' && room !== me.room) return 'spotlight';
  return me.paused === true ? 'paused' : null;
}
