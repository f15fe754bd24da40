import { describe, expect, it } from 'vitest';
import { resultsView } from '../results/resultsView';
import { lastGoodResults } from './lastGood';

const good = resultsView({
  goals: { g: { met: true, reason: 'ok' } },
  matrix: { rows: [{ from: 'a', to: 'b', kind: 'ping', reachable: true }] },
  diagnostics: [],
});
const bad = resultsView({
  goals: {},
  matrix: null,
  diagnostics: [
    {
      code: 'invalid-lab',
      severity: 'error',
      params: { path: 'vms.a.adapters[0].ip.address', message: 'x' },
    },
  ],
});

describe('lastGoodResults', () => {
  it('keeps the last good results, stale, with the current invalid-lab diagnostics', () => {
    const shown = lastGoodResults();
    expect(shown(good)).toEqual({ results: good, stale: false, invalid: false });
    const stale = shown(bad);
    expect(stale.stale).toBe(true);
    expect(stale.results.matrix).toBe(good.matrix);
    expect(stale.results.goals.get('g')?.met).toBe(true);
    expect(stale.results.diagnostics[0]?.code).toBe('invalid-lab');
    expect(shown(good).stale).toBe(false);
  });

  it('says invalid, not stale, when no good results came before', () => {
    expect(lastGoodResults()(bad)).toMatchObject({ stale: false, invalid: true });
  });
});
