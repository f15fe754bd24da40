/**
 * `vnetlab probe|matrix|exec|check` (DESIGN.md, "Command line"). Pure apart from
 * the file reader it is given, so tests run it in-process as well as for real.
 * Exit codes: 0 when the command ran (whatever the network answered), 1 when
 * `check` finds a goal unmet, 2 for a bad file or bad usage.
 */
import {
  compileNetwork,
  computeMatrix,
  diagnose,
  english,
  evaluateGoals,
  type Matrix,
  type ProbeResult,
  probe,
  runCommand,
} from '@vnetlab/engine';
import { describeLabError, type Lab, parseLabJson, unmatchedLockPaths } from '@vnetlab/shared';

export interface CliOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export type ReadFile = (path: string) => string;

const USAGE = `usage:
  vnetlab probe LAB.json FROM TO [--tcp PORT | --udp PORT] [--json]
  vnetlab matrix LAB.json [--json]
  vnetlab exec LAB.json MACHINE "COMMAND" [--json]
  vnetlab check LAB.json`;

export function runCli(argv: readonly string[], readFile: ReadFile): CliOutput {
  const json = argv.includes('--json');
  const args = argv.filter((arg) => arg !== '--json');
  const [command, file, ...rest] = args;
  if (!command || !file || command === '--help') return usage();
  const loaded = loadLab(file, readFile);
  if (!loaded.ok) return { stdout: '', stderr: loaded.message, code: 2 };
  const lab = loaded.lab;
  switch (command) {
    case 'probe':
      return probeCommand(lab, rest, json);
    case 'matrix': {
      const matrix = computeMatrix(compileNetwork(lab));
      return { stdout: json ? toJson(matrix) : formatMatrix(matrix), stderr: '', code: 0 };
    }
    case 'exec': {
      const [machine, line] = rest;
      if (!machine || line === undefined) return usage();
      const result = runCommand(compileNetwork(lab), machine, line);
      // The console's own words (no such machine, powered off, not simulated) are not the guest's output.
      if (result.exitCode === 2 && result.probe === null && result.output.startsWith('vnetlab:')) {
        return { stdout: '', stderr: result.output, code: 2 };
      }
      // --json: the guest's exit status and the lab edit the command makes (ip link set), for scripts.
      if (json) {
        const { output, exitCode, edit } = result;
        return { stdout: toJson({ output, exitCode, edit: edit ?? null }), stderr: '', code: 0 };
      }
      // A command that prints nothing (`curl -s`, `nc -z`, `ip link set`) leaves no blank line.
      return { stdout: result.output === '' ? '' : `${result.output}\n`, stderr: '', code: 0 };
    }
    case 'check': {
      // A locked path that names nothing locks nothing: an authoring error, like a bad field.
      const unmatched = unmatchedLockPaths(JSON.parse(readFile(file)));
      if (unmatched.length > 0) {
        const stderr = unmatched.map((error) => `${file}: ${describeLabError(error)}`).join('\n');
        return { stdout: '', stderr, code: 2 };
      }
      return checkCommand(lab, file, json);
    }
    default:
      return usage();
  }
}

function usage(): CliOutput {
  return { stdout: '', stderr: USAGE, code: 2 };
}

function loadLab(file: string, readFile: ReadFile): { ok: true; lab: Lab } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    return { ok: false, message: `${file}: cannot read: ${(error as Error).message}` };
  }
  const parsed = parseLabJson(text);
  if (parsed.ok) return { ok: true, lab: parsed.lab };
  return {
    ok: false,
    message: parsed.errors.map((error) => `${file}: ${describeLabError(error)}`).join('\n'),
  };
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function probeCommand(lab: Lab, rest: readonly string[], json: boolean): CliOutput {
  const flagAt = rest.findIndex((arg) => arg === '--tcp' || arg === '--udp');
  const kind =
    flagAt < 0 ? ('ping' as const) : rest[flagAt] === '--udp' ? ('udp' as const) : ('tcp' as const);
  const port = flagAt >= 0 ? Number(rest[flagAt + 1]) : null;
  const [from, to] = rest.filter((_, index) => flagAt < 0 || (index !== flagAt && index !== flagAt + 1));
  if (!from || !to) return usage();
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    return { stdout: '', stderr: `--${kind}: "${rest[flagAt + 1] ?? ''}" is not a port (1–65535)`, code: 2 };
  }
  const spec =
    port === null || kind === 'ping' ? { from, to, kind: 'ping' as const } : { from, to, kind, port };
  const result = probe(compileNetwork(lab), spec);
  // A name the lab does not have, or one that cannot send, is bad usage (as `exec` says), not a verdict.
  if (result.why.code === 'unknown-endpoint' || result.why.code === 'not-a-source')
    return { stdout: '', stderr: `vnetlab: ${result.reason}`, code: 2 };
  return {
    stdout: json ? toJson(result) : formatProbe(spec.kind, from, to, port, result),
    stderr: '',
    code: 0,
  };
}

