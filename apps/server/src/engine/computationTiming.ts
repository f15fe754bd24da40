/**
 * Where one computation's time went, from the edit that asked for it to its results
 * written (and sent: the results document relays inside its own transaction). Rooms
 * report one per computation to whoever listens (the metrics, the relay bench).
 */
export interface ComputationTiming {
  readonly room: string;
  /** The results revision it wrote. */
  readonly revision: number;
  /**
   * Wall-clock milliseconds (`performance.timeOrigin + performance.now()`, comparable
   * across processes of one machine) of the oldest edit it covers; undefined for a
   * computation no edit asked for (a room's first).
   */
  readonly editAt: number | undefined;
  /** That edit -> the computation started (the Recomputer's turn, a run before it). */
  readonly queuedMs: number | undefined;
  /** Reading the lab out of its document. */
  readonly readMs: number;
  /** The engine as awaited: its own time plus, in a worker, the hand-off both ways. */
  readonly evaluateMs: number;
  /** The engine's own time, where it ran (undefined when the worker failed or timed out). */
  readonly engineMs: number | undefined;
  /** `unchanged`: only texts changed, the last sections answered (textOnlyEdits.ts). */
  readonly where: 'inline' | 'worker' | 'unchanged' | undefined;
  /** The results budget and encoding of the sections. */
  readonly budgetMs: number;
  /** The results transaction: comparing, storing and sending to every results client. */
  readonly writeMs: number;
  /** The edit -> results written and sent (undefined without an edit). */
  readonly editToResultsMs: number | undefined;
}

export type ComputationListener = (timing: ComputationTiming) => void;

/** Milliseconds on a clock other processes of this machine share. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
