/**
 * The body of an engine worker thread: a lab in, its results out. Started through
 * engineWorker.boot.mjs, which registers the TypeScript loader first.
 */
import { parentPort } from 'node:worker_threads';
import type { JsonObject } from '@vnetlab/shared';
import type { ResultsSections } from './evaluate';
import { evaluateWithEngine } from './labEngine';

export interface WorkerRequest {
  readonly id: number;
  readonly lab: JsonObject;
}

export interface WorkerResponse {
  readonly id: number;
  readonly sections: ResultsSections;
}

parentPort?.on('message', ({ id, lab }: WorkerRequest) => {
  parentPort?.postMessage({ id, sections: evaluateWithEngine(lab) } satisfies WorkerResponse);
});
