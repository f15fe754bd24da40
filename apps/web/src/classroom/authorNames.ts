/**
 * Who signed a class room's history entries and console lines. The server signs them
 * with keys (`@MEMBER`, `@instructor`), never names, so that a student watching an
 * anonymized spotlight can read no name from the room's documents; the page asks the
 * class for the names behind the keys (`GET …/rooms/:room/people`), which gives a
 * watcher aliases only. On the projector of an anonymized spotlight (the instructor's
 * page, `&stage=1`) the aliases are shown instead of the names the instructor may see,
 * the same aliases the people list and the cursors show there.
 * Outside a class, `by` is a display name and is shown as it is.
 */
import { createSignal } from 'solid-js';
import { asObject } from '../util/json';
import { namesHidden } from './stageNames';

interface Roster {
  readonly people: Readonly<Record<string, string>>;
  /** Key -> alias: the instructor's only. */
  readonly aliases: Readonly<Record<string, string>>;
}

const [roster, setRoster] = createSignal<Roster>({ people: {}, aliases: {} });

const isKey = (by: string) => by.startsWith('@');

/** `GET …/people` -> the roster (strings only). */
export function rosterOf(json: unknown): Roster {
  const strings = (value: unknown) =>
    Object.fromEntries(
      Object.entries(asObject(value)).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
    );
  const body = asObject(json);
  return { people: strings(body.people), aliases: strings(body.aliases) };
}

export function setAuthorRoster(next: Roster): void {
  setRoster(next);
}

/** How the page asks for the roster again (the class banner's), and when it last did. */
let refresh: (() => void) | null = null;
let askedAt = Number.NEGATIVE_INFINITY;
const ASK_AGAIN_MS = 5000;
/** A key met too soon after the last ask: asked once the wait is over. */
let later: ReturnType<typeof setTimeout> | undefined;

export function onRosterWanted(ask: (() => void) | null): void {
  refresh = ask;
  clearTimeout(later);
  later = undefined;
}

/**
 * A key the roster cannot name (someone joined since): asked again, at most every few
 * seconds. One met within the wait is asked for when it ends, not dropped: nothing may
 * render that entry again (a quiet room), and it would say "someone" for good.
 */
function wanted(): void {
  if (!refresh || later !== undefined) return;
  const wait = askedAt + ASK_AGAIN_MS - Date.now();
  if (wait > 0) {
    later = setTimeout(() => {
      later = undefined;
      wanted();
    }, wait);
    return;
  }
  askedAt = Date.now();
  refresh();
}

/** What the page shows for `by`: the name (or alias) behind a key, '' for a key it cannot name yet. */
export function authorName(by: string, hidden = namesHidden()): string {
  if (!isKey(by)) return by;
  const { people, aliases } = roster();
  if (!(by in people)) queueMicrotask(wanted);
  return (hidden ? aliases[by] : undefined) ?? people[by] ?? '';
}

/**
 * The alias the projector shows for a person present (the people list, cursors): by the
 * author key their page publishes (the history's own, so two students of one name get
 * theirs), else by the name the instructor sees them under.
 */
export function aliasOf(person: { readonly key: string; readonly name: string }): string | undefined {
  const { aliases } = roster();
  return (isKey(person.key) ? aliases[person.key] : undefined) ?? aliasOfName(person.name);
}

/** The alias of the person the instructor sees by `name`. */
export function aliasOfName(name: string): string | undefined {
  const { people, aliases } = roster();
  const key = Object.keys(people).find((candidate) => people[candidate] === name && aliases[candidate]);
  return key === undefined ? undefined : aliases[key];
}
