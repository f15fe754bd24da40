/**
 * `parseLab` for a lab that changes one machine at a time: the room page, which parses
 * its lab again after every edit anyone makes.
 *
 * Running the whole schema over a lab of 100 machines is most of what an edit costs the
 * page (issue #6: the one-frame aim), and what the room's engine pays before it runs
 * (issue #8). The room's `LabReader` hands out the same frozen object for every machine
 * nobody touched, and for every top-level field (host, networks, goals) nobody touched;
 * so here each machine, and each such field, is checked by the schema once per object,
 * and only the plain fields (title, hypervisor) and the checks across fields run again.
 * The answer is `parseLab`'s: the same lab, the same errors (listed machines last,
 * where `parseLab` lists them among the file's fields).
 */

import type { z } from 'zod';
import { deepFreeze } from '../deepFreeze';
import { type LabError, labErrorsFromIssues } from './labErrors';
import { checkLabFile, type ParseLabResult, parseLab } from './parseLab';
import { type LabFile, type LabFileVm, labFileButVmsSchema, labVmSchema } from './schema';

type Issues = Parameters<typeof labErrorsFromIssues>[0];

type VmParse =
  | { readonly ok: true; readonly vm: LabFileVm }
  | { readonly ok: false; readonly issues: Issues };

/** One top-level field's schema answer: its value as parsed, or its issues (paths from the lab). */
type FieldParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: Issues };

const topFields = labFileButVmsSchema.shape as Record<string, z.ZodType>;

export type LabParser = (input: unknown) => ParseLabResult;

/**
 * A `parseLab` that remembers each machine's schema answer by the machine's object:
 * give it inputs whose unchanged machines are the same (frozen) objects, as LabReader's.
 */
export function createLabParser(): LabParser {
  const machines = new WeakMap<object, VmParse>();
  const parseVm = (raw: unknown): VmParse => {
    const known = isObject(raw) ? machines.get(raw) : undefined;
    if (known) return known;
    const result = labVmSchema.safeParse(raw, { reportInput: true });
    // Frozen: the parsed machine is shared by every lab parsed from now on.
    const parsed: VmParse = result.success
      ? { ok: true, vm: deepFreeze(result.data) }
      : { ok: false, issues: result.error.issues };
    if (isObject(raw)) machines.set(raw, parsed);
    return parsed;
  };

  /** Per field, its objects' answers (a plain value is checked again: that costs nothing). */
  const fields = new Map<string, WeakMap<object, FieldParse>>();
  const parseField = (key: string, schema: z.ZodType, raw: unknown): FieldParse => {
    const known = fields.get(key) ?? new WeakMap<object, FieldParse>();
    const cached = isObject(raw) ? known.get(raw) : undefined;
    if (cached) return cached;
    const result = schema.safeParse(raw, { reportInput: true });
    const parsed: FieldParse = result.success
      ? { ok: true, value: deepFreeze(result.data) }
      : { ok: false, issues: result.error.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })) };
    if (isObject(raw)) {
      known.set(raw, parsed);
      fields.set(key, known);
    }
    return parsed;
  };
  /** The lab but its machines, as `labFileButVmsSchema` parses it, one field at a time. */
  const parseTop = (rest: Record<string, unknown>) => {
    // A field the file does not know: the strict object's own words say so.
    if (Object.keys(rest).some((key) => !Object.hasOwn(topFields, key)))
      return labFileButVmsSchema.safeParse(rest, { reportInput: true });
    const data: Record<string, unknown> = {};
    const issues: Issues[number][] = [];
    for (const [key, schema] of Object.entries(topFields)) {
      const parsed = parseField(key, schema, rest[key]);
      if (!parsed.ok) issues.push(...parsed.issues);
      else if (parsed.value !== undefined) data[key] = parsed.value;
    }
    return issues.length > 0
      ? { success: false as const, error: { issues } }
      : { success: true as const, data: data as Omit<LabFile, 'vms'> };
  };

  return (input) => {
    if (!isPlainObject(input) || !isPlainObject(input.vms) || Object.hasOwn(input.vms, '__proto__'))
      return parseLab(input); // not the shape this shortcut knows: the whole schema says why
    const { vms: rawVms, ...rest } = input;
    const top = parseTop(rest);
    const errors: LabError[] = top.success ? [] : labErrorsFromIssues(top.error.issues);
    const vms: Record<string, LabFileVm> = {};
    for (const [id, raw] of Object.entries(rawVms)) {
      const parsed = parseVm(raw);
      if (parsed.ok) vms[id] = parsed.vm;
      else
        errors.push(
          ...labErrorsFromIssues(
            parsed.issues.map((issue) => ({ ...issue, path: ['vms', id, ...issue.path] })),
          ),
        );
    }
    if (errors.length > 0 || !top.success) return { ok: false, errors };
    const file: LabFile = { ...top.data, vms };
    return checkLabFile(file);
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}
