import { ROUND_OPENED_REASON } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { lastGoodResults } from '../editor/lastGood';
import { resultsView } from '../results/resultsView';
import { carryOver, labShown, resultsShown } from './carryOver';

const oldResults = {
  goals: { g: { met: true, reason: 'ok' } },
  matrix: { rows: [{ from: 'a', to: 'b', kind: 'ping', reachable: true }] },
  diagnostics: [],
};
const newResults = { goals: { g: { met: false, reason: 'no route' } }, matrix: null, diagnostics: [] };
const view = { lab: { title: 'Old lab', vms: {} }, shown: lastGoodResults()(resultsView(oldResults)) };

describe('a new generation of the room', () => {
  it('keeps what the page showed, except after a prediction round opened', () => {
    expect(carryOver('New generation: open the room with a fresh document', view)).toBe(view);
    expect(carryOver('', view)).toBe(view);
    expect(carryOver(ROUND_OPENED_REASON, view)).toBeUndefined();
  });

  it('shows the old lab until the fresh document has one, then its own', () => {
    expect(labShown({}, view)).toBe(view.lab);
    const fresh = { title: 'New lab', vms: {} };
    expect(labShown(fresh, view)).toBe(fresh);
    expect(labShown({}, undefined)).toEqual({});
  });

  it('shows the old results marked stale until the engine publishes the new ones', () => {
    const keep = lastGoodResults();
    const compute = (raw: Record<string, unknown>) => () => keep(resultsView(raw));
    const before = resultsShown({}, compute({}), view);
    expect(before).toMatchObject({ carried: true, stale: true, invalid: false });
    expect(before.results.goals.get('g')?.met).toBe(true);
    expect(before.results.matrix).toBe(view.shown.results.matrix);

    const after = resultsShown(newResults, compute(newResults), view);
    expect(after).toMatchObject({ carried: false, stale: false, invalid: false });
    expect(after.results.goals.get('g')).toMatchObject({ met: false, reason: 'no route' });
  });

  it('a first page (nothing carried) waits for its own results as before', () => {
    const first = resultsShown({}, () => lastGoodResults()(resultsView({})), undefined);
    expect(first).toMatchObject({ carried: false, stale: false });
    expect(first.results.goals.size).toBe(0);
  });
});
