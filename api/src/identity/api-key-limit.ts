import type { RateLimitStore, SharedLimiter } from '../platform/rate-limits';

export interface ApiKeyRef {
  tenantId: string;
  apiKeyId: string;
}

/** How many requests a key may make per minute: the one place a tenant's plan decides it. */
export type ApiKeyRequestsPerMinute = (key: ApiKeyRef) => number | Promise<number>;

export const flatApiKeyLimit =
  (perMinute: number): ApiKeyRequestsPerMinute =>
  () =>
    perMinute;

/** Per-key request budgets in the shared store; keys on the same limit share one limiter. */
export class ApiKeyRateLimit {
  private readonly limiters = new Map<number, SharedLimiter>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly perMinute: ApiKeyRequestsPerMinute,
  ) {}

  async take(key: ApiKeyRef): Promise<void> {
    const points = await this.perMinute(key);
    let limiter = this.limiters.get(points);
    if (!limiter) this.limiters.set(points, (limiter = this.store.limiter('api-key', { points, durationSeconds: 60 })));
    await limiter.take(key.apiKeyId, 'Too many requests for this API key');
  }
}
