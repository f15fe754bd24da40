import { describe, expect, it } from 'vitest';
import { createRoom, parseLabText } from './openRoom';

const answer = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('createRoom', () => {
  it('returns the room page of a created room', async () => {
    const result = await createRoom(
      { format: 'vnetlab/1' },
      answer(201, { room: 'r', token: 't', url: '/r/r?token=t' }),
    );
    expect(result).toEqual({ ok: true, url: '/r/r?token=t' });
  });

  it('turns a refused lab into field-path lines', async () => {
    const result = await createRoom(
      {},
      answer(400, {
        error: 'invalid lab',
        errors: [{ path: 'vms.web.adapters[0].mode', message: '"bridge" is not one of …' }],
      }),
    );
    expect(result).toEqual({ ok: false, errors: ['vms.web.adapters[0].mode: "bridge" is not one of …'] });
  });

  it('explains a rate limit or any other refusal', async () => {
    const result = await createRoom(
      undefined,
      answer(429, { error: 'too many rooms, try again in a minute' }),
    );
    expect(result).toEqual({ ok: false, errors: ['too many rooms, try again in a minute'] });
  });
});

describe('parseLabText', () => {
  it('reports a file that is not JSON', () => {
    const result = parseLabText('{ nope');
    expect(result.ok).toBe(false);
  });
});
