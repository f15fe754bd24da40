/** Reading JSON bodies of the class routes: a bad one is a 400 naming the field. */
import { checkLabLimits, type JsonObject, parseLab, unmatchedLockPaths } from '@vnetlab/shared';
import type { Context } from 'hono';

export type Field = { readonly path: string; readonly message: string };

export async function jsonBody(c: Context): Promise<Record<string, unknown> | Field> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    return { path: '', message: 'send a JSON object' };
  } catch (error) {
    return { path: '', message: `not valid JSON: ${(error as Error).message}` };
  }
}

export function isField(value: unknown): value is Field {
  return typeof value === 'object' && value !== null && 'path' in value && 'message' in value;
}

export function badRequest(c: Context, errors: readonly Field[]): Response {
  const first = errors[0];
  const error = first
    ? first.path === ''
      ? first.message
      : `${first.path}: ${first.message}`
    : 'bad request';
  return c.json({ error, errors }, 400);
}

/** `{scenario: ID}` or `{lab}` -> the lab and a label for its generation. */
export function labOf(
  body: Record<string, unknown>,
  scenarios: ReadonlyMap<string, JsonObject>,
): { ok: true; lab: JsonObject; label: string } | { ok: false; errors: Field[]; status: 400 | 404 } {
  if (typeof body.scenario === 'string') {
    const lab = scenarios.get(body.scenario);
    if (!lab)
      return {
        ok: false,
        status: 404,
        errors: [{ path: 'scenario', message: `no scenario "${body.scenario}"` }],
      };
    return { ok: true, lab, label: `scenario:${body.scenario}` };
  }
  if (body.lab === undefined)
    return {
      ok: false,
      status: 400,
      errors: [{ path: '', message: 'send {"scenario": ID} or {"lab": LAB}' }],
    };
  // The bounds of every lab (LAB_LIMITS) first, as for POST and PUT: a broadcast writes
  // this lab into every group's room, and the schema alone lets 1,500 machines through.
  const crossed = checkLabLimits(body.lab);
  const parsed = crossed.length > 0 ? { ok: false as const, errors: crossed } : parseLab(body.lab);
  const errors = parsed.ok ? unmatchedLockPaths(body.lab) : parsed.errors;
  if (errors.length > 0)
    return {
      ok: false,
      status: 400,
      errors: errors.map((error) => ({
        path: error.path === '' ? 'lab' : `lab.${error.path}`,
        message: error.message,
      })),
    };
  return { ok: true, lab: body.lab as JsonObject, label: 'lab' };
}
