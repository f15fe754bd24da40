/**
 * `parseLab` for a lab that changes one machine at a time: the room page, which parses
 * its lab again after every edit anyone makes.
 *
 * Running the whole schema over a lab of 100 machines is most of what an edit costs the
 * page (issue #6: the one-frame aim). The room's `LabReader` hands out the same frozen
 * object for every machine nobody touched; so here each machine is checked by the schema
 * once per object, and only the rest of the file (host, networks, goals: small) and the
 * checks across fields run again. The answer is `parseLab`'s: the same lab, the same
 * errors (listed machines last, where `parseLab` lists them among the file's fields).
 */
import { deepFreeze } from '../deepFreeze';
import { type LabError, labErrorsFromIssues } from './labErrors';
import { checkLabFile, type ParseLabResult, parseLab } from './parseLab';
import { type LabFile, type LabFileVm, labFileButVmsSchema, labVmSchema } from './schema';

type VmParse =
  | { readonly ok: true; readonly vm: LabFileVm }
  | { readonly ok: false; readonly issues: Parameters<typeof labErrorsFromIssues>[0] };

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

  return (input) => {
    if (!isPlainObject(input) || !isPlainObject(input.vms) || Object.hasOwn(input.vms, '__proto__'))
      return parseLab(input); // not the shape this shortcut knows: the whole schema says why
    const { vms: rawVms, ...rest } = input;
    const top = labFileButVmsSchema.safeParse(rest, { reportInput: true });
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
