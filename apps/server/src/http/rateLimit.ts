/**
 * A token bucket per key (the client's IP): `capacity` requests at once, refilled at
 * `perMinute`. Time is passed in, so tests need no clock.
 */
export interface RateLimitOptions {
  readonly capacity: number;
  readonly perMinute: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** `cost` tokens at once (a command on a big lab costs more than one on a small one). */
  take(key: string, now?: number, cost?: number): RateDecision;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = options.perMinute / 60_000;
  return {
    take(key, now = Date.now(), cost = 1) {
      const need = Math.min(options.capacity, Math.max(1, cost));
      const bucket = buckets.get(key) ?? { tokens: options.capacity, at: now };
      bucket.tokens = Math.min(options.capacity, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(key, bucket);
      if (buckets.size > 10_000) forgetFull(buckets, options.capacity);
      if (bucket.tokens >= need) {
        bucket.tokens -= need;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((need - bucket.tokens) / perMs / 1000)) };
    },
  };
}

/** Keeps the map bounded: a full bucket is the same as no bucket. */
function forgetFull(buckets: Map<string, { tokens: number }>, capacity: number): void {
  for (const [key, bucket] of buckets) if (bucket.tokens >= capacity) buckets.delete(key);
}
