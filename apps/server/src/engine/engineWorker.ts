/**
 * The body of an engine worker thread: a lab in, its results (or a console line's
 * answer) out. Started through engineWorker.boot.mjs, which registers the TypeScript
 * loader first. Whatever the engine throws is answered as a failure, never left to
 * kill the thread.
 */
import { parentPort } from 'node:worker_threads';
import { type JsonObject, type ProbeSpec, parseLab } from '@vnetlab/shared';
import { checkLabText, type LabCheck } from './checkLab';
import type { ResultsSections } from './evaluate';
import { evaluateWithEngine } from './labEngine';
import { type ConsoleAnswer, runConsole } from './runConsole';
import { type ProbesAnswer, runProbes } from './runProbes';

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'evaluate'; readonly lab: JsonObject }
  | {
      readonly id: number;
      readonly kind: 'exec';
      readonly lab: JsonObject;
      readonly machine: string;
      readonly command: string;
    }
  | {
      readonly id: number;
      readonly kind: 'probes';
      readonly lab: JsonObject;
      readonly specs: readonly ProbeSpec[];
      readonly hops: boolean;
    }
  /** A lab body's text, checked before it is stored (checkLab.ts). */
  | { readonly id: number; readonly kind: 'check'; readonly text: string; readonly build?: boolean }
  /** A fresh worker's warm-up (workerPool.ts): what a job runs, on `lab`, answered by nothing. */
  | { readonly id: number; readonly kind: 'warm'; readonly lab: JsonObject };

export type WorkerResponse =
  | {
      readonly id: number;
      readonly kind: 'evaluate';
      readonly sections: ResultsSections;
      /** The engine's own time, in this thread: the rest of the round trip is the hand-off. */
      readonly engineMs: number;
    }
  | { readonly id: number; readonly kind: 'exec'; readonly answer: ConsoleAnswer }
  | { readonly id: number; readonly kind: 'probes'; readonly answer: ProbesAnswer }
  | { readonly id: number; readonly kind: 'check'; readonly check: LabCheck }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string }
  | { readonly id: number; readonly kind: 'warm' }
  /** Sent once, when the engine is loaded: the pool starts a job's budget from then. */
  | { readonly kind: 'ready' };

export function answer(request: WorkerRequest): WorkerResponse {
  try {
    switch (request.kind) {
      case 'evaluate': {
        const started = performance.now();
        const sections = evaluateWithEngine(request.lab);
        return { id: request.id, kind: 'evaluate', sections, engineMs: performance.now() - started };
      }
      case 'exec':
        return {
          id: request.id,
          kind: 'exec',
          answer: runConsole(request.lab, request.machine, request.command),
        };
      case 'probes':
        return {
          id: request.id,
          kind: 'probes',
          answer: runProbes(request.lab, request.specs, request.hops),
        };
      case 'check':
        return { id: request.id, kind: 'check', check: checkLabText(request.text, parseLab, request.build) };
      case 'warm':
        warmUp(request.lab);
        return { id: request.id, kind: 'warm' };
      default:
        return { id: (request as WorkerRequest).id, kind: 'failed', message: 'unknown request' };
    }
  } catch (error) {
    return {
      id: request.id,
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Runs each kind of job once, so V8 has compiled their code before the first real one. */
function warmUp(lab: JsonObject): void {
  evaluateWithEngine(lab);
  const machine = Object.keys((lab.vms as JsonObject | undefined) ?? {})[0];
  if (machine) {
    runConsole(lab, machine, 'ip addr');
    runConsole(lab, machine, 'ping -c 1 8.8.8.8');
  }
  checkLabText(JSON.stringify(lab), parseLab, true);
}

parentPort?.on('message', (request: WorkerRequest) => {
  const response = answer(request);
  try {
    parentPort?.postMessage(response);
  } catch (error) {
    // The answer could not be cloned: say so rather than leave the job hanging.
    parentPort?.postMessage({
      id: request.id,
      kind: 'failed',
      message: String(error),
    } satisfies WorkerResponse);
  }
});

parentPort?.postMessage({ kind: 'ready' } satisfies WorkerResponse);
