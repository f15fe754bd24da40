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
 *
 * A fresh worker is cold: the first computation waits for V8 to compile the engine's
 * code. So every replacement (recycled, or after a failure) first runs a warm-up job on
 * `warmUpLab` once it has loaded: a computation, a console line and a check, answered by
 * nothing. It is not work: no caller waits for it, it counts as no job (a warmed worker
 * that ran nothing is not recycled), it is in no metric, and a real job already waiting
 * when the worker is ready goes first (the warm-up is then skipped). A warm-up that fails
 * replaces its worker by one that is not warmed, so a broken warm-up cannot loop.
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
  /** The lab a replaced worker warms up on before its first job (none: no warm-up). */
  readonly warmUpLab?: JsonObject;
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
  /** The worker warms up once it is ready (a replacement, when the pool has a warm-up lab). */
  warm: boolean;
  /** The warm-up running: no job is given to the slot meanwhile. */
  warming: { readonly id: number; readonly timer: NodeJS.Timeout; readonly started: number } | undefined;
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
        else warmUp(slot);
        return;
      }
      if (response?.kind === 'warm') {
        if (!slot?.warming || slot.warming.id !== response.id) return;
        clearTimeout(slot.warming.timer);
        options.log('engine-worker-warmed', { ms: Math.round(performance.now() - slot.warming.started) });
        slot.warming = undefined;
        next(slot);
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

  /** Ends the current job (or warm-up) with a failure and gives the slot a fresh worker. */
  function fail(slot: Slot, message: string): void {
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      settle(current.job, { ok: false, message });
    }
    const warming = slot.warming !== undefined;
    options.log('engine-worker-replaced', { reason: warming ? `warming up: ${message}` : message });
    // A warm-up that failed is not tried again on the replacement.
    replaceWorker(slot, !warming);
    next(slot);
  }

  /** The slot's worker is ready and has nothing to do: it runs the warm-up, if it is to. */
  function warmUp(slot: Slot): void {
    const lab = options.warmUpLab;
    if (!slot.warm || !lab || slot.current || closed) return;
    slot.warm = false;
    if (queue.length > 0) {
      next(slot); // a real job warms it up
      return;
    }
    const id = nextId++;
    try {
      slot.worker.postMessage({ id, kind: 'warm', lab } satisfies WorkerRequest);
    } catch (error) {
      options.log('engine-warm-up-refused', { error: String(error) });
      return;
    }
    const timer = setTimeout(() => fail(slot, `took longer than ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    slot.warming = { id, timer, started: performance.now() };
  }

  function replaceWorker(slot: Slot, warm = true): void {
    clearTimeout(slot.idle);
    clearTimeout(slot.warming?.timer);
    slot.warming = undefined;
    slot.idle = undefined;
    const old = slot.worker;
    slotOf.delete(old);
    if (closed) return;
    slot.worker = startWorker();
    slot.ready = false;
    slot.jobs = 0;
    slot.warm = warm && options.warmUpLab !== undefined;
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
    while (!slot.current && !slot.warming && !closed) {
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
      const idle = slots.find((slot) => !slot.current && !slot.warming);
      if (idle) next(idle);
    });
  }

  for (let i = 0; i < size; i++) {
    // The first workers start with the server: no one waits on them yet, no warm-up.
    const slot: Slot = {
      worker: startWorker(),
      ready: false,
      current: undefined,
      jobs: 0,
      idle: undefined,
      warm: false,
      warming: undefined,
    };
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
    async checkLab(text: string, build = false): Promise<LabCheck> {
      const outcome = await run({ id: nextId++, kind: 'check', text, build }, timeoutMs);
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
        clearTimeout(slot.warming?.timer);
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
