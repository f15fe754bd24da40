/**
 * A shell line on a machine of a room's lab, answered by the engine's console as the
 * guest prints it (the same `runCommand` as `pnpm vnetlab exec`). It compiles the whole
 * lab, so it runs in an engine worker (`WorkerPool.exec`), never on the server's thread.
 */
import { compileNetwork, type LabEdit, runCommand } from '@vnetlab/engine';
import { checkLabLimits, type JsonObject, parseLab } from '@vnetlab/shared';

export type ConsoleAnswer =
  | {
      readonly ok: true;
      readonly output: string;
      readonly exitCode: number;
      /** The probe behind the command (ping, curl, nc, traceroute), for the reason. */
      readonly probe: { readonly reachable: boolean; readonly reason: string; readonly why: unknown } | null;
      /** What the command changes in the lab (`ip link set DEV down`: the cable), for the route to apply. */
      readonly edit: LabEdit | null;
    }
  | { readonly ok: false; readonly status: 400 | 404 | 409 | 503; readonly error: string };

export const MAX_COMMAND_LENGTH = 500;

/** A console line wherever it runs (a worker, or this thread in tests). */
export type Exec = (lab: JsonObject, machine: string, command: string) => Promise<ConsoleAnswer>;

/** The console on this thread, after the current tick: for tests and the in-process engine. */
export const execInProcess: Exec = async (lab, machine, command) => runConsole(lab, machine, command);

export function runConsole(lab: JsonObject, machine: string, command: string): ConsoleAnswer {
  if (command.length > MAX_COMMAND_LENGTH) {
    return { ok: false, status: 400, error: `a command may be at most ${MAX_COMMAND_LENGTH} characters` };
  }
  const crossed = checkLabLimits(lab);
  const parsed = crossed.length > 0 ? { ok: false as const, errors: crossed } : parseLab(lab);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      status: 409,
      error: `the lab is not valid: ${first ? `${first.path}: ${first.message}` : ''}`,
    };
  }
  const result = runCommand(compileNetwork(parsed.lab), machine, command);
  if (result.exitCode === 2 && result.probe === null && result.output.startsWith('vnetlab: no machine')) {
    return { ok: false, status: 404, error: result.output.replace(/^vnetlab: /, '') };
  }
  const probe = result.probe
    ? { reachable: result.probe.reachable, reason: result.probe.reason, why: result.probe.why }
    : null;
  return { ok: true, output: result.output, exitCode: result.exitCode, probe, edit: result.edit ?? null };
}
