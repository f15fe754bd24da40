import { describe, expect, it } from 'vitest';
import { execCommand } from './execCommand';

const answer = (status: number, body: unknown) => {
  const calls: RequestInit[] = [];
  const fetcher = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { fetcher, calls };
};

const request = { room: 'r', token: 't', machine: 'vm1', command: 'ping 10.0.2.7', by: 'Ana' };

describe('execCommand', () => {
  it('signs the command with the display name; keeps the output and the reason of a failed probe', async () => {
    const { fetcher, calls } = answer(200, {
      output: 'PING 10.0.2.7 …',
      exitCode: 1,
      probe: {
        reachable: false,
        reason: 'no machine answers',
        why: { code: 'no-arp', params: { node: 'vm1' } },
      },
    });
    const result = await execCommand(request, fetcher);
    expect(JSON.parse(String(calls[0]?.body))).toEqual({
      machine: 'vm1',
      command: 'ping 10.0.2.7',
      by: 'Ana',
    });
    expect(result).toEqual({
      ok: true,
      output: 'PING 10.0.2.7 …',
      exitCode: 1,
      failure: { why: { code: 'no-arp', params: { node: 'vm1' } }, reason: 'no machine answers' },
    });
  });

  it('shows a refusal as a line of the console', async () => {
    const { fetcher } = answer(404, { error: 'no machine named "ghost"' });
    expect(await execCommand({ ...request, machine: 'ghost' }, fetcher)).toEqual({
      ok: false,
      error: 'vnetlab: no machine named "ghost"',
    });
  });
});
