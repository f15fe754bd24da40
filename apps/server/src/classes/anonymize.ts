/**
 * The stage with names hidden (spotlight `anonymize`): a connection watching the room
 * gets every awareness state with the person's name replaced by their alias ("Student
 * A", "Student B" … by the spotlit group's join order, `aliasesOf`), the same alias the
 * room's history and console show them under (`GET …/rooms/:room/people`), so neither
 * the people list, the cursors, the history nor the console show who is who. Only the
 * name changes: colour, cursor and open dialog still say what each person does.
 */
import type { AwarenessView } from '../sync/DocChannel';
import { INSTRUCTOR } from './access';
import type { MemberRecord } from './types';

/** How the instructor is named where students' names are hidden (and in a class's history). */
export const INSTRUCTOR_NAME = 'Instructor';

/**
 * Principal -> alias: the group's members first, in the order they joined, then the
 * class's others (one moved away may still be named in the room's history).
 */
export function aliasesOf(members: readonly MemberRecord[], group: number): Map<string, string> {
  const ordered = [
    ...members.filter((member) => member.group === group),
    ...members.filter((member) => member.group !== group),
  ];
  return new Map(ordered.map((member, index) => [member.id, `Student ${aliasOf(index)}`]));
}

/** `aliases`: the spotlit group's, as `aliasesOf` gives them (read at each frame, so a newcomer gets theirs). */
export function anonymizedView(aliases: () => ReadonlyMap<string, string>): AwarenessView {
  const strangers = new Map<number, string>();
  return (clientID, state, speaker) => {
    const user = state.user;
    if (typeof user !== 'object' || user === null) return state;
    const principal = speaker?.principal;
    let alias = principal === INSTRUCTOR ? INSTRUCTOR_NAME : principal && aliases().get(principal);
    if (!alias) {
      // Not a member the class knows (yet): an alias of its own, kept to the client id.
      alias = strangers.get(clientID) ?? `Student ${aliasOf(aliases().size + strangers.size)}`;
      strangers.set(clientID, alias);
    }
    return { ...state, user: { ...(user as Record<string, unknown>), name: alias } };
  };
}

/** 0 -> A, 25 -> Z, 26 -> AA … */
function aliasOf(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${aliasOf(Math.floor(index / 26) - 1)}${letter}`;
}
