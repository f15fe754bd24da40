/**
 * The one entry point from untrusted JSON to a `Lab`: the CLI, the HTTP API, the
 * room's engine and the web app all call it. Errors are values naming field paths.
 */
import { crossChecks } from './crossChecks';
import { defaultsFor, productName } from './defaults';
import { type LabError, labErrorsFromIssues } from './labErrors';
import { normalizeLab } from './normalizeLab';
import { type LabFile, labFileSchema } from './schema';
import type { Lab } from './types';

export type ParseLabResult =
  | { readonly ok: true; readonly lab: Lab }
  | { readonly ok: false; readonly errors: readonly LabError[] };

export function parseLab(input: unknown): ParseLabResult {
  const parsed = labFileSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: labErrorsFromIssues(parsed.error.issues) };
  return checkLabFile(parsed.data);
}

/** A file the schema accepted -> the lab, or what the product would refuse across its fields. */
export function checkLabFile(file: LabFile): ParseLabResult {
  const errors: LabError[] = [];
  const limit = defaultsFor(file.hypervisor ?? 'virtualbox').maxAdapters;
  for (const [id, vm] of Object.entries(file.vms ?? {})) {
    const count = vm.adapters?.length ?? 0;
    if (count > limit) {
      errors.push({
        path: `vms.${id}.adapters`,
        message: `${count} adapters, but ${productName(file.hypervisor ?? 'virtualbox')} gives a VM at most ${limit}`,
      });
    }
  }
  errors.push(...ambiguousNames(file), ...crossChecks(file));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lab: normalizeLab(file) };
}

/** JSON text -> lab; a syntax error is reported at the document's path "". */
export function parseLabJson(text: string): ParseLabResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseLab(json);
}

const RESERVED = new Set(['host', 'internet']);

/** Probes name machines by id: two machines with one name, or a VM called "host", would be ambiguous. */
function ambiguousNames(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  const vmIds = new Set(Object.keys(file.vms ?? {}));
  for (const id of vmIds) {
    if (RESERVED.has(id))
      errors.push({ path: `vms.${id}`, message: `"${id}" names the ${id}; give this VM another id` });
  }
  const seen = new Set<string>();
  for (const [lan, { devices }] of Object.entries(file.lans ?? {})) {
    for (const id of Object.keys(devices ?? {})) {
      const path = `lans.${lan}.devices.${id}`;
      if (RESERVED.has(id))
        errors.push({ path, message: `"${id}" names the ${id}; give this device another name` });
      else if (vmIds.has(id))
        errors.push({ path, message: `"${id}" is already the id of a VM; give this device another name` });
      else if (seen.has(id))
        errors.push({
          path,
          message: `"${id}" is already a device of another LAN; give this one another name`,
        });
      seen.add(id);
    }
  }
  return errors;
}
