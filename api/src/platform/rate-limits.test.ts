import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { SharedLimiter } from './rate-limits';

const extensionsOf = (error: unknown) => (error as { extensions: Record<string, unknown> }).extensions;

describe('SharedLimiter', () => {
  it('takes points until the budget is spent, then answers RATE_LIMITED with the seconds until the block ends', async () => {
    const limiter = new SharedLimiter(new RateLimiterMemory({ points: 2, duration: 60, blockDuration: 300 }));
    await limiter.take('k');
    await limiter.take('k');
    const refused = await limiter.take('k', 'Too many sign-ins').catch((error: unknown) => error);
    expect(extensionsOf(refused)).toEqual({ code: 'RATE_LIMITED', retryAfter: 300 });
    expect((refused as Error).message).toBe('Too many sign-ins; try again in 300 s');
    await expect(limiter.take('other')).resolves.toBeUndefined();
    await limiter.reset('k');
    await expect(limiter.take('k')).resolves.toBeUndefined();
  });

  it('returns a point given back', async () => {
    const limiter = new SharedLimiter(new RateLimiterMemory({ points: 1, duration: 60 }));
    await limiter.take('k');
    await limiter.giveBack('k');
    await expect(limiter.take('k')).resolves.toBeUndefined();
    await expect(limiter.take('k')).rejects.toThrow(/Too many requests/);
  });

  it('answers SERVICE_UNAVAILABLE, not an internal error, when the store fails', async () => {
    const broken = { consume: () => Promise.reject(new Error('connection refused')) } as unknown as RateLimiterAbstract;
    const refused = await new SharedLimiter(broken).take('k').catch((error: unknown) => error);
    expect(extensionsOf(refused)).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
  });
});
