import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst up to capacity, then answers RATE_LIMITED with a retry-after, and refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 6, () => now);
    for (let i = 0; i < 3; i++) limiter.take('ip-1');
    try {
      limiter.take('ip-1');
      throw new Error('expected RATE_LIMITED');
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 10 });
    }
    limiter.take('ip-2');
    now += 10_000;
    expect(() => limiter.take('ip-1')).not.toThrow();
    expect(() => limiter.take('ip-1')).toThrow(/Too many requests/);
  });
});
