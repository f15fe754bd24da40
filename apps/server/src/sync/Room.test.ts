import { readFileSync } from 'node:fs';
import { type JsonObject, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import type { ComputationTiming } from '../engine/computationTiming';
import { evaluateInProcess } from '../engine/labEngine';
import { historyArray } from '../history/RoomHistory';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { Room } from './Room';
import { defaultLimits } from './types';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
) as JsonObject;

function room() {
  return new Room({
    id: 'r1',
    store: createMemoryStore(),
    evaluate: evaluateInProcess,
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
