/**
 * Probes over a room's lab, for the page's packet animation (`POST /api/labs/:room/probe`,
 * with the hops) and the matrix of the machines a teacher picks (`…/probes`, verdicts
 * only). Like a console line it compiles the whole lab, so it runs in an engine worker
 * (`WorkerPool.probes`), never on the server's thread.
 */
import { compileNetwork, type ProbeResult, probe } from '@vnetlab/engine';
import { checkLabLimits, type JsonObject, type LabError, type ProbeSpec, parseLab } from '@vnetlab/shared';

/** A probe's verdict without its path: what a grid of cells needs. */
export type ProbeVerdict = Pick<ProbeResult, 'reachable' | 'via' | 'reason' | 'why'>;

export type ProbesAnswer =
  | { readonly ok: true; readonly results: readonly (ProbeResult | ProbeVerdict)[] }
  | {
      readonly ok: false;
      readonly status: 409 | 503;
      readonly error: string;
      readonly errors: readonly LabError[];
    };

/** Probes wherever they run (a worker, or this thread in tests). */
export type RunProbes = (
  lab: JsonObject,
  specs: readonly ProbeSpec[],
  hops: boolean,
) => Promise<ProbesAnswer>;

/** The probes on this thread, after the current tick: for tests and the in-process engine. */
export const probesInProcess: RunProbes = async (lab, specs, hops) => runProbes(lab, specs, hops);

export function runProbes(lab: JsonObject, specs: readonly ProbeSpec[], hops: boolean): ProbesAnswer {
  const crossed = checkLabLimits(lab);
  const parsed = crossed.length > 0 ? { ok: false as const, errors: crossed } : parseLab(lab);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const detail = first ? `${first.path}: ${first.message}` : '';
    return { ok: false, status: 409, error: `the lab is not valid: ${detail}`, errors: parsed.errors };
  }
  const network = compileNetwork(parsed.lab);
  const results = specs.map((spec) => {
    const result = probe(network, spec);
    if (hops) return result;
    const { reachable, via, reason, why } = result;
    return { reachable, via, reason, why };
  });
  return { ok: true, results };
}
