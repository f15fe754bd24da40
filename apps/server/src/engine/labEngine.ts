/**
 * The real engine behind `Evaluate`: the lab parsed by `createLabParser` (shared), then
 * `evaluateLab` (engine).
 *
 * The room hands the engine its `LabReader`'s lab, where every machine nobody touched is
 * the same frozen object as last time, so the parser checks only the edited machines
 * (it answers what `parseLab` answers). In a worker the lab arrives as a copy and every
 * machine is checked, as `parseLab` would.
 */
import { evaluateLab } from '@vnetlab/engine';
import { createLabParser } from '@vnetlab/shared';
import { createEvaluate, type Evaluate, type EvaluateSync, inProcess } from './evaluate';

export const evaluateWithEngine: EvaluateSync = createEvaluate({ parseLab: createLabParser(), evaluateLab });

/** The engine on the server's own thread: for tests and small deployments. */
export const evaluateInProcess: Evaluate = inProcess(evaluateWithEngine);
