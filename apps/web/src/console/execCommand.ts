/**
 * One shell line on a machine of the room, answered by the server's engine
 * (`POST /api/labs/:room/exec`): the guest's output, and the probe's verdict behind it.
 */
import type { Why } from '@vnetlab/shared';
import { whyOf } from '../results/resultsView';
import { asObject, asString } from '../util/json';

export interface ConsoleEntry {
  readonly machine: string;
  readonly command: string;
  readonly output: string;
  /** Why the probe behind the command failed; null when it worked or there was none. */
  readonly failure: { readonly why: Why | null; readonly reason: string } | null;
}

export async function execCommand(
  room: string,
  token: string,
  machine: string,
  command: string,
  fetcher: typeof fetch = fetch,
): Promise<ConsoleEntry> {
  const response = await fetcher(`/api/labs/${encodeURIComponent(room)}/exec`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ machine, command }),
  });
  const body = asObject(await response.json().catch(() => ({})));
  if (!response.ok) {
    const error = asString(body.error) || `the server answered ${response.status}`;
    return { machine, command, output: `vnetlab: ${error}`, failure: null };
  }
  const probe = asObject(body.probe);
  const failed = probe.reachable === false;
  return {
    machine,
    command,
    output: asString(body.output),
    failure: failed ? { why: whyOf(probe.why), reason: asString(probe.reason) } : null,
  };
}
