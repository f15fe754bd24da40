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

export { classRole, readOnlyReason, roundOpen, setClassRole, setReadOnlyReason, setRoundOpen };

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
