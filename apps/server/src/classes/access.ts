/**
 * Who may open a room, and how (CLASS-3): the room's own token edits it; in a class,
 * the instructor's token edits every room of the class; a student's token edits their
 * group's room (locked paths aside) and reads the stage and the group in the spotlight;
 * any other room of the class is 403. Decided before the upgrade, like AUTH-1.
 */
import { hashToken, isRoomId, tokenMatches } from '../auth/tokens';
import type { RoomDirectory } from '../store/types';
import type { Access } from '../sync/types';
import type { ClassStore } from './classStore';

export interface AccessGranted {
  readonly ok: true;
  readonly access: Access;
  readonly principal?: string;
}

export type AccessDecision =
  | AccessGranted
  | { readonly ok: false; readonly status: 401 | 403 | 404; readonly error: string };

export type RoomAccess = (room: string, token: string | undefined) => Promise<AccessDecision>;

export const INSTRUCTOR = 'instructor';

export function roomAccess(directory: RoomDirectory, classes: ClassStore | undefined): RoomAccess {
  return async (room, token) => {
    if (!token) return { ok: false, status: 401, error: 'a token is required' };
    const record = isRoomId(room) ? directory.getRoom(room) : undefined;
    if (!record) return { ok: false, status: 404, error: 'no such room' };
    if (tokenMatches(token, record.tokenHash)) return { ok: true, access: 'full' };
    const place = await classes?.placeOfRoom(room);
    if (!classes || !place) return { ok: false, status: 403, error: 'wrong token for this room' };
    const klass = await classes.getClass(place.classId);
    if (klass && tokenMatches(token, klass.instructorHash))
      return { ok: true, access: 'full', principal: INSTRUCTOR };
    const member = await classes.memberByTokenHash(hashToken(token));
    if (!member || member.classId !== place.classId)
      return { ok: false, status: 403, error: 'wrong token for this room' };
    if (place.kind === 'stage') return { ok: true, access: 'read', principal: member.id };
    if (place.group === member.group) return { ok: true, access: 'student', principal: member.id };
    if (klass?.state.spotlight?.group === place.group)
      return { ok: true, access: 'read', principal: member.id };
    return { ok: false, status: 403, error: "this is another group's room" };
  };
}
