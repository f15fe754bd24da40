/**
 * Small labs computed on the server's own thread, everything else in the workers.
 *
 * For the two-VM labs of a classroom the engine takes about a millisecond, and handing
 * the lab to a worker thread and its results back costs as much again or more (measured
 * by the relay bench's split). But a lab computed here holds every room's relay while
 * it runs, so only a lab that is small by construction may run here (issue #10: a deep
 * or huge lab never runs on the main thread), and not after a computation of that room
 * that failed, or that ran here and cost more than `maxEngineMs`: the next one goes to
 * a worker. (A worker's own time does not count against a lab: a worker's first runs
 * are slow while its JIT warms up, 15–160 ms for the example lab on a busy machine.)
 */
import type { JsonObject } from '@vnetlab/shared';
import { type Evaluate, type EvaluateSync, inProcess } from './evaluate';

export interface InlineBounds {
  readonly maxVms: number;
  /** Adapters of all VMs together. */
  readonly maxAdapters: number;
  /**
   * Probes of the matrix, estimated: every endpoint (VMs, LAN devices, the host, the
   * internet) to every endpoint and every listening port. The engine's cost grows with
   * them, times the adapters each probe looks through.
   */
  readonly maxProbes: number;
  /** Values in the lab (objects, arrays, scalars), counted until one past this. */
  readonly maxNodes: number;
  readonly maxDepth: number;
  /** Characters of strings and keys together. */
  readonly maxChars: number;
  /** The room's last computation took at most this long in the engine. */
  readonly maxEngineMs: number;
}

/**
 * The classroom labs fit (the example lab: 2 VMs, 4 adapters, ~85 values, depth 7, ~35
 * probes); within them the engine's worst case measured 3–5× the example lab's time
 * (which is ~1.3 ms on a quiet core), once: a run past `maxEngineMs` sends the next to a worker. Ports, not VMs, are what cost: 4 VMs of 4 adapters listening on 10
 * ports each took 45 ms, and they stay in the workers.
 */
export const INLINE_BOUNDS: InlineBounds = {
  maxVms: 4,
  maxAdapters: 8,
  maxProbes: 80,
  maxNodes: 300,
  maxDepth: 10,
  maxChars: 8 * 1024,
  maxEngineMs: 10,
};

export function smallLabsInline(
  worker: Evaluate,
  engine: EvaluateSync,
  bounds: InlineBounds = INLINE_BOUNDS,
): Evaluate {
  const inline = inProcess(engine);
  return (lab, trace) => {
    const last = trace?.lastEngineMs;
    const costly =
      last === Number.POSITIVE_INFINITY ||
      (last !== undefined && trace?.lastWhere === 'inline' && last > bounds.maxEngineMs);
    return !costly && isSmallLab(lab, bounds) ? inline(lab, trace) : worker(lab, trace);
  };
}

/**
 * Whether `lab` is within `bounds`: a walk that stops at the first bound crossed, so
 * it costs at most `maxNodes` steps whatever the lab's size, and never recurses.
 */
export function isSmallLab(lab: JsonObject, bounds: InlineBounds = INLINE_BOUNDS): boolean {
  const vms = lab.vms;
  if (typeof vms === 'object' && vms !== null && Object.keys(vms).length > bounds.maxVms) return false;
  return withinNodes(lab, bounds) && withinProbes(lab, bounds);
}

function withinNodes(lab: JsonObject, bounds: InlineBounds): boolean {
  let nodes = 0;
  let chars = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: lab, depth: 1 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { value, depth } = top;
    if (++nodes > bounds.maxNodes || depth > bounds.maxDepth) return false;
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) {
      if (nodes + stack.length + value.length > bounds.maxNodes) return false;
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        if (nodes + stack.length >= bounds.maxNodes) return false;
        chars += key.length;
        stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
    if (chars > bounds.maxChars) return false;
  }
  return true;
}

/** Runs after `withinNodes`: every list it reads is short. Ill-typed parts count as empty. */
function withinProbes(lab: JsonObject, bounds: InlineBounds): boolean {
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const entriesOf = (value: unknown): unknown[] =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.values(value) : [];
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const vms = entriesOf(lab.vms);
  const devices = entriesOf(lab.lans).flatMap((lan) => entriesOf(field(lan, 'devices')));
  const adapters = vms.reduce<number>((sum, vm) => sum + listOf(field(vm, 'adapters')).length, 0);
  if (adapters > bounds.maxAdapters) return false;
  const ports = [...vms, ...devices, lab.host].reduce<number>(
    (sum, machine) => sum + listOf(field(machine, 'listen')).length,
    0,
  );
  const endpoints = vms.length + devices.length + 2; // and the host, and the internet
  return endpoints * (endpoints + ports) <= bounds.maxProbes;
}
