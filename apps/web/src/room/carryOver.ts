/**
 * What a room page hands to the page that replaces it when the room starts a new
 * generation (a broadcast, a reset: the server closes with 4000 and the page reopens the
 * room with fresh documents). The fresh documents are empty until the server syncs them,
 * and the new lab's results come only when the engine has computed them: until then the
 * new page shows the old page's lab (read-only) and results (marked stale), never a blank
 * page "waiting for the engine".
 *
 * Not after a prediction round opened (also 4000): the results the page had are the
 * round's answers, and the server closed the socket precisely so that they go.
 */
import { ROUND_OPENED_REASON } from '@vnetlab/shared';
import type { ShownResults } from '../editor/lastGood';

export interface CarriedView {
  /** The lab as the old page last showed it (plain JSON, as `RoomDocs.lab`). */
  readonly lab: Record<string, unknown>;
  readonly shown: ShownResults;
}

/** What the next page may keep of this one, given why the server closed the room. */
export function carryOver(reason: string, view: CarriedView): CarriedView | undefined {
  return reason === ROUND_OPENED_REASON ? undefined : view;
}

const hasContent = (json: Record<string, unknown>) => Object.keys(json).length > 0;

/** The lab to show: the room's own once it arrived, else the carried one. */
export function labShown(
  own: Record<string, unknown>,
  carried: CarriedView | undefined,
): Record<string, unknown> {
  return hasContent(own) || !carried ? own : carried.lab;
}

/**
 * The results to show: this generation's own once the engine published any (even an
 * invalid lab's diagnostics), else the carried ones marked stale; `carried` says which.
 */
export function resultsShown(
  own: Record<string, unknown>,
  computed: () => ShownResults,
  carried: CarriedView | undefined,
): ShownResults & { readonly carried: boolean } {
  if (hasContent(own) || !carried) return { ...computed(), carried: false };
  return { results: carried.shown.results, stale: true, invalid: carried.shown.invalid, carried: true };
}
