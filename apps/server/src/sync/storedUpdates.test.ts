import { readLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { labAsUpdates } from '../engine/labUpdates';
import type { Logger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import type { StoredDoc } from '../store/types';
import { HEAVY_UPDATE_BYTES } from './heavyTurns';
import { loadStoredInTurns } from './storedUpdates';

function storedOf(updates: readonly Uint8Array[]): StoredDoc {
  return { updates, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
}

function bigLab() {
  const vms = Object.fromEntries(
    Array.from({ length: 600 }, (_, i) => [`vm${i}`, { name: `machine ${i} ${'n'.repeat(150)}` }]),
  );
  return { format: 'vnetlab/1', vms };
}

const lines: string[] = [];
const log: Logger = (event) => {
  lines.push(event);
};

describe('a stored document loaded in turns', () => {
  it('[HOSTILE-29] a heavy one applies one stored update per turn of the event loop, whatever else waits', async () => {
    const stored = storedOf(labAsUpdates(bigLab()));
    expect(stored.bytes).toBeGreaterThan(HEAVY_UPDATE_BYTES);
    expect(stored.updates.length).toBeGreaterThan(5);
    // What another room's frame would be: one immediate after another, counted while it loads.
    let turns = 0;
    let loading = true;
    const counting = (async () => {
      while (loading) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
    })();
    const doc = await loadStoredInTurns(stored, 'big', log);
    loading = false;
    await counting;
    expect(turns).toBeGreaterThanOrEqual(stored.updates.length - 1);
    expect(doc && Object.keys(readLab(doc).vms as object)).toHaveLength(600);
  });

  it('[HOSTILE-29] a light one is left to its channel (loaded at once); a stored update that throws is skipped and logged', async () => {
    const small = new Y.Doc();
    small.getMap('lab').set('format', 'vnetlab/1');
    expect(await loadStoredInTurns(storedOf([Y.encodeStateAsUpdate(small)]), 'small', log)).toBeUndefined();
    const store = createMemoryStore();
    for (const update of labAsUpdates(bigLab())) store.append('big', update);
    store.append('big', new Uint8Array([1, 2, 3, 250, 251]));
    lines.length = 0;
    const doc = await loadStoredInTurns(store.load('big'), 'big', log);
    expect(lines).toEqual(['stored-update-skipped']);
    expect(doc && Object.keys(readLab(doc).vms as object)).toHaveLength(600);
  });
});
