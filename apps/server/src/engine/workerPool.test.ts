import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { evaluateWithEngine } from './labEngine';
import { createWorkerPool, type WorkerPool } from './workerPool';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);
const fakeWorker = new URL('../testing/fakeEngineWorker.mjs', import.meta.url);

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('engine worker pool', () => {
  it('[ENGINE-3] computes in a worker thread exactly what the engine computes in process', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    expect(await pool.evaluate(example)).toEqual(evaluateWithEngine(example));
  });

  it('[ENGINE-2] reports invalid labs as diagnostics from the worker too', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const results = await pool.evaluate({
      format: 'vnetlab/1',
      vms: { web: { adapters: [{ mode: 'bridge' }] } },
    });
    expect(results.goals).toEqual({});
    expect(results.diagnostics[0]).toMatchObject({
      code: 'invalid-lab',
      params: { path: 'vms.web.adapters[0].mode' },
    });
  });

  it('[ENGINE-3] ends a computation that runs too long with engine-error, and the next one still runs', async () => {
    pool = createWorkerPool({ size: 1, timeoutMs: 200, log: silentLogger, workerUrl: fakeWorker });
    const [spun, after] = await Promise.all([pool.evaluate({ spin: true }), pool.evaluate({ n: 1 })]);
    expect(spun.diagnostics[0]).toMatchObject({ code: 'engine-error' });
    expect(after.matrix).toEqual({ n: 1 });
  });

  it('[ENGINE-5] a heavy lab holds up one worker only: the next room is computed meanwhile', async () => {
    pool = createWorkerPool({ size: 2, timeoutMs: 2000, log: silentLogger, workerUrl: fakeWorker });
    const order: string[] = [];
    const spun = pool.evaluate({ spin: true }).then(() => order.push('heavy'));
    const light = pool.evaluate({ n: 2 }).then(() => order.push('light'));
    await Promise.all([spun, light]);
    expect(order).toEqual(['light', 'heavy']);
  });
});
