import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rateLimit';

describe('createRateLimiter', () => {
  it('[HOSTILE-4] allows a burst of `capacity`, then refills at `perMinute`', () => {
    const limiter = createRateLimiter({ capacity: 2, perMinute: 6 });
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 10_000).ok).toBe(true);
  });
});
