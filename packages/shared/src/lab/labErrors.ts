/**
 * Schema issues as `path: message` lines a teacher can act on:
 * `vms.web.adapters[1].mode: "bridge" is not one of none, nat, natnetwork, …`.
 */
import type { z } from 'zod';

export interface LabError {
  /** `vms.web.adapters[1].mode`; "" for the document itself. */
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function describeLabError(error: LabError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

export function labErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): LabError[] {
  const errors: LabError[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_value':
        errors.push({
          path,
          message:
            issue.input === undefined
              ? 'is required'
              : issue.values.length === 1
                ? `${describeValue(issue.input)} must be ${JSON.stringify(issue.values[0])}`
                : `${describeValue(issue.input)} is not one of ${issue.values.join(', ')}`,
        });
        break;
      case 'invalid_type':
        errors.push({
          path,
          message:
            issue.input === undefined
              ? 'is required'
              : `expected ${issue.expected}, got ${describeValue(issue.input)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          errors.push({ path: formatPath([...issue.path, key]), message: 'is not a field of vnetlab/1' });
        }
        break;
      case 'invalid_union': {
        // Unions here are small ("dhcp" or an address object): report the closest miss
        // inside an object when there is one, else name the choices.
        const deepest = issue.errors.flat().find((inner) => inner.path.length > 0);
        if (deepest)
          errors.push(...labErrorsFromIssues([{ ...deepest, path: [...issue.path, ...deepest.path] }]));
        else errors.push({ path, message: unionMessage(issue) });
        break;
      }
      case 'too_small':
      case 'too_big':
      case 'invalid_format':
      case 'custom':
      case 'not_multiple_of':
      case 'invalid_key':
      case 'invalid_element':
        errors.push({ path, message: issue.message });
        break;
      default: {
        const unexpected: never = issue;
        throw new Error(`unhandled schema issue ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return errors;
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const nested = issue.errors.flat();
  const literals = nested.flatMap((inner) => (inner.code === 'invalid_value' ? inner.values : []));
  const described = describeValue(issue.input);
  if (literals.length > 0) {
    return `${described} is not ${literals.map((value) => JSON.stringify(value)).join(' or ')}, nor an object of its fields`;
  }
  return `${described} is not allowed here`;
}
