/**
 * Computations off the server's thread: a few engine workers (threads), each running
 * one job at a time (a lab's results, or a console line) from one shared queue, so a
 * room with a heavy lab holds up one worker, never the others' rooms.
 *
 * Every job has a budget: a time (`timeoutMs`, `execTimeoutMs`) past which its worker
 * is ended and replaced, and a heap (`resourceLimits`) past which the worker dies on
 * its own. Either way the job answers a failure (`engine-failed`) and its slot takes
 * the next job at once. Nothing a job does — a lab that will not clone, an answer that
 * will not clone, a worker that crashes — throws out of the pool.
 *
 * A worker's heap grows to what its largest lab needed and V8 keeps it: once a worker
 * that ran jobs has been idle for `recycleIdleMs`, it is replaced by a fresh one, so the
 * memory of the big rooms it computed goes back to the system with them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JsonObject } from '@vnetlab/shared';
import type { Logger } from '../log';
import type { CheckLab, LabCheck } from './checkLab';
import type { WorkerRequest, WorkerResponse } from './engineWorker';
import { type Evaluate, type EvaluateTrace, engineFailure, type ResultsSections } from './evaluate';
import type { ConsoleAnswer, Exec } from './runConsole';
import type { ProbesAnswer, RunProbes } from './runProbes';

export interface WorkerPoolOptions {
  readonly size?: number;
  readonly timeoutMs?: number;
  /** A console line's budget: far less than a computation's. */
  readonly execTimeoutMs?: number;
  /** Heap of one worker (old generation), in MiB. */
  readonly maxHeapMb?: number;
  /** A worker that ran jobs and then none for this long is replaced (its heap freed). */
  readonly recycleIdleMs?: number;
  readonly log: Logger;
  /** The worker's script; the engine by default (tests pass a fake). */
  readonly workerUrl?: URL;
}

export interface WorkerPool {
  readonly evaluate: Evaluate;
  readonly exec: Exec;
  readonly probes: RunProbes;
  /** A big lab body checked before it is stored: the schema of 1,000 VMs is 30–60 ms. */
  readonly checkLab: CheckLab;
  close(): Promise<void>;
}

type Outcome =
  | { readonly ok: true; readonly response: WorkerResponse }
  | { readonly ok: false; readonly message: string };

interface Job {
  readonly request: WorkerRequest;
  readonly timeoutMs: number;
  readonly resolve: (outcome: Outcome) => void;
}

interface Slot {
  worker: Worker;
  /**
   * The worker said it has loaded the engine. A job's budget starts only then: loading
   * the engine takes seconds on a busy machine, and that is not the job's cost.
   */
  ready: boolean;
  current: { job: Job; timer: NodeJS.Timeout | undefined } | undefined;
  /** Jobs this worker ran: a fresh one that ran none is not replaced for being idle. */
  jobs: number;
  /** Set while the slot is idle after a job: replaces the worker when it fires. */
  idle: NodeJS.Timeout | undefined;
}

