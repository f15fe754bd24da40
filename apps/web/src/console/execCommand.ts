/**
 * One shell line on a machine of the room, answered by the server's engine
 * (`POST /api/labs/:room/exec`, signed with this person's display name): the server
 * appends the command and its output to the room's shared console, which every page
 * shows; what the server refused (no such machine, too many commands) stays on this page.
 */
import type { Why } from '@vnetlab/shared';
import { whyOf } from '../results/resultsView';
import { asNumber, asObject, asString } from '../util/json';

export interface ExecRequest {
  readonly room: string;
  readonly token: string;
  readonly machine: string;
  readonly command: string;
  /** This person's display name. */
  readonly by: string;
}

export type ExecAnswer =
  | {
      readonly ok: true;
      readonly output: string;
      readonly exitCode: number;
      /** Why the probe behind the command failed; null when it worked or there was none. */
      readonly failure: { readonly why: Why | null; readonly reason: string } | null;
    }
  | { readonly ok: false; readonly error: string };

export async function execCommand(request: ExecRequest, fetcher: typeof fetch = fetch): Promise<ExecAnswer> {
  let response: Response;
  try {
    response = await fetcher(`/api/labs/${encodeURIComponent(request.room)}/exec`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
      body: JSON.stringify({ machine: request.machine, command: request.command, by: request.by }),
    });
  } catch (error) {
    return { ok: false, error: `vnetlab: ${(error as Error).message}` };
  }
  const body = asObject(await response.json().catch(() => ({})));
  if (!response.ok) {
    return {
      ok: false,
      error: `vnetlab: ${asString(body.error) || `the server answered ${response.status}`}`,
    };
  }
  const probe = asObject(body.probe);
  return {
    ok: true,
    output: asString(body.output),
    exitCode: asNumber(body.exitCode),
    failure: probe.reachable === false ? { why: whyOf(probe.why), reason: asString(probe.reason) } : null,
  };
}
