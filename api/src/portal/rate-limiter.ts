import { AppError, ErrorCode } from '../platform/errors';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (an IP, a tenant): `capacity` requests at once, refilled at `perMinute`.
 * In-process: with several API processes each enforces its own share, which bounds abuse well enough
 * for a public form without a shared store.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token or throws RATE_LIMITED with the seconds until one is available. */
  take(key: string): void {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfter = Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many requests; try again in ${retryAfter} s`, { retryAfter });
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
  }

  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 60_000) * this.perMinute >= this.capacity) this.buckets.delete(key);
    }
  }
}
