/**
 * Everybody's awareness state as the page reads it, without trusting its shape: a
 * partner's browser (or a script) may publish anything the server lets through.
 */
import { type DriveState, driveOf } from './drive';
import { cleanName, colourChoices, initialsOf } from './identity';

/** A point in the canvas's world units, the same on every page (see cursorSpace.ts). */
export interface SharedPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * What a person's canvas shows: the world point at the centre of their canvas (x, y)
 * and their zoom (k). Centre, not a d3 translate: a follower's window may be of
 * another size, and must show the same place, centred.
 */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface Person {
  readonly clientID: number;
  readonly name: string;
  /**
   * Who signs this person's edits in the room's history and console: in a class their
   * author key (`@MEMBER`, `@instructor`, the same after a reload and behind an alias),
   * else their display name (what the history says outside a class). Their colour is the key's.
   */
  readonly key: string;
  readonly colour: string;
  readonly initials: string;
  /** This page's own state. */
  readonly self: boolean;
  /** The VM whose settings dialog they have open. */
  readonly openVm: string | null;
  readonly cursor: SharedPoint | null;
  readonly viewport: Viewport | null;
  /**
   * What the page says it is in a class: the instructor's pages say so, and the stage
   * view on the projector says it is one (one instructor's two tabs are two pages, told apart).
   */
  readonly role: 'instructor' | null;
  readonly projector: boolean;
  /** Their part in passing the wheel (drive.ts). */
  readonly drive: DriveState;
}

/** The awareness state this page publishes (the server relays at most 64 KiB of it). */
export interface PresenceState {
  readonly user: {
    readonly name: string;
    readonly colour: string;
    readonly role?: 'instructor';
    readonly view?: 'projector';
    /** In a class: the key the server signs this person's edits with (classRole.selfKey). */
    readonly key?: string;
  };
  readonly openVm: string | null;
  readonly cursor: SharedPoint | null;
  readonly viewport: Viewport | null;
  readonly drive?: DriveState;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function pointOf(raw: unknown): SharedPoint | null {
  const p = raw as { x?: unknown; y?: unknown } | null;
  return p && isNumber(p.x) && isNumber(p.y) ? { x: p.x, y: p.y } : null;
}

function viewportOf(raw: unknown): Viewport | null {
  const v = raw as { x?: unknown; y?: unknown; k?: unknown } | null;
  return v && isNumber(v.x) && isNumber(v.y) && isNumber(v.k) && v.k > 0 ? { x: v.x, y: v.y, k: v.k } : null;
}

/** Awareness states -> the people present, this page first, then by name. */
export function peopleOf(states: ReadonlyMap<number, unknown>, selfID: number): Person[] {
  const people: Person[] = [];
  for (const [clientID, raw] of states) {
    const state = (raw ?? {}) as Record<string, unknown>;
    const user = (state.user ?? {}) as Record<string, unknown>;
    const name = cleanName(typeof user.name === 'string' ? user.name : '');
    // A state without a user is not a person (an empty state, a bare script).
    if (!name && clientID !== selfID) continue;
    people.push({
      clientID,
      name,
      key: authorKeyOf(user.key) ?? name,
      colour: '',
      initials: initialsOf(name),
      self: clientID === selfID,
      openVm: typeof state.openVm === 'string' ? state.openVm : null,
      cursor: pointOf(state.cursor),
      viewport: viewportOf(state.viewport),
      role: user.role === 'instructor' ? 'instructor' : null,
      projector: user.view === 'projector',
      drive: driveOf(state.drive),
    });
  }
  return withColours(people).sort(
    (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientID - b.clientID,
  );
}

/** An author key as a class's documents sign with it (RoomHistory.authorKey), or undefined. */
function authorKeyOf(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw.startsWith('@') && raw.length <= 80 ? raw : undefined;
}

/**
 * Each key's own colour unless a key before it (in key order) has it: then the next free
 * one. The order is the keys', not the client ids' (new on every reload), so the same
 * person keeps their colour when anyone reloads; one person's two tabs share it. Two
 * people outside a class with one name (one key) are told apart by client id.
 */
function withColours(people: Person[]): Person[] {
  const taken = new Set<string>();
  const byKey = new Map<string, string>();
  const colours = new Map<number, string>();
  const ordered = [...people].sort((a, b) => compareKeys(a.key, b.key) || a.clientID - b.clientID);
  for (const person of ordered) {
    const shared = person.key.startsWith('@') ? byKey.get(person.key) : undefined;
    const choices = colourChoices(person.key, person.clientID);
    const colour = shared ?? choices.find((c) => !taken.has(c)) ?? choices[0]!;
    taken.add(colour);
    byKey.set(person.key, colour);
    colours.set(person.clientID, colour);
  }
  return people.map((person) => ({ ...person, colour: colours.get(person.clientID)! }));
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The colour of whoever a history entry or console line is signed by (`by`: an author key
 * in a class, a name outside one): the person's colour while they are here, else their key's own.
 */
export function colourOfAuthor(people: readonly Person[], by: string): string {
  return people.find((p) => p.key === by)?.colour ?? colourChoices(by, 0)[0]!;
}

/** Partners (not this page) with `vmId`'s settings open. */
export function peopleWithVmOpen(people: readonly Person[], vmId: string): Person[] {
  return people.filter((person) => !person.self && person.openVm === vmId);
}
