import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { Reply } from './classApi';
import { createPoll, nextPollState } from './createPoll';

describe('createPoll', () => {
  it('a wrong token is final, a lost server is retried', () => {
    expect(nextPollState({ ok: false, status: 403, error: 'wrong token' }).kind).toBe('refused');
    expect(nextPollState({ ok: false, status: 0, error: 'fetch failed' }).kind).toBe('stale');
    expect(nextPollState({ ok: false, status: 503, error: 'busy' }).kind).toBe('stale');
    expect(nextPollState({ ok: true, value: 1 }).kind).toBe('live');
  });

  it('keeps the last value while the server is away, and asks again on refresh', async () => {
    const replies: Reply<number>[] = [
      { ok: true, value: 1 },
      { ok: false, status: 0, error: 'down' },
      { ok: true, value: 3 },
    ];
    let asked = 0;
    await createRoot(async (dispose) => {
      const poll = createPoll(async () => replies[asked++] ?? { ok: true, value: 9 }, 60_000);
      await poll.refresh();
      expect(poll.value()).toBe(1);
      expect(poll.state().kind).toBe('live');
      await poll.refresh();
      expect(poll.value()).toBe(1);
      expect(poll.state().kind).toBe('stale');
      await poll.refresh();
      expect(poll.value()).toBe(3);
      dispose();
    });
  });
});
