import type { Why } from '@vnetlab/shared';
import { asArray, asBoolean, asObject, asString } from '../util/json';

/** A verdict as data (`{code, params}`), or null when the JSON holds none. */
export function whyOf(raw: unknown): Why | null {
  const verdict = asObject(raw);
  const code = asString(verdict.code);
  return code ? ({ code, params: asObject(verdict.params) } as Why) : null;
}

export interface GoalResult {
  readonly met: boolean;
  readonly reason: string;
  readonly code: string;
  readonly why: Why | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticView {
  readonly severity: Severity;
  readonly code: string;
  readonly text: string;
  readonly why: Why | null;
  /** The lab field it is about (`vms.web.adapters[1].network`), '' when none. */
  readonly path: string;
}

export interface MatrixRow {
  readonly from: string;
  readonly to: string;
  /** "ping" or "tcp/22": one grid per probe kind. */
  readonly probe: string;
  readonly reachable: boolean;
  readonly via: string;
  readonly reason: string;
  readonly code: string;
  readonly why: Why | null;
}

export interface MatrixView {
  readonly endpoints: readonly string[];
  readonly rows: readonly MatrixRow[];
  /** The engine left the cells out: too many machines for a room's matrix. */
  readonly omitted: Why | null;
}

/** What the engine brought up on one adapter of a machine. */
export interface LeaseView {
  readonly addresses: readonly string[];
  readonly up: boolean;
  /** "dhcp", "static", "dhcp-failed", "unconfigured" or "fixed". */
  readonly addressing: string;
  readonly gateway: string;
}

export interface MachineView {
  /** Why the machine did not start; '' when it runs. */
  readonly problem: string;
  readonly problemWhy: Why | null;
  /** By adapter slot (VMs) or interface index (host, devices). */
  readonly leases: readonly LeaseView[];
}

export interface ResultsView {
  readonly goals: ReadonlyMap<string, GoalResult>;
  readonly machines: ReadonlyMap<string, MachineView>;
  readonly diagnostics: readonly DiagnosticView[];
  readonly matrix: MatrixView;
  readonly revision: number | null;
}

/** Reads the results document (plain JSON) without trusting its shape. */
export function resultsView(raw: unknown): ResultsView {
  const results = asObject(raw);
  const goals = new Map<string, GoalResult>();
  for (const [id, value] of Object.entries(asObject(results.goals))) {
    const goal = asObject(value);
    const met = asBoolean(goal.met);
    if (met === undefined) continue;
    const why = whyOf(goal.why);
    goals.set(id, { met, reason: asString(goal.reason), code: why?.code ?? '', why });
  }
  const diagnostics = asArray(results.diagnostics).map((value): DiagnosticView => {
    const d = asObject(value);
    const severity = d.severity === 'error' || d.severity === 'warning' ? d.severity : 'info';
    const code = asString(d.code);
    const text = asString(d.text) || asString(d.message) || code;
    return { severity, code, text, why: whyOf(d), path: asString(d.path) };
  });
  const revision = typeof results.revision === 'number' ? results.revision : null;
  return {
    goals,
    machines: machinesView(results.machines),
    diagnostics,
    matrix: matrixView(results.matrix),
    revision,
  };
}

export function machinesView(raw: unknown): ReadonlyMap<string, MachineView> {
  const machines = new Map<string, MachineView>();
  for (const value of asArray(raw)) {
    const machine = asObject(value);
    const id = asString(machine.id);
    if (!id) continue;
    const leases = asArray(machine.ifaces).map((iface): LeaseView => {
      const lease = asObject(iface);
      return {
        addresses: asArray(lease.addresses)
          .map((address) => asString(address))
          .filter(Boolean),
        up: lease.up === true,
        addressing: asString(lease.addressing),
        gateway: asString(lease.gateway),
      };
    });
    machines.set(id, { problem: asString(machine.problem), problemWhy: whyOf(machine.problemWhy), leases });
  }
  return machines;
}

export function matrixView(raw: unknown): MatrixView {
  const matrix = asObject(raw);
  const source = Array.isArray(matrix.rows) ? matrix.rows : asArray(matrix.cells ?? raw);
  const rows: MatrixRow[] = [];
  for (const value of source) {
    const row = asObject(value);
    const from = asString(row.from);
    const to = asString(row.to);
    const reachable = asBoolean(row.reachable);
    if (!from || !to || reachable === undefined) continue;
    const kind = asString(row.kind, 'ping');
    const port = asString(row.port);
    rows.push({
      from,
      to,
      probe: kind === 'ping' || !port ? kind : `${kind}/${port}`,
      reachable,
      via: asString(row.via),
      reason: asString(row.reason),
      code: asString(row.code) || asString(asObject(row.why).code),
      why: whyOf(row.why),
    });
  }
  // The engine names `sources` and `targets`; older or other shapes may say `endpoints`.
  const named = [...asArray(matrix.endpoints), ...asArray(matrix.sources), ...asArray(matrix.targets)].map(
    (e) => asString(e) || asString(asObject(e).id),
  );
  const endpoints = unique([...named.filter(Boolean), ...rows.flatMap((r) => [r.from, r.to])]);
  const omitted = asObject(matrix.omitted);
  const limited = typeof omitted.machines === 'number' && typeof omitted.limit === 'number';
  return {
    endpoints,
    rows,
    omitted: limited
      ? ({ code: 'matrix-omitted', params: { machines: omitted.machines, limit: omitted.limit } } as Why)
      : null,
  };
}

/** The probe kinds present, ping first, then ports in numeric order. */
export function probeKinds(matrix: MatrixView): string[] {
  const port = (probe: string) => Number(probe.split('/')[1] ?? 0);
  return unique(matrix.rows.map((r) => r.probe)).sort((a, b) =>
    a === 'ping' ? -1 : b === 'ping' ? 1 : port(a) - port(b) || a.localeCompare(b),
  );
}

export interface MatrixGrid {
  readonly froms: readonly string[];
  readonly tos: readonly string[];
  readonly cell: (from: string, to: string) => MatrixRow | undefined;
}

/** One probe kind as a from × to grid; rows and columns only for endpoints that appear. */
export function matrixGrid(matrix: MatrixView, probe: string): MatrixGrid {
  const rows = matrix.rows.filter((r) => r.probe === probe);
  const cells = new Map(rows.map((r) => [`${r.from}\u0000${r.to}`, r]));
  const order = (names: Set<string>) => matrix.endpoints.filter((e) => names.has(e));
  return {
    froms: order(new Set(rows.map((r) => r.from))),
    tos: order(new Set(rows.map((r) => r.to))),
    cell: (from, to) => cells.get(`${from}\u0000${to}`),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
