/**
 * While the lab does not parse, the engine publishes only `invalid-lab` diagnostics. The
 * page keeps showing the last results that came from a lab that parsed — marked stale —
 * with the current diagnostics, so one typo does not blank the matrix for the whole room.
 */
import type { ResultsView } from '../results/resultsView';

export interface ShownResults {
  readonly results: ResultsView;
  /** The results are from an earlier lab: the current one has schema errors. */
  readonly stale: boolean;
  /** The lab has schema errors and no earlier results exist to show. */
  readonly invalid: boolean;
}

export function isInvalidLab(results: ResultsView): boolean {
  return results.diagnostics.some((diagnostic) => diagnostic.code === 'invalid-lab');
}

/** A function of the stream of results: remembers the last valid one between calls. */
export function lastGoodResults(): (current: ResultsView) => ShownResults {
  let good: ResultsView | null = null;
  return (current) => {
    if (!isInvalidLab(current)) {
      good = current;
      return { results: current, stale: false, invalid: false };
    }
    if (good === null) return { results: current, stale: false, invalid: true };
    return { results: { ...good, diagnostics: current.diagnostics }, stale: true, invalid: true };
  };
}