function formatProbe(
  kind: string,
  from: string,
  to: string,
  port: number | null,
  result: ProbeResult,
): string {
  const what = port === null ? `${from} → ${to} (ping)` : `${from} → ${to}:${port} (${kind})`;
  const lines = [`${result.reachable ? 'reachable' : 'unreachable'}: ${what}`, `  ${result.reason}`];
  if (result.via) lines.push(`  via ${result.via}`);
  if (result.hops.length > 0) {
    lines.push('hops:');
    for (const hop of result.hops)
      lines.push(`  ${hop.dir === 'back' ? '←' : '→'} ${hop.action.padEnd(9)} ${hop.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatMatrix(matrix: Matrix): string {
  const columns = matrix.targets;
  const width = Math.max(8, ...matrix.sources.map((s) => s.length)) + 2;
  const columnWidth = Math.max(6, ...columns.map((c) => c.length)) + 2;
  const lines = [`${''.padEnd(width)}${columns.map((c) => c.padEnd(columnWidth)).join('')}`];
  for (const from of matrix.sources) {
    let line = from.padEnd(width);
    for (const to of columns) {
      const cells = matrix.cells.filter((cell) => cell.from === from && cell.to === to);
      const mark = cells.length === 0 ? '·' : cells.map((cell) => (cell.reachable ? '✓' : '✗')).join('');
      line += mark.padEnd(columnWidth);
    }
    lines.push(line);
  }
  lines.push('', 'each cell: ping, then every TCP port the target listens on (✓ reachable, ✗ not)');
  const failures = matrix.cells.filter((cell) => !cell.reachable);
  if (failures.length > 0) lines.push('', 'why not:');
  for (const cell of failures) {
    const what = cell.port === null ? 'ping' : `tcp/${cell.port}`;
    lines.push(`  ${cell.from} → ${cell.to} ${what}: ${english(cell.why)}`);
  }
  return `${lines.join('\n')}\n`;
}

function checkCommand(lab: Lab, file: string, json: boolean): CliOutput {
  const goals = evaluateGoals(lab);
  // What a teacher should know about the setup (a Wi-Fi bridge, a refused host-only address …);
  // broadcast-domain sizes are figures, not findings.
  const notes = diagnose(lab, compileNetwork(lab)).filter((d) => d.code !== 'broadcast-domain');
  const entries = Object.entries(goals);
  const failed = entries.filter(([, goal]) => !goal.met).length;
  const code = failed === 0 ? 0 : 1;
  if (json) return { stdout: toJson({ ok: failed === 0, goals, diagnostics: notes }), stderr: '', code };
  const lines = [
    `${file}: valid vnetlab/1 lab "${lab.title}" (${lab.hypervisor} ${lab.hypervisorVersion}, ${lab.vms.length} VMs)`,
  ];
  for (const note of notes) lines.push(`${note.severity}: ${note.text}${note.path ? ` (${note.path})` : ''}`);
  for (const [id, goal] of entries) {
    const expectation = goal.expect ? '' : ' (must fail)';
    lines.push(`${goal.met ? '✓' : '✗'} ${id}: ${goal.text}${expectation}`, `    ${goal.reason}`);
  }
  lines.push(entries.length === 0 ? 'no goals' : `${entries.length - failed}/${entries.length} goals met`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', code };
}
