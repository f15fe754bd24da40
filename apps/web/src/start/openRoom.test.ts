import { describe, expect, it } from 'vitest';
import { createRoom, describeProblem, parseLabText } from './openRoom';

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

  it('turns a refused lab into field-path lines, in either language', async () => {
    const result = await createRoom(
      {},
      answer(400, {
        error: 'invalid lab',
        errors: [{ path: 'vms.web.adapters[0].cable', message: 'expected boolean, got "yes"' }],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => describeProblem(e, 'en'))).toEqual([
      'vms.web.adapters[0].cable: expected boolean, got "yes"',
    ]);
    expect(result.errors.map((e) => describeProblem(e, 'zh-CN'))).toEqual([
      'vms.web.adapters[0].cable：应为布尔值（true 或 false），实际是 "yes"',
    ]);
  });

  it('explains a rate limit or any other refusal', async () => {
    const result = await createRoom(
      undefined,
      answer(429, { error: 'too many rooms created from this address; try again later' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeProblem(result.errors[0]!, 'en')).toBe(
      'too many rooms created from this address; try again later',
    );
    expect(describeProblem(result.errors[0]!, 'zh-CN')).toBe('这个地址新建的房间太多了，请稍后再试');
    const unknown = await createRoom(undefined, answer(500, {}));
    if (!unknown.ok) expect(describeProblem(unknown.errors[0]!, 'zh-CN')).toBe('服务器返回 500');
  });
});

describe('parseLabText', () => {
  it('reports a file that is not JSON, in either language', () => {
    const result = parseLabText('{ nope');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeProblem(result.errors[0]!, 'en')).toMatch(/^not valid JSON: /);
    expect(describeProblem(result.errors[0]!, 'zh-CN')).toMatch(/^不是有效的 JSON/);
  });

  it('says the server cannot be reached', () => {
    const problem = { kind: 'unreachable', detail: 'Failed to fetch' } as const;
    expect(describeProblem(problem, 'en')).toBe('cannot reach the server: Failed to fetch');
    // The browser's own sentence is English: the Chinese page says only what happened.
    expect(describeProblem(problem, 'zh-CN')).toBe('无法连接服务器');
  });
});
