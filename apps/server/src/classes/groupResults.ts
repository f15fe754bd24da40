/**
 * One group room's results for the progress, within a bounded wait. Reading them waits
 * for the room's load (a networked store answers later) and for its computation to catch
 * up (ENGINE-4). The dashboard's stream reads every group, one tick after the other: were
 * one room's promise never to settle, that tick would never end and the whole class's
 * feed would freeze for one room. Past `GROUP_RESULTS_WAIT_MS` the group shows its
 * results as they stand (`current: false`), and the next tick asks again.
 */
import { type Results, readResults } from '../engine/resultsWriter';
import type { Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';

/** Far more than a classroom lab's load and computation take (a few milliseconds each). */
export const GROUP_RESULTS_WAIT_MS = 2000;

export interface GroupResults {
  /** The room, if it is in memory (not yet, when its load is what did not answer). */
  readonly room: Room | undefined;
  readonly results: Results;
  /** False: the wait ran out, these are the results as they stood. */
  readonly current: boolean;
}

const NO_RESULTS: Results = { goals: {}, matrix: null, diagnostics: [], machines: [], revision: 0 };

export async function groupResults(
  rooms: RoomRegistry,
  id: string,
  waitMs = GROUP_RESULTS_WAIT_MS,
): Promise<GroupResults> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  // A failure of the load or the computation is still the caller's (as without the bound).
  const read = rooms.open(id).then(async (room) => ({ room, results: await room.currentResults() }));
  try {
    const found = await Promise.race([read, late]);
    if (found) return { ...found, current: true };
  } finally {
    clearTimeout(timer);
  }
  const room = rooms.loaded(id);
  return { room, results: room ? readResults(room.results) : NO_RESULTS, current: false };
}
