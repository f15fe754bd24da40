/** The real engine behind `Evaluate`: `parseLab` from shared, `evaluateLab` from engine. */
import { evaluateLab } from '@vnetlab/engine';
import { parseLab } from '@vnetlab/shared';
import { createEvaluate, type Evaluate, type EvaluateSync, inProcess } from './evaluate';

export const evaluateWithEngine: EvaluateSync = createEvaluate({ parseLab, evaluateLab });

/** The engine on the server's own thread: for tests and small deployments. */
export const evaluateInProcess: Evaluate = inProcess(evaluateWithEngine);
