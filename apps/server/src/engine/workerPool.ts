/**
 * Computations off the server's thread: a few engine workers (threads), each running
 * one computation at a time from one shared queue, so a room with a heavy lab holds
 * up one worker, never the others' rooms. A computation that runs past `timeoutMs`
 * (a lab that makes the engine spin) ends its worker, which is replaced, and answers
 * an `engine-error` result: no room waits forever, no other room is blocked.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JsonObject } from '@vnetlab/shared';
import type { Logger } from '../log';
import type { WorkerRequest, WorkerResponse } from './engineWorker';
import { type Evaluate, engineFailure, type ResultsSections } from './evaluate';

export interface WorkerPoolOptions {
  readonly size?: number;
  readonly timeoutMs?: number;
  readonly log: Logger;
  /** The worker's script; the engine by default (tests pass a fake). */
  readonly workerUrl?: URL;
}

export interface WorkerPool {
  readonly evaluate: Evaluate;
  close(): Promise<void>;
}

interface Job {
  readonly request: WorkerRequest;
  readonly resolve: (sections: ResultsSections) => void;
}

interface Slot {
  worker: Worker;
  current: { job: Job; timer: NodeJS.Timeout } | undefined;
}

const engineWorkerUrl = new URL('./engineWorker.boot.mjs', import.meta.url);

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  // At least two, even on a two-core machine: one heavy lab must not queue every other room.
  const size = options.size ?? Math.max(2, Math.min(4, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];
  const slotOf = new Map<Worker, Slot>();
  const queue: Job[] = [];

  function startWorker(): Worker {
    const worker = new Worker(options.workerUrl ?? engineWorkerUrl);
    worker.unref();
    worker.on('message', ({ id, sections }: WorkerResponse) => {
      const slot = slotOf.get(worker);
      const current = slot?.current;
      if (!slot || !current || current.job.request.id !== id) return;
      if (!current || current.job.request.id !== id) return;
      clearTimeout(current.timer);
      slot.current = undefined;
      current.job.resolve(sections);
      next(slot);
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

  /** Ends the current job with an engine error and gives the slot a fresh worker. */
  function fail(slot: Slot, message: string): void {
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.resolve(engineFailure(message));
    }
    options.log('engine-worker-replaced', { reason: message });
    const old = slot.worker;
    slotOf.delete(old);
    slot.worker = startWorker();
    slotOf.set(slot.worker, slot);
    void old.terminate();
    next(slot);
  }

  function next(slot: Slot): void {
    if (slot.current || closed) return;
    const job = queue.shift();
    if (!job) return;
    const timer = setTimeout(() => fail(slot, `the computation took longer than ${timeoutMs} ms`), timeoutMs);
    slot.current = { job, timer };
    slot.worker.postMessage(job.request);
  }

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: startWorker(), current: undefined };
    slotOf.set(slot.worker, slot);
    slots.push(slot);
  }

  return {
    evaluate(lab: JsonObject) {
      if (closed) return Promise.resolve(engineFailure('the server is shutting down'));
      return new Promise<ResultsSections>((resolve) => {
        queue.push({ request: { id: nextId++, lab }, resolve });
        const idle = slots.find((slot) => !slot.current);
        if (idle) next(idle);
      });
    },
    async close() {
      closed = true;
      for (const slot of slots) {
        if (slot.current) clearTimeout(slot.current.timer);
        slot.current?.job.resolve(engineFailure('the server is shutting down'));
      }
      for (const job of queue.splice(0)) job.resolve(engineFailure('the server is shutting down'));
      slotOf.clear();
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
