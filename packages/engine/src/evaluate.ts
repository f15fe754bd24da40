/**
 * Everything a room shows for one lab: goals, matrix, diagnostics. The server's
 * engine worker and `vnetlab check` both call this; same lab, same bytes.
 */
import type { Lab, Why } from '@vnetlab/shared';
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

export function evaluateLab(lab: Lab): LabResults {
  const network = compileNetwork(lab);
  return {
    goals: evaluateGoals(lab, network),
    matrix: computeMatrix(network),
    diagnostics: diagnose(lab, network),
    machines: describeMachines(network),
  };
}
