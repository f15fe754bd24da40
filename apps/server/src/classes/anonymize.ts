/**
 * The stage with names hidden (spotlight `anonymize`): a connection watching the room
 * gets every awareness state with the person's name replaced by "Student A", "Student
 * B" … (in the order the room first saw them, stable while it is loaded), so neither the
 * people list nor the cursors show who is who. Only the name changes: colour, cursor
 * and open dialog still say what each person does.
 */
import type { AwarenessView } from '../sync/DocChannel';

export function anonymizedView(): AwarenessView {
  const aliases = new Map<number, string>();
  return (clientID, state) => {
    const user = state.user;
    if (typeof user !== 'object' || user === null) return state;
    let alias = aliases.get(clientID);
    if (!alias) {
      alias = `Student ${aliasOf(aliases.size)}`;
      aliases.set(clientID, alias);
    }
    return { ...state, user: { ...(user as Record<string, unknown>), name: alias } };
  };
}

/** 0 -> A, 25 -> Z, 26 -> AA … */
function aliasOf(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${aliasOf(Math.floor(index / 26) - 1)}${letter}`;
}
