/**
 * The projector's view of an anonymized spotlight (`&stage=1` on a room page): the
 * instructor's own connection hears real names (the server hides them only from
 * watching students), so the page itself shows every other person as "Student A", "Student
 * B" … in the people list and on the cursors. Aliases keep to a client id while the page lives.
 */
import { createSignal } from 'solid-js';
import { initialsOf } from '../presence/identity';
import type { Person } from '../presence/peers';
import { aliasOf, aliasOfName } from './authorNames';
import { INSTRUCTOR_KEY } from './classRole';

const [namesHidden, setNamesHidden] = createSignal(false);

export { namesHidden, setNamesHidden };

/** Whether this room page was opened as the stage's view (the projector). */
export const isStageView = (search: string): boolean => new URLSearchParams(search).get('stage') === '1';

export function nameHider(): (people: readonly Person[]) => Person[] {
  const aliases = new Map<number, string>();
  return (people) =>
    people.map((person) => {
      if (person.self) return person;
      // The alias the room's history and console show this person under, when the class has one.
      // The instructor's other tab (the laptop beside the projector) is the instructor, not a
      // student; one who says so under a student's name gets that student's alias all the same.
      const instructor = person.role === 'instructor' || person.key === INSTRUCTOR_KEY;
      const known = person.key === INSTRUCTOR_KEY ? aliasOfName(person.name) : aliasOf(person);
      if (instructor && known === undefined) return person;
      let alias = known ?? aliases.get(person.clientID);
      if (!alias) {
        alias = `Student ${String.fromCharCode(65 + (aliases.size % 26))}${aliases.size >= 26 ? Math.floor(aliases.size / 26) : ''}`;
        aliases.set(person.clientID, alias);
      }
      return { ...person, name: alias, initials: initialsOf(alias) };
    });
}
