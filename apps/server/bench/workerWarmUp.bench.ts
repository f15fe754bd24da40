/**
 * `tsx apps/server/bench/workerWarmUp.bench.ts`: the first computation a recycled engine
 * worker runs, with and without the pool's warm-up job, in one run (rounds alternate, so
 * both see the same load). Each round: one pool of one worker, a computation, the worker
 * recycled for being idle, a pause long enough for the fresh worker to start (and warm
 * up, when it does), then the first computation after the recycle and a second one (the
 * warm reference). The lab timed is not the warm-up's lab. Figures only.
 */
import { readFileSync } from 'node:fs';
import type { JsonObject } from '@vnetlab/shared';
import { createWorkerPool } from '../src/engine/workerPool';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
const RECYCLE_MS = 300;
/** The fresh worker's start (tsx loader and engine) on a busy 2-core machine, and its warm-up. */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 5000);

const scenario = (name: string): JsonObject =>
  JSON.parse(readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const warmUpLab = scenario('lab-format-example');
const timedLabs = ['fault-two-dhcp-servers', 'fault-missing-gateway', 'fault-router-forwarding-off'].map(
  scenario,
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function round(warm: boolean, lab: JsonObject): Promise<{ first: number; second: number }> {
  let recycled = false;
  const pool = createWorkerPool({
    size: 1,
    recycleIdleMs: RECYCLE_MS,
    ...(warm ? { warmUpLab } : {}),
    log: (event) => {
      if (event === 'engine-worker-recycled') recycled = true;
    },
  });
  try {
    await pool.evaluate(lab);
    while (!recycled) await sleep(20);
    await sleep(SETTLE_MS);
    const started = performance.now();
    await pool.evaluate({ ...lab, title: 'after recycle' });
    const first = performance.now() - started;
    const again = performance.now();
    await pool.evaluate({ ...lab, title: 'again' });
    return { first, second: performance.now() - again };
  } finally {
    await pool.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const figures = {
  base: { first: [] as number[], second: [] as number[] },
  warm: { first: [] as number[], second: [] as number[] },
};
for (let i = 0; i < ROUNDS; i++) {
  const lab = timedLabs[i % timedLabs.length] as JsonObject;
  // Alternate which goes first, so neither always meets the machine in the same state.
  for (const warm of i % 2 === 0 ? [false, true] : [true, false]) {
    const { first, second } = await round(warm, lab);
    const into = warm ? figures.warm : figures.base;
    into.first.push(first);
    into.second.push(second);
    console.log(
      `round ${i + 1} ${warm ? 'warm-up' : 'base   '}: first ${first.toFixed(1)} ms, second ${second.toFixed(1)} ms`,
    );
  }
}
const base = median(figures.base.first);
const warm = median(figures.warm.first);
console.log(
  `first computation after a recycle, median of ${ROUNDS}: base ${base.toFixed(1)} ms (${(base / median(figures.base.second)).toFixed(2)}× its second), ` +
    `warm-up ${warm.toFixed(1)} ms (${(warm / median(figures.warm.second)).toFixed(2)}× its second); warm-up / base ${(warm / base).toFixed(2)}×`,
);
