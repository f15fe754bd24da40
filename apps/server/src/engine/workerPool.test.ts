import { readFileSync } from 'node:fs';
import { parseLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { checkLabText } from './checkLab';
import { evaluateWithEngine } from './labEngine';
import { runProbes } from './runProbes';
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

  it('[ENGINE-3] ends a computation that runs too long with engine-failed, and the next one still runs', async () => {
    pool = createWorkerPool({ size: 1, timeoutMs: 200, log: silentLogger, workerUrl: fakeWorker });
    const [spun, after] = await Promise.all([pool.evaluate({ spin: true }), pool.evaluate({ n: 1 })]);
    expect(spun.diagnostics[0]).toMatchObject({ code: 'engine-failed' });
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

  it('[ENGINE-7] a lab that cannot be sent to a worker (nested 100,000 deep) fails its job only, and frees the slot at once', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger, workerUrl: fakeWorker });
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [poisoned, after] = await Promise.all([pool.evaluate({ deep } as never), pool.evaluate({ n: 3 })]);
    expect(poisoned.diagnostics[0]).toMatchObject({ code: 'engine-failed' });
    expect(String((poisoned.diagnostics[0] as { text: string }).text)).toMatch(/could not be sent/);
    expect(after.matrix).toEqual({ n: 3 });
  });

  it('[ENGINE-7] a computation past its heap budget ends its worker with engine-failed; the next one runs', async () => {
    pool = createWorkerPool({ size: 1, maxHeapMb: 32, log: silentLogger, workerUrl: fakeWorker });
    const [hog, after] = await Promise.all([pool.evaluate({ hog: true }), pool.evaluate({ n: 4 })]);
    expect(hog.diagnostics[0]).toMatchObject({ code: 'engine-failed' });
    expect(after.matrix).toEqual({ n: 4 });
  });

  it('[ENGINE-7] an answer the worker cannot send back fails its job, not the process', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger, workerUrl: fakeWorker });
    const [bad, after] = await Promise.all([pool.evaluate({ clone: true }), pool.evaluate({ n: 5 })]);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'engine-failed' });
    expect(after.matrix).toEqual({ n: 5 });
  });

  it('[ENGINE-8] runs console lines in the workers, with their own time budget', async () => {
    pool = createWorkerPool({ size: 1, execTimeoutMs: 200, log: silentLogger, workerUrl: fakeWorker });
    expect(await pool.exec({ n: 6 }, 'web', 'ip addr')).toMatchObject({ ok: true, output: '{"n":6}' });
    expect(await pool.exec({ spin: true }, 'web', 'ip addr')).toMatchObject({ ok: false, status: 503 });
    expect(await pool.exec({ n: 7 }, 'web', 'ip addr')).toMatchObject({ ok: true });
  });

  it('[ENGINE-10] probes with their hops run in the workers, as in process', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const spec = { from: 'web', to: 'internet', kind: 'ping' } as const;
    const inWorker = await pool.probes(example, [spec], true);
    expect(inWorker).toEqual(runProbes(example, [spec], true));
    expect(inWorker).toMatchObject({ ok: true, results: [{ reachable: true }] });
    const verdicts = await pool.probes(example, [spec], false);
    expect(verdicts.ok && verdicts.results[0]).not.toHaveProperty('hops');
  });

  it('[ENGINE-8] the real engine answers a console line in a worker as in process', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const answer = await pool.exec(example, 'web', 'ip addr');
    expect(answer).toMatchObject({ ok: true, exitCode: 0 });
  });

  it('[HOSTILE-26] checks a lab body in a worker as in process: valid, not JSON, past the limits, 500 bad keys listed 100', async () => {
    pool = createWorkerPool({ size: 1, log: silentLogger });
    const badKeys: Record<string, unknown> = { format: 'vnetlab/1' };
    for (let i = 0; i < 500; i++) badKeys[`bad${i}`] = i;
    let deep: unknown = 'x';
    for (let i = 0; i < 3200; i++) deep = { v: deep };
    const bodies = [
      JSON.stringify(example),
      '{"format": ',
      JSON.stringify({ ...example, title: deep }),
      JSON.stringify(badKeys),
    ];
    for (const text of bodies) expect(await pool.checkLab(text)).toEqual(checkLabText(text, parseLab));
    expect(await pool.checkLab(bodies[0] ?? '')).toEqual({ ok: true });
    expect(await pool.checkLab(bodies[3] ?? '')).toMatchObject({ ok: false, more: 400 });
  });

  it('[HOSTILE-25] a worker idle after its jobs is replaced by a fresh one (its heap freed); one that ran nothing is left alone', async () => {
    const events: string[] = [];
    const log = (event: string) => events.push(event);
    pool = createWorkerPool({ size: 1, recycleIdleMs: 50, log, workerUrl: fakeWorker });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).not.toContain('engine-worker-recycled'); // it ran nothing yet
    const first = (await pool.evaluate({ whoami: true })).matrix;
    const deadline = Date.now() + 5000;
    while (!events.includes('engine-worker-recycled')) {
      if (Date.now() > deadline) throw new Error('the idle worker was not replaced');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const second = (await pool.evaluate({ whoami: true })).matrix;
    expect(second).not.toEqual(first);
    expect(events.filter((event) => event === 'engine-worker-replaced')).toEqual([]);
  });

  it('[HOSTILE-25] a recycled worker warms up on its own before the next job, and the warm-up is no job: the warmed worker is not recycled for it', async () => {
    const events: string[] = [];
    const log = (event: string) => events.push(event);
    pool = createWorkerPool({ size: 1, recycleIdleMs: 100, warmUpLab: example, log });
    // The first worker starts with the server: no warm-up.
    expect(await pool.evaluate(example)).toEqual(evaluateWithEngine(example));
    await expect.poll(() => events, { timeout: 15_000 }).toContain('engine-worker-recycled');
    await expect.poll(() => events, { timeout: 15_000 }).toContain('engine-worker-warmed');
    // Idle well past recycleIdleMs after warming: a worker that ran no job stays.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.filter((event) => event === 'engine-worker-recycled')).toHaveLength(1);
    expect(events.filter((event) => event === 'engine-worker-warmed')).toHaveLength(1);
    const lab = { ...example, title: 'after the recycle' };
    expect(await pool.evaluate(lab)).toEqual(evaluateWithEngine(lab));
    expect(events).not.toContain('engine-worker-replaced');
  });

  it('[HOSTILE-25] a warm-up that fails (here: runs past its budget) replaces its worker by one that does not warm up again; jobs go on', async () => {
    const events: string[] = [];
    const log = (event: string, fields?: Record<string, unknown>) =>
      events.push(`${event} ${fields?.reason ?? ''}`);
    pool = createWorkerPool({
      size: 1,
      timeoutMs: 300,
      recycleIdleMs: 50,
      warmUpLab: { spin: true },
      log,
      workerUrl: fakeWorker,
    });
    await pool.evaluate({ n: 1 });
    await expect
      .poll(() => events.filter((event) => event.startsWith('engine-worker-replaced')), { timeout: 15_000 })
      .toEqual([expect.stringContaining('warming up')]);
    expect((await pool.evaluate({ n: 2 })).matrix).toEqual({ n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Recycled again once idle, and warming up again then: never in a loop of replacements.
    expect(events.filter((event) => event.startsWith('engine-worker-replaced')).length).toBeLessThanOrEqual(
      2,
    );
  });
});
