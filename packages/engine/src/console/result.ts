/** What a console line answers, and the context every tool runs in. */
import type { NetNode, Network } from '../compile/network';
import type { ProbeResult } from '../probe/probe';

/**
 * A change the command makes to the lab, as a real guest's command changes the
 * machine (`ip link set enp0s3 down` pulls the cable). The engine is pure: it
 * only says what to write; the caller applies it (the server through the room's
 * Yjs document, in one transaction). `path` is in the syntax of error paths.
 */
export interface LabEdit {
  readonly path: string;
  readonly value: boolean;
}

export interface ConsoleResult {
  readonly output: string;
  readonly exitCode: number;
  readonly probe: ProbeResult | null;
  readonly edit?: LabEdit;
}

export interface Shell {
  readonly network: Network;
  readonly node: NetNode;
  /** The line was run under sudo (root). */
  readonly sudo: boolean;
}

export function answer(output: string, exitCode = 0, probe: ProbeResult | null = null): ConsoleResult {
  return { output, exitCode, probe };
}
