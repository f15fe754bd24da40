/** A token bucket: `burst` at once, `perSecond` after that. The caller may pass the time in. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes `cost` tokens (at most the burst) if there are that many. */
  take(now = performance.now(), cost = 1): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
    const need = Math.min(this.burst, Math.max(1, cost));
    if (this.tokens < need) return false;
    this.tokens -= need;
    return true;
  }
}
