/**
 * A lab body as a client sent it (text) -> whether it may be stored: JSON, then the
 * bounds (LAB_LIMITS), then the schema. For the largest allowed lab the schema alone
 * holds a thread 30–60 ms, so `POST`/`PUT` of a big body run this in an engine worker
 * (`WorkerPool.checkLab`) and small ones here. The errors come back capped: a lab with
 * 100,000 bad keys must not cost a 10 MB answer, nor a 10 MB copy between threads.
 */
import { checkLabLimits, type JsonObject } from '@vnetlab/shared';
import type { ParseResult } from './evaluate';
import { labAsUpdates } from './labUpdates';

/** Errors listed in a 400 at most; the rest are counted (`more`). */
export const MAX_LISTED_ERRORS = 100;

export type LabCheck =
  | {
      readonly ok: true;
      /** Asked for (`build`): the lab as the Yjs updates that write it, in steps (labUpdates.ts). */
      readonly updates?: readonly Uint8Array[];
    }
  | {
      readonly ok: false;
      readonly errors: readonly { path: string; message: string }[];
      /** Errors past the first MAX_LISTED_ERRORS, counted but not listed. */
      readonly more: number;
      /** The check itself failed (its worker crashed or ran out of time): 503, not 400. */
      readonly failed?: boolean;
    };

/**
 * A check wherever it runs (a worker, or this thread); `build`: a lab that may be stored
 * comes back as its Yjs updates too (a new room's, `POST`), built where it was checked.
 */
export type CheckLab = (text: string, build?: boolean) => Promise<LabCheck>;

export function checkLabText(
  text: string,
  parseLab: (input: unknown) => ParseResult,
  build = false,
): LabCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refused([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  // The bounds first: they stop at the depth limit, where the schema's errors would not.
  const crossed = checkLabLimits(json);
  if (crossed.length > 0) return refused(crossed);
  const parsed = parseLab(json);
  if (!parsed.ok) return refused(parsed.errors);
  return build ? { ok: true, updates: labAsUpdates(json as JsonObject) } : { ok: true };
}

function refused(errors: readonly { path: string; message: string }[]): LabCheck {
  return {
    ok: false,
    errors: errors.slice(0, MAX_LISTED_ERRORS).map(({ path, message }) => ({ path, message })),
    more: Math.max(0, errors.length - MAX_LISTED_ERRORS),
  };
}
