/**
 * Per-user rate limit of the Mini App's API: a token bucket per Telegram user (a burst of
 * `burst` calls, refilled at `perSecond`). Real elapsed time (a monotonic clock), not the
 * bot's clock: it limits how fast requests come, whatever day the bot thinks it is.
 */
export interface RateLimitOptions {
  burst?: number;
  perSecond?: number;
  /** Milliseconds, monotonic. */
  now?: () => number;
  /** Users remembered at most (the idlest are forgotten first). */
  maxUsers?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private readonly burst: number;
  private readonly perSecond: number;
  private readonly now: () => number;
  private readonly maxUsers: number;

  constructor(o: RateLimitOptions = {}) {
    this.burst = o.burst ?? 30;
    this.perSecond = o.perSecond ?? 1;
    this.now = o.now ?? (() => performance.now());
    this.maxUsers = o.maxUsers ?? 10_000;
  }

  /** Whether this user may make one more call now. */
  take(user: number): boolean {
    const t = this.now();
    const b = this.buckets.get(user) ?? { tokens: this.burst, at: t };
    this.buckets.delete(user);
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(user, b);
    if (this.buckets.size > this.maxUsers) this.buckets.delete(this.buckets.keys().next().value!);
    return ok;
  }
}
