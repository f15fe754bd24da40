/**
 * Presence in a room, on the lab document's awareness only (never in the lab): this
 * page publishes its name, colour, open VM dialog, canvas cursor and viewport; it reads
 * everybody's as `people()`, and can follow one partner (their open dialog and, when the
 * canvas publishes it, their viewport); one person drives, and the others follow them.
 */
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import { classRole, selfKey } from '../classroom/classRole';
import { isStageView, nameHider, namesHidden } from '../classroom/stageNames';
import { useRoom } from '../room/roomContext';
import { shareUnchanged } from '../util/shareUnchanged';
import { createDrive, type Drive } from './createDrive';
import { colourFor } from './identity';
import {
  colourOfAuthor,
  type Person,
  peopleOf,
  peopleWithVmOpen,
  type SharedPoint,
  type Viewport,
} from './peers';
import { throttle } from './throttle';

export interface Presence {
  readonly people: Accessor<readonly Person[]>;
  readonly self: Accessor<Person | undefined>;
  /** Partners with `vmId`'s settings dialog open (for badges on VMs and in the dialog). */
  readonly peopleWithVmOpen: (vmId: string) => Person[];
  /**
   * The colour of who signed a history entry or console line (`by`: an author key in a
   * class, a name outside one): the same as their cursor's and their dot's in the people list.
   */
  readonly colourOf: (by: string) => string;
  /** Where this person's pointer is on the canvas, in shared space; null: off the canvas. */
  readonly moveCursor: (point: SharedPoint | null) => void;
  /** The canvas publishes its zoom transform here, for partners who follow. */
  readonly publishViewport: (viewport: Viewport | null) => void;
  /** The partner followed, while following. */
  readonly following: Accessor<Person | null>;
  readonly follow: (clientID: number | null) => void;
  /** The followed partner's viewport: the canvas applies it while it is not null. */
  readonly followedViewport: Accessor<Viewport | null>;
  /** Who drives, and passing the wheel (createDrive.ts). */
  readonly drive: Drive;
}

export interface PresenceOptions {
  readonly awareness: Awareness;
  readonly name: Accessor<string>;
  readonly openVm: Accessor<string | null>;
  readonly setOpenVm: (vmId: string | null) => void;
}

/**
 * ~20 cursor updates a second at most, and fewer per person in a crowded room: the
 * server relays each to everyone, so a room's cursor traffic stays near 80 updates a
 * second whether 2 or 40 people are in it.
 */
const CURSOR_INTERVAL_MS = 50;
const cursorInterval = (present: number) => CURSOR_INTERVAL_MS * Math.max(1, present / 4);

export function createPresence(options: PresenceOptions): Presence {
  const { awareness } = options;
  const selfID = awareness.clientID;
  // On the projector of an anonymized spotlight, names are hidden here too (stageNames.ts).
  const hide = nameHider();
  const read = () => {
    const present = peopleOf(awareness.getStates(), selfID);
    return namesHidden() ? hide(present) : present;
  };
  const [people, setPeople] = createSignal<readonly Person[]>(read());
  // Each person who did not change stays the same object (shareUnchanged): in a room of 40
  // an awareness update a cursor move brings would otherwise hand 40 new people to the
  // keyed lists, and the cursor layer and the people list rebuilt all 40 items, each cursor
  // forcing a layout of its own, 80 times a second.
  const onChange = () => setPeople((prev) => shareUnchanged(prev, read()));
  awareness.on('change', onChange);
  createEffect(onChange);

  createEffect(() => {
    const name = options.name();
    const key = selfKey();
    // The instructor's pages say so, and the projector's says it is one: one instructor's
    // two tabs are then two pages told apart, never two look-alikes (nor aliased on the stage).
    awareness.setLocalStateField('user', {
      name,
      colour: colourFor(key ?? name, selfID),
      ...(key ? { key } : {}),
      ...(classRole() === 'instructor' ? { role: 'instructor' } : {}),
      ...(isStageView(location.search) ? { view: 'projector' } : {}),
    });
  });
  createEffect(() => awareness.setLocalStateField('openVm', options.openVm()));

  const sendCursor = throttle(
    (point: SharedPoint | null) => awareness.setLocalStateField('cursor', point),
    () => cursorInterval(people().length),
  );
  const sendViewport = throttle(
    (v: Viewport | null) => awareness.setLocalStateField('viewport', v),
    () => 2 * cursorInterval(people().length),
  );

  const [followedID, setFollowedID] = createSignal<number | null>(null);
  const following = () => people().find((p) => p.clientID === followedID() && !p.self) ?? null;
  createEffect(() => {
    // A partner who left is not followed any more.
    if (followedID() !== null && following() === null) setFollowedID(null);
  });
  createEffect(() => {
    const partner = following();
    if (partner) options.setOpenVm(partner.openVm);
  });

  const follow = (clientID: number | null) => setFollowedID(clientID === selfID ? null : clientID);
  // The projector shows the room it spotlights as the instructor left it: it does not
  // follow whoever drives there (nor drive: DriveBar is not on it).
  const stage = isStageView(location.search);
  const drive = createDrive(awareness, people, stage ? () => {} : follow);

  onCleanup(() => {
    sendCursor.cancel();
    sendViewport.cancel();
    awareness.off('change', onChange);
    awareness.setLocalState(null);
  });

  const presence: Presence = {
    people,
    self: () => people().find((p) => p.self),
    peopleWithVmOpen: (vmId) => peopleWithVmOpen(people(), vmId),
    colourOf: (by) => colourOfAuthor(people(), by),
    moveCursor: sendCursor,
    publishViewport: sendViewport,
    following,
    follow,
    followedViewport: () => following()?.viewport ?? null,
    drive,
  };
  byAwareness.set(awareness, presence);
  return presence;
}

/** Each room page's presence, by its awareness: features find it from `useRoom()`. */
const byAwareness = new WeakMap<Awareness, Presence>();

/** The room's presence; only valid under `RoomPage`. */
export function usePresence(): Presence {
  const presence = byAwareness.get(useRoom().docs.awareness);
  if (!presence) throw new Error('usePresence() outside a RoomPage');
  return presence;
}
