/**
 * The lab as clients wrote it -> the results sections. A lab that does not parse is
 * not a crash: its errors become `invalid-lab` diagnostics and the goals are empty.
 * A lab past the limits (LAB_LIMITS) is reported the same way and never computed. An
 * engine that throws is reported as `engine-failed`.
 */
import { checkLabLimits, type JsonObject, type JsonValue } from '@vnetlab/shared';

/**
 * What a computation found, section by section. As the engine returns them the values
 * may hold `undefined` members: JSON drops them, and so do the budget's encoding and the
 * results writer, which stores each section as its JSON reads back (resultsWriter.ts).
 */
export interface ResultsSections {
  readonly goals: JsonObject;
  readonly matrix: JsonValue;
  readonly diagnostics: JsonValue[];
  /** Each machine's interfaces as the engine brought them up (leased addresses, links). */
  readonly machines: JsonValue[];
}

/**
 * One computation, on the caller's thread. `memo`: the room's last engine run, reused
 * when the engine would see the same lab again (see `EngineMemo`).
 */
export type EvaluateSync = (lab: JsonObject, memo?: EngineMemo) => ResultsSections;

/**
 * A room's last engine run: the lab it was given (as `engineInput` keys it) and what
 * it answered. The engine is a pure function of the parsed lab (deterministic, and it
 * never reads the lab's texts: labEngine.test.ts holds it to that), so a lab that
 * parses to the same engine input gets the same sections back without a run: the
 * title or the exercise text typed letter by letter, an edit that spells out a
 * default. A parse still checks every edit: a title that is no string is still an error.
 */
export interface EngineMemo {
  input?: string;
  sections?: ResultsSections;
}

/**
 * The lab's fields only people read (lab-format.md: title, text, their translations,
 * the locked paths a class enforces): the engine's answer does not depend on them.
 */
export const TEXT_FIELDS = ['title', 'text', 'i18n', 'locked'] as const;

/** The parsed lab as the engine sees it, as text: equal texts, equal answers. */
export function engineInput(lab: object): string {
  const withoutTexts: Record<string, unknown> = { ...lab };
  for (const field of TEXT_FIELDS) delete withoutTexts[field];
  return JSON.stringify(withoutTexts);
}
/**
 * What one computation learnt about itself, for the room that asked and for the
 * metrics. The room keeps one per lab and passes it to every computation.
 */
export interface EvaluateTrace {
  /** In: what the engine took last time for this room, when known (smallLabsInline reads it). */
  lastEngineMs?: number;
  /** In: where it ran last time. */
  lastWhere?: 'inline' | 'worker';
  /** Out: milliseconds the engine itself took, on whatever thread ran it. */
  engineMs?: number;
  /** Out: where it ran. */
  where?: 'inline' | 'worker';
  /** The room's last engine run on this thread (a worker's runs are not kept). */
  memo?: EngineMemo;
}

/** One computation, wherever it runs (in process or in a worker thread). */
export type Evaluate = (lab: JsonObject, trace?: EvaluateTrace) => Promise<ResultsSections>;

export type ParseResult =
  | { ok: true; lab: unknown }
  | { ok: false; errors: readonly { path: string; message: string }[] };

export interface EngineFunctions {
  readonly parseLab: (input: unknown) => ParseResult;
  readonly evaluateLab: (lab: never) => {
    goals: unknown;
    matrix: unknown;
    diagnostics: readonly unknown[];
    machines: readonly unknown[];
  };
}

export function createEvaluate(engine: EngineFunctions): EvaluateSync {
  return (input, memo) => {
    const crossed = checkLabLimits(input);
    const parsed = crossed.length > 0 ? { ok: false as const, errors: crossed } : engine.parseLab(input);
    if (!parsed.ok) {
      return {
        goals: {},
        matrix: null,
        machines: [],
        diagnostics: parsed.errors.map(({ path, message }) => ({
          code: INVALID_LAB,
          severity: 'error',
          params: { path, message },
          text: path === '' ? message : `${path}: ${message}`,
        })),
      };
    }
    try {
      const input = memo ? engineInput(parsed.lab as object) : undefined;
      if (memo?.sections && memo.input === input) return memo.sections;
      const results = engine.evaluateLab(parsed.lab as never);
      // No copy through JSON here: the budget encodes each section once (it needs the
      // size anyway) and the writer stores what that JSON reads back, only for the
      // sections that changed; a worker's structured clone copies them already.
      const sections: ResultsSections = {
        goals: results.goals as JsonObject,
        matrix: (results.matrix ?? null) as JsonValue,
        diagnostics: [...results.diagnostics] as JsonValue[],
        machines: [...results.machines] as JsonValue[],
      };
      if (memo) {
        memo.input = input;
        memo.sections = sections;
      }
      return sections;
    } catch (error) {
      return engineFailure(error instanceof Error ? error.message : String(error));
    }
  };
}

/** The diagnostics of sections that are not the engine's answer to the lab. */
export const INVALID_LAB = 'invalid-lab';
export const ENGINE_FAILED = 'engine-failed';

/** The results of a computation that failed (threw, timed out, lost its worker). */
export function engineFailure(message: string): ResultsSections {
  return {
    goals: {},
    matrix: null,
    machines: [],
    diagnostics: [
      {
        code: ENGINE_FAILED,
        severity: 'error',
        params: { message },
        text: `the engine failed: ${message}`,
      },
    ],
  };
}

/** Runs `evaluate` on this thread (the Recomputer has already left the socket's turn). */
export function inProcess(evaluate: EvaluateSync): Evaluate {
  return async (lab, trace) => {
    const started = performance.now();
    const sections = evaluate(lab, trace?.memo);
    if (trace) {
      trace.engineMs = performance.now() - started;
      trace.where = 'inline';
    }
    return sections;
  };
}
