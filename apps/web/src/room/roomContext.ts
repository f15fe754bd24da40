/**
 * What every part of a room page shares: the live documents, the route, and the lab and
 * results as the page reads them. Features (editor, presence, canvas, console) take it
 * with `useRoom()` instead of threading props through the layout.
 */
import { type Accessor, createContext, useContext } from 'solid-js';
import type { LabView } from '../lab/labView';
import type { ResultsView } from '../results/resultsView';
import type { RoomDocs } from './createRoomDocs';
import type { RoomRoute } from './parseRoute';

export interface RoomContextValue {
  readonly route: RoomRoute;
  readonly docs: RoomDocs;
  readonly lab: Accessor<LabView>;
  readonly results: Accessor<ResultsView>;
  /**
   * The origin of this person's own transactions on the room document: the undo manager
   * tracks only it, so Undo never takes back a partner's edit.
   */
  readonly origin: PersonOrigin;
  /** The VM whose settings dialog is open on this page (null: none). The canvas and the list open it. */
  readonly openVm: Accessor<string | null>;
  readonly setOpenVm: (vmId: string | null) => void;
}

export interface PersonOrigin {
  readonly kind: 'person';
  readonly clientID: number;
}

export const RoomContext = createContext<RoomContextValue>();

/** The room this component is in; only valid under `RoomPage`. */
export function useRoom(): RoomContextValue {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom() outside a RoomPage');
  return room;
}
