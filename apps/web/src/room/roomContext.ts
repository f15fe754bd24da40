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
}

export const RoomContext = createContext<RoomContextValue>();

/** The room this component is in; only valid under `RoomPage`. */
export function useRoom(): RoomContextValue {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom() outside a RoomPage');
  return room;
}
