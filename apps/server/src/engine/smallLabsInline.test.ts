import { readFileSync } from 'node:fs';
import type { JsonObject } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import type { EvaluateTrace } from './evaluate';
import { evaluateWithEngine } from './labEngine';
import { INLINE_BOUNDS, isSmallLab, smallLabsInline } from './smallLabsInline';
import { createWorkerPool, type WorkerPool } from './workerPool';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
) as JsonObject;

/** A plain value nested `depth` deep (issue #10's crash was 3,200). */
function nested(depth: number): JsonObject {
  let value: JsonObject = { leaf: true };
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

function labWithVms(count: number): JsonObject {
  const vms: JsonObject = {};
  for (let i = 0; i < count; i++) vms[`vm${i}`] = { adapters: [{ mode: 'nat' }] };
  return { format: 'vnetlab/1', vms };
}

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('smallLabsInline', () => {
  it('computes a small lab on this thread, with the same results as the worker', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const evaluate = smallLabsInline(pool.evaluate, evaluateWithEngine);
    const trace: EvaluateTrace = {};
    const inline = await evaluate(example, trace);
    expect(trace.where).toBe('inline');
    expect(trace.engineMs).toBeGreaterThan(0);
    const inWorker = await pool.evaluate(example);
    expect(JSON.stringify(inline)).toBe(JSON.stringify(inWorker));
    // A slow worker (its JIT still cold) does not send the lab back to the workers.
    const afterSlowWorker: EvaluateTrace = { lastEngineMs: 500, lastWhere: 'worker' };
    await evaluate(example, afterSlowWorker);
    expect(afterSlowWorker.where).toBe('inline');
  });

  it('[ENGINE-3] sends deep, huge or many-VM labs to the worker whatever their last cost', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const evaluate = smallLabsInline(pool.evaluate, evaluateWithEngine);
    const hostile: JsonObject[] = [
      { ...example, title: nested(3_200) as never },
      { ...example, title: 'x'.repeat(INLINE_BOUNDS.maxChars + 1) },
      { ...example, notes: Array.from({ length: 100_000 }, (_, i) => i) },
      labWithVms(INLINE_BOUNDS.maxVms + 1),
    ];
    for (const lab of hostile) {
      const trace: EvaluateTrace = { lastEngineMs: 0, lastWhere: 'inline' };
      await evaluate(lab, trace);
      expect(trace.where).toBe('worker');
    }
  });

  it('goes back to the worker after a computation that cost more than the bound, or failed', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const evaluate = smallLabsInline(pool.evaluate, evaluateWithEngine);
    const costly: EvaluateTrace = { lastEngineMs: INLINE_BOUNDS.maxEngineMs + 0.1, lastWhere: 'inline' };
    await evaluate(example, costly);
    expect(costly.where).toBe('worker');
    const failed: EvaluateTrace = { lastEngineMs: Number.POSITIVE_INFINITY };
    await evaluate(example, failed);
    expect(failed.where).toBe('worker');
  });

  it('bounds the walk itself: it stops at the first bound crossed', () => {
    expect(isSmallLab(example)).toBe(true);
    expect(isSmallLab(nested(INLINE_BOUNDS.maxDepth))).toBe(false);
    expect(isSmallLab(nested(INLINE_BOUNDS.maxDepth - 2))).toBe(true);
    expect(
      isSmallLab({ many: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])) }),
    ).toBe(false);
  });
});
