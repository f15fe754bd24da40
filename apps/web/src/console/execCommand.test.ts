import { describe, expect, it } from 'vitest';
import { execCommand } from './execCommand';

const answer = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('execCommand', () => {
  it('keeps the output, and the reason of a failed probe', async () => {
    const entry = await execCommand(
      'r',
      't',
      'vm1',
      'ping 10.0.2.7',
      answer(200, {
        output: 'PING 10.0.2.7 …',
        exitCode: 1,
        probe: {
          reachable: false,
          reason: 'no machine answers',
          why: { code: 'no-arp', params: { node: 'vm1' } },
        },
      }),
    );
    expect(entry.output).toBe('PING 10.0.2.7 …');
    expect(entry.failure).toEqual({
      why: { code: 'no-arp', params: { node: 'vm1' } },
      reason: 'no machine answers',
    });
  });

  it('shows a refusal as a line of the console', async () => {
    const entry = await execCommand(
      'r',
      't',
      'ghost',
      'ip addr',
      answer(404, { error: 'no machine named "ghost"' }),
    );
    expect(entry.output).toBe('vnetlab: no machine named "ghost"');
    expect(entry.failure).toBeNull();
  });
});
