import { readFileSync } from 'node:fs';
import { type JsonObject, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import type { ComputationTiming } from '../engine/computationTiming';
import type { Evaluate } from '../engine/evaluate';
import { evaluateInProcess } from '../engine/labEngine';
import { readResults } from '../engine/resultsWriter';
import { historyArray } from '../history/RoomHistory';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { Room } from './Room';
import { defaultLimits } from './types';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
) as JsonObject;

function room(evaluate: Evaluate = evaluateInProcess) {
  return new Room({
    id: 'r1',
    store: createMemoryStore(),
    evaluate,
    limits: defaultLimits,
    log: silentLogger,
  });
}

describe('Room results path', () => {
  it('writes one computation (results and its timeline entry) as one update: one frame per client', async () => {
    const r = room();
    writeLab(r.lab.doc, example, { kind: 'api' });
    await r.whenIdle();
    const updates: Uint8Array[] = [];
    r.results.doc.on('update', (update: Uint8Array) => updates.push(update));
    r.lab.transact(() => r.lab.doc.getMap('lab').set('title', 'renamed'), { kind: 'api' });
    await r.whenIdle();
    expect(updates).toHaveLength(1);
    expect(historyArray(r.results.doc).toArray().at(-1)?.changes).toEqual([
      { path: ['title'], before: example.title, after: 'renamed' },
    ]);
    r.destroy();
  });

  it('answers an edit of the texts only without the engine, and still checks it', async () => {
    let evaluated = 0;
    const r = room((lab, trace) => {
      evaluated++;
      return evaluateInProcess(lab, trace);
    });
    const timings: ComputationTiming[] = [];
    r.onComputed((timing) => timings.push(timing));
    writeLab(r.lab.doc, example, { kind: 'api' });
    await r.whenIdle();
    const computed = evaluated;
    const before = readResults(r.results);
    r.lab.transact(() => r.lab.doc.getMap('lab').set('title', 'renamed'), { kind: 'api' });
    await r.whenIdle();
    r.lab.transact(() => r.lab.doc.getMap('layout').set('web', { x: 1, y: 2 }), { kind: 'api' });
    await r.whenIdle();
    expect(evaluated).toBe(computed);
    expect(timings.at(-1)).toMatchObject({ where: 'unchanged', engineMs: undefined });
    const after = readResults(r.results);
    expect(after.revision).toBe(before.revision + 2);
    expect({ ...after, revision: 0 }).toEqual({ ...before, revision: 0 });
    expect(historyArray(r.results.doc).toArray().at(-1)?.changes).toEqual([
      { path: ['title'], before: example.title, after: 'renamed' },
    ]);
    // A title that is no string is the full path's to report.
    r.lab.transact(() => r.lab.doc.getMap('lab').set('title', 42), { kind: 'api' });
    await r.whenIdle();
    expect(evaluated).toBe(computed + 1);
    expect(readResults(r.results).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'invalid-lab', params: expect.objectContaining({ path: 'title' }) }),
    );
    r.destroy();
  });

  it('reports where a computation took its time, from the edit that asked for it', async () => {
    const r = room();
    const timings: ComputationTiming[] = [];
    r.onComputed((timing) => timings.push(timing));
    await r.whenIdle();
    writeLab(r.lab.doc, example, { kind: 'api' });
    await r.whenIdle();
    const last = timings.at(-1);
    expect(last).toMatchObject({ room: 'r1', where: 'inline' });
    expect(last?.editAt).toBeTypeOf('number');
    expect(last?.engineMs).toBeGreaterThan(0);
    expect(last?.editToResultsMs).toBeGreaterThanOrEqual(
      (last?.readMs ?? 0) + (last?.evaluateMs ?? 0) + (last?.writeMs ?? 0),
    );
    r.destroy();
  });
});
