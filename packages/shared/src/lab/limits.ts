/**
 * The bounds of a lab, beside its schema: what one room may hold, whoever writes it
 * (a sync update, `PUT`, `POST`, a broadcast). A lab past them is refused where it comes
 * in, or (stored before these bounds existed) diagnosed and never computed: nothing
 * downstream — reading the document, cloning it into a worker, the engine, the results
 * — meets a value it cannot handle.
 *
 * Every check here is iterative and stops descending at `maxDepth`, so a value nested a
 * million deep costs no more than one nested `maxDepth` deep.
 */
import { formatPath, type LabError } from './labErrors';

export interface LabLimits {
  /** Objects and arrays nested in one another, the lab itself counting as 1. */
  readonly maxDepth: number;
  readonly maxVms: number;
  readonly maxAdaptersPerVm: number;
  /** LANs, NAT networks, host-only and internal networks, together. */
  readonly maxNetworks: number;
  /** Members of one object, elements of one array. */
  readonly maxKeys: number;
  /** Characters of one string value. */
  readonly maxStringLength: number;
  /** Characters of one object key. */
  readonly maxKeyLength: number;
  /** The lab as JSON text (estimated while walking it). */
  readonly maxLabBytes: number;
}

/** The deepest real lab is 7 (`vms.web.adapters[0].portForwards[0].name`). */
export const LAB_LIMITS: LabLimits = {
  maxDepth: 16,
  maxVms: 1000,
  maxAdaptersPerVm: 10,
  maxNetworks: 1000,
  maxKeys: 10_000,
  maxStringLength: 2000,
  maxKeyLength: 200,
  maxLabBytes: 4 * 1024 * 1024,
};

/** The lab's sections of networks, counted together against `maxNetworks`. */
export const NETWORK_KEYS = ['lans', 'natNetworks', 'hostOnlyNetworks', 'internalNetworks'] as const;
/** Errors reported at most; past that the walk only says that there are more. */
const MAX_ERRORS = 20;

interface Frame {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
  readonly depth: number;
}

/**
 * The lab (plain JSON, not yet validated) against `limits`: one error per crossing,
 * naming its path (`vms.web.name: 5000 characters, at most 2000`). Empty when it fits.
 */
export function checkLabLimits(lab: unknown, limits: LabLimits = LAB_LIMITS): LabError[] {
  const { errors, bytes } = measureLab(lab, limits);
  if (bytes > limits.maxLabBytes && errors.length < MAX_ERRORS)
    errors.push({
      path: '',
      message: `the lab is about ${bytes} bytes as JSON, at most ${limits.maxLabBytes}`,
    });
  return errors;
}

/**
 * `checkLabLimits` but the size's own bound: every other crossing, and the estimated
 * size as JSON. The estimate adds up member by member (`2` for the braces, plus each
 * member's key and value), so a lab whose one top-level field changed is measured by
 * measuring that field alone, as `{ [key]: value }` (its errors name the same paths).
 */
export function measureLab(
  lab: unknown,
  limits: LabLimits = LAB_LIMITS,
): { readonly errors: LabError[]; readonly bytes: number } {
  const errors: LabError[] = [];
  const add = (path: readonly (string | number)[], message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path: formatPath(path), message });
  };
  if (isObject(lab)) checkCounts(lab, limits, add);
  const bytes = walk({ value: lab, path: [], depth: 1 }, limits, add);
  return { errors, bytes };
}

/**
 * One value about to be stored `depth` containers deep (a sync update's content): the
 * first limit it crosses, or undefined.
 */
export function checkJsonValue(
  value: unknown,
  depth: number,
  limits: LabLimits = LAB_LIMITS,
): string | undefined {
  let first: string | undefined;
  const bytes = walk({ value, path: [], depth }, limits, (path, message) => {
    first ??= path.length === 0 ? message : `${formatPath(path)}: ${message}`;
  });
  if (first === undefined && bytes > limits.maxLabBytes) first = `a value of about ${bytes} bytes`;
  return first;
}

function checkCounts(
  lab: Record<string, unknown>,
  limits: LabLimits,
  add: (path: string[], m: string) => void,
) {
  const vms = lab.vms;
  if (isObject(vms)) {
    const count = Object.keys(vms).length;
    if (count > limits.maxVms) add(['vms'], `${count} machines, at most ${limits.maxVms}`);
    for (const [id, vm] of Object.entries(vms).slice(0, limits.maxVms)) {
      const adapters = isObject(vm) ? vm.adapters : undefined;
      if (Array.isArray(adapters) && adapters.length > limits.maxAdaptersPerVm) {
        add(['vms', id, 'adapters'], `${adapters.length} adapters, at most ${limits.maxAdaptersPerVm}`);
      }
    }
  }
  let networks = 0;
  for (const key of NETWORK_KEYS) {
    const group = lab[key];
    if (isObject(group)) networks += Object.keys(group).length;
  }
  if (networks > limits.maxNetworks) add([], `${networks} networks, at most ${limits.maxNetworks}`);
}

/** Visits every value down to `maxDepth`; returns the estimated JSON size. */
function walk(
  start: Frame,
  limits: LabLimits,
  add: (path: readonly (string | number)[], message: string) => void,
): number {
  let bytes = 0;
  const stack: Frame[] = [start];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as Frame;
    if (typeof value === 'string') {
      bytes += value.length + 2;
      if (value.length > limits.maxStringLength) {
        add(path, `${value.length} characters, at most ${limits.maxStringLength}`);
      }
      continue;
    }
    if (value === null || typeof value !== 'object') {
      bytes += 6;
      continue;
    }
    if (depth > limits.maxDepth) {
      add(path, `nested more than ${limits.maxDepth} deep`);
      continue;
    }
    if (Array.isArray(value)) {
      bytes += 2 + value.length;
      if (value.length > limits.maxKeys) add(path, `${value.length} elements, at most ${limits.maxKeys}`);
      const end = Math.min(value.length, limits.maxKeys);
      for (let i = end - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    bytes += 2;
    if (keys.length > limits.maxKeys) add(path, `${keys.length} members, at most ${limits.maxKeys}`);
    for (const key of keys.slice(0, limits.maxKeys).reverse()) {
      bytes += key.length + 4;
      if (key.length > limits.maxKeyLength) {
        add(path, `a key of ${key.length} characters, at most ${limits.maxKeyLength}`);
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
    }
  }
  return bytes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
