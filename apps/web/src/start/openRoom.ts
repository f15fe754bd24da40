/**
 * Creating a room from the start page: `POST /api/labs` with a lab (or none), then the
 * room's page. A refused lab comes back as field-path errors to show, not a crash.
 */
import { asArray, asObject, asString } from '../util/json';

export type OpenRoomResult =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function createRoom(
  lab: unknown | undefined,
  fetcher: typeof fetch = fetch,
): Promise<OpenRoomResult> {
  const response = await fetcher('/api/labs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: lab === undefined ? '' : JSON.stringify(lab),
  });
  const body = asObject(await response.json().catch(() => ({})));
  if (response.status === 201 && asString(body.url)) return { ok: true, url: asString(body.url) };
  const errors = asArray(body.errors).map((value) => {
    const error = asObject(value);
    const path = asString(error.path);
    return path ? `${path}: ${asString(error.message)}` : asString(error.message);
  });
  return {
    ok: false,
    errors: errors.length > 0 ? errors : [asString(body.error) || `the server answered ${response.status}`],
  };
}

/** A lab file the teacher picked: JSON or a readable error. */
export function parseLabText(text: string): { ok: true; lab: unknown } | { ok: false; errors: string[] } {
  try {
    return { ok: true, lab: JSON.parse(text) };
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
}
