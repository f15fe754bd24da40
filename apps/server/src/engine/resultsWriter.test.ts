import { RESULTS_ROOT } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { DocChannel } from '../sync/DocChannel';
import { defaultLimits } from '../sync/types';
import type { ResultsSections } from './evaluate';
import { budgetAndEncode } from './resultsBudget';
import { writeResults } from './resultsWriter';

function resultsChannel(): DocChannel {
  return new DocChannel({
    name: 'r1:results',
    store: createMemoryStore(),
    writable: false,
    limits: defaultLimits,
    log: silentLogger,
  });
}

describe('writeResults', () => {
  it('stores each section as plain JSON, whatever undefined members the engine left in it', () => {
    const channel = resultsChannel();
    const sections = {
      goals: { g1: { met: true, via: undefined } },
      matrix: { cells: [{ from: 'a', to: 'b', why: undefined }] },
      diagnostics: [],
      machines: [{ id: 'vm1', lease: undefined }],
    } as unknown as ResultsSections;
    const { sections: budgeted, json } = budgetAndEncode(sections);
    expect(writeResults(channel, budgeted, json)).toBe(1);
    const map = channel.doc.getMap<unknown>(RESULTS_ROOT);
    expect(map.get('goals')).toStrictEqual({ g1: { met: true } });
    expect(map.get('matrix')).toStrictEqual({ cells: [{ from: 'a', to: 'b' }] });
    expect(map.get('machines')).toStrictEqual([{ id: 'vm1' }]);
    void channel.destroy();
  });

  it('rewrites only the sections whose JSON changed, and always bumps the revision', () => {
    const channel = resultsChannel();
    const first = { goals: {}, matrix: { cells: [] }, diagnostics: [], machines: [] } as ResultsSections;
    writeResults(channel, first, budgetAndEncode(first).json);
    const map = channel.doc.getMap<unknown>(RESULTS_ROOT);
    const matrixBefore = map.get('matrix');
    const changed: string[] = [];
    map.observe((event) => changed.push(...event.keysChanged));
    const second = { ...first, matrix: { cells: [] }, goals: { g1: { met: false } } } as ResultsSections;
    expect(writeResults(channel, second, budgetAndEncode(second).json)).toBe(2);
    expect(changed.sort()).toEqual(['goals', 'revision']);
    expect(map.get('matrix')).toBe(matrixBefore);
    void channel.destroy();
  });
});
