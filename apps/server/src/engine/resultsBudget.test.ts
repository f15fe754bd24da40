import { describe, expect, it } from 'vitest';
import { budgetAndEncode, budgetSections } from './resultsBudget';

describe('results budget', () => {
  it('[ENGINE-9] caps diagnostics with an "and N more" entry and shortens long texts', () => {
    const diagnostics = Array.from({ length: 100_000 }, (_, i) => ({
      code: 'unknown-key',
      severity: 'warning',
      text: `${i} ${'x'.repeat(2000)}`,
    }));
    const out = budgetSections({ goals: {}, matrix: null, machines: [], diagnostics });
    expect(out.diagnostics).toHaveLength(101);
    expect(out.diagnostics.at(-1)).toMatchObject({
      code: 'diagnostics-omitted',
      params: { count: 99_900 },
      text: 'and 99900 more',
    });
    expect(JSON.stringify(out).length).toBeLessThan(100 * 600);
  });

  it('[ENGINE-9] caps machines and goals, and drops a section past its byte budget with a diagnostic', () => {
    const machines = Array.from({ length: 1000 }, (_, i) => ({ id: `vm${i}` }));
    const goals = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`g${i}`, { met: true }]));
    const out = budgetSections({
      goals,
      matrix: { cells: 'x'.repeat(600 * 1024) },
      machines,
      diagnostics: [],
    });
    expect(out.machines).toHaveLength(200);
    expect(Object.keys(out.goals)).toHaveLength(200);
    expect(out.matrix).toBeNull();
    expect(out.diagnostics.map((d) => (d as { params: { section: string } }).params.section)).toEqual([
      'machines',
      'goals',
      'matrix',
    ]);
  });

  it('encodes each budgeted section once, exactly as JSON.stringify would (dropped, capped or kept)', () => {
    const cases = [
      { goals: { g: { met: true } }, matrix: { cells: [] }, machines: [{ id: 'web' }], diagnostics: [] },
      {
        goals: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`g${i}`, { met: false }])),
        matrix: { cells: 'x'.repeat(600 * 1024) },
        machines: Array.from({ length: 1000 }, (_, i) => ({ id: `vm${i}` })),
        diagnostics: Array.from({ length: 150 }, (_, i) => ({ code: 'c', text: `${i}` })),
      },
    ];
    for (const sections of cases) {
      const { sections: out, json } = budgetAndEncode(sections);
      expect(out).toEqual(budgetSections(sections));
      for (const key of ['goals', 'matrix', 'machines', 'diagnostics'] as const) {
        expect(json[key]).toBe(JSON.stringify(out[key]));
      }
    }
  });
});