const engineWorkerUrl = new URL('./engineWorker.boot.mjs', import.meta.url);

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  // At least two, even on a two-core machine: one heavy lab must not queue every other room.
  const size = options.size ?? Math.max(2, Math.min(4, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const execTimeoutMs = options.execTimeoutMs ?? 3_000;
  const maxHeapMb = options.maxHeapMb ?? 512;
  // As long as a room stays loaded without connections: the worker goes about when its rooms do.
  const recycleIdleMs = options.recycleIdleMs ?? 60_000;
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];
  const slotOf = new Map<Worker, Slot>();
  const queue: Job[] = [];

  function startWorker(): Worker {
    const worker = new Worker(options.workerUrl ?? engineWorkerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (response: WorkerResponse) => {
      const slot = slotOf.get(worker);
      if (response?.kind === 'ready') {
        if (!slot) return;
        slot.ready = true;
        if (slot.current && !slot.current.timer) slot.current.timer = budgetTimer(slot, slot.current.job);
        return;
      }
      const current = slot?.current;
      if (!slot || !current || current.job.request.id !== response?.id) return;
      clearTimeout(current.timer);
      slot.current = undefined;
      settle(current.job, { ok: true, response });
      next(slot);
    });
    worker.on('messageerror', (error) => {
      const slot = slotOf.get(worker);
      if (slot) fail(slot, `the engine's answer could not be read: ${error.message}`);
    });
    worker.on('error', (error) => {
      const slot = slotOf.get(worker);
      if (slot) fail(slot, `the engine worker crashed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      const slot = slotOf.get(worker);
      if (slot && !closed) fail(slot, `the engine worker exited with ${code}`);
    });
    return worker;
  }

  /** Resolves a job's promise; a throwing continuation is the caller's bug, not the pool's. */
  function settle(job: Job, outcome: Outcome): void {
    try {
      job.resolve(outcome);
    } catch (error) {
      options.log('engine-job-callback-failed', { error: String(error) });
    }
  }

  /** Ends the current job with a failure and gives the slot a fresh worker. */
  function fail(slot: Slot, message: string): void {
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      settle(current.job, { ok: false, message });
    }
    options.log('engine-worker-replaced', { reason: message });
    replaceWorker(slot);
    next(slot);
  }

  function replaceWorker(slot: Slot): void {
    clearTimeout(slot.idle);
    slot.idle = undefined;
    const old = slot.worker;
    slotOf.delete(old);
    if (closed) return;
    slot.worker = startWorker();
    slot.ready = false;
    slot.jobs = 0;
    slotOf.set(slot.worker, slot);
    old.terminate().catch(() => {});
  }

  /** The slot has nothing to do: its worker, if it ran anything, is replaced once idle long enough. */
  function whenIdle(slot: Slot): void {
    if (slot.jobs === 0 || slot.idle || closed) return;
    slot.idle = setTimeout(() => {
      slot.idle = undefined;
      if (slot.current || closed) return;
      options.log('engine-worker-recycled', { jobs: slot.jobs, idleMs: recycleIdleMs });
      replaceWorker(slot);
    }, recycleIdleMs);
    slot.idle.unref();
  }

  function next(slot: Slot): void {
    while (!slot.current && !closed) {
      const job = queue.shift();
      if (!job) {
        whenIdle(slot);
        return;
      }
      clearTimeout(slot.idle);
      slot.idle = undefined;
      try {
        // Cloning happens here, on this thread: a lab that cannot be cloned fails its job only.
        slot.worker.postMessage(job.request);
      } catch (error) {
        options.log('engine-job-refused', { kind: job.request.kind, error: String(error) });
        settle(job, { ok: false, message: `the lab could not be sent to the engine: ${String(error)}` });
        continue; // the slot is still free: take the next job
      }
      slot.jobs++;
      slot.current = { job, timer: slot.ready ? budgetTimer(slot, job) : undefined };
    }
  }

  function budgetTimer(slot: Slot, job: Job): NodeJS.Timeout {
    return setTimeout(
      () =>
        fail(
          slot,
          `the ${job.request.kind !== 'evaluate' ? 'command' : 'computation'} took longer than ${job.timeoutMs} ms`,
        ),
      job.timeoutMs,
    );
  }

  function run(request: WorkerRequest, budget: number): Promise<Outcome> {
    if (closed) return Promise.resolve({ ok: false, message: 'the server is shutting down' });
    return new Promise<Outcome>((resolve) => {
      queue.push({ request, timeoutMs: budget, resolve });
      const idle = slots.find((slot) => !slot.current);
      if (idle) next(idle);
    });
  }

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: startWorker(), ready: false, current: undefined, jobs: 0, idle: undefined };
    slotOf.set(slot.worker, slot);
    slots.push(slot);
  }

  return {
    async evaluate(lab: JsonObject, trace?: EvaluateTrace): Promise<ResultsSections> {
      const outcome = await run({ id: nextId++, kind: 'evaluate', lab }, timeoutMs);
      if (trace) trace.where = 'worker';
      if (!outcome.ok) return engineFailure(outcome.message);
      const { response } = outcome;
      if (response.kind === 'evaluate') {
        // A fake worker (tests) may not time itself.
        if (trace && typeof response.engineMs === 'number') trace.engineMs = response.engineMs;
        return response.sections;
      }
      return engineFailure(response.kind === 'failed' ? response.message : 'unexpected answer');
    },
    async exec(lab: JsonObject, machine: string, command: string): Promise<ConsoleAnswer> {
      const outcome = await run({ id: nextId++, kind: 'exec', lab, machine, command }, execTimeoutMs);
      const failed = (message: string): ConsoleAnswer => ({
        ok: false,
        status: 503,
        error: `the console failed: ${message}`,
      });
      if (!outcome.ok) return failed(outcome.message);
      const { response } = outcome;
      if (response.kind === 'exec') return response.answer;
      return failed(response.kind === 'failed' ? response.message : 'unexpected answer');
    },
    async probes(lab, specs, hops): Promise<ProbesAnswer> {
      const outcome = await run({ id: nextId++, kind: 'probes', lab, specs, hops }, execTimeoutMs);
      const failed = (message: string): ProbesAnswer => ({
        ok: false,
        status: 503,
        error: `the probe failed: ${message}`,
        errors: [],
      });
      if (!outcome.ok) return failed(outcome.message);
      const { response } = outcome;
      if (response.kind === 'probes') return response.answer;
      return failed(response.kind === 'failed' ? response.message : 'unexpected answer');
    },
    async checkLab(text: string): Promise<LabCheck> {
      const outcome = await run({ id: nextId++, kind: 'check', text }, timeoutMs);
      const failed = (message: string): LabCheck => ({
        ok: false,
        failed: true,
        errors: [{ path: '', message: `the lab could not be checked: ${message}` }],
        more: 0,
      });
      if (!outcome.ok) return failed(outcome.message);
      const { response } = outcome;
      if (response.kind === 'check') return response.check;
      return failed(response.kind === 'failed' ? response.message : 'unexpected answer');
    },
    async close() {
      closed = true;
      for (const slot of slots) {
        clearTimeout(slot.idle);
        const current = slot.current;
        slot.current = undefined;
        if (current) {
          clearTimeout(current.timer);
          settle(current.job, { ok: false, message: 'the server is shutting down' });
        }
      }
      for (const job of queue.splice(0)) settle(job, { ok: false, message: 'the server is shutting down' });
      slotOf.clear();
      await Promise.all(slots.map((slot) => slot.worker.terminate().catch(() => 0)));
    },
  };
}
