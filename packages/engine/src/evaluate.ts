/**
 * Everything a room shows for one lab: goals, matrix, diagnostics. The server's
 * engine worker and `vnetlab check` both call this; same lab, same bytes.
 */
import { english, type Lab, type Why, why } from '@vnetlab/shared';
import { compileNetwork } from './compile/compileNetwork';
import { type Diagnostic, diagnose } from './diagnostics/diagnose';
import { describeMachines, type Machine } from './machines/machines';
import { computeMatrix, type Matrix } from './matrix/matrix';
import { probe } from './probe/probe';

export interface GoalResult {
  readonly met: boolean;
  /** What the probe found, whatever was expected. */
  readonly reachable: boolean;
  readonly expect: boolean;
  readonly text: string;
  readonly via: string | null;
  readonly reason: string;
  readonly why: Why;
}

export interface LabResults {
  readonly goals: Record<string, GoalResult>;
  readonly matrix: Matrix;
  readonly diagnostics: readonly Diagnostic[];
  /** Every machine's interfaces as the engine brought them up: leased addresses, links. */
  readonly machines: readonly Machine[];
}

export function evaluateGoals(lab: Lab, network = compileNetwork(lab)): Record<string, GoalResult> {
  const goals: Record<string, GoalResult> = {};
  for (const goal of lab.goals) {
    const result = probe(network, goal.probe);
    goals[goal.id] = {
      met: result.reachable === goal.expect,
      reachable: result.reachable,
      expect: goal.expect,
      text: goal.text,
      via: result.via,
      reason: result.reason,
      why: result.why,
    };
  }
  return goals;
}

/**
 * A room's matrix covers up to this many machines (host, VMs, LAN devices): about
 * 3,000 cells, well under a megabyte sent to every client on every edit.
 */
export const ROOM_MATRIX_LIMIT = 40;

export function evaluateLab(lab: Lab, matrixLimit = ROOM_MATRIX_LIMIT): LabResults {
  const network = compileNetwork(lab);
  const matrix = computeMatrix(network, matrixLimit);
  const diagnostics = diagnose(lab, network);
  return {
    goals: evaluateGoals(lab, network),
    matrix,
    diagnostics: matrix.omitted ? [...diagnostics, matrixOmitted(matrix.omitted)] : diagnostics,
    machines: describeMachines(network),
  };
}

function matrixOmitted(omitted: { machines: number; limit: number }): Diagnostic {
  const verdict = why('matrix-omitted', omitted);
  return { severity: 'info', code: verdict.code, params: verdict.params, text: english(verdict), path: '' };
}
