import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from './errors';

/** `points` per `durationSeconds` (a fixed window); past them, with `blockSeconds`, the key stays refused that long. */
export interface LimitRule {
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** Created by Migration20261205003100_rate_limits: the application role may not create tables. */
const TABLE = 'rate_limits';
const STORE_DOWN_RETRY_SECONDS = 5;

/**
 * Budgets kept in PostgreSQL (`rate-limiter-flexible` over the side pool), so every API process draws on
 * the same one: N processes do not give N times the budget.
 */
export class RateLimitStore {
  private sweeping = false;

  constructor(private readonly pool: Pool) {}

  /** `name` keeps one budget's keys apart from another's in the shared table. */
  limiter(name: string, rule: LimitRule): SharedLimiter {
    // One limiter per process deletes expired rows (every 5 minutes); more would run the same delete.
    const sweep = !this.sweeping;
    this.sweeping = true;
    return new SharedLimiter(
      new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: sweep,
        keyPrefix: name,
        points: rule.points,
        duration: rule.durationSeconds,
        blockDuration: rule.blockSeconds ?? 0,
      }),
    );
  }
}

export class SharedLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Takes one point, or throws RATE_LIMITED with `retryAfter` seconds (SERVICE_UNAVAILABLE when the store fails). */
  async take(key: string, message = 'Too many requests'): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      throw refusal(error, message);
    }
  }

  /** Returns one point taken earlier (an attempt that turned out not to count). */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch(() => undefined);
  }

  /** Forgets the key's count and any block on it. */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch(() => undefined);
  }
}

function refusal(error: unknown, message: string): AppError {
  if (error instanceof RateLimiterRes) {
    const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return new AppError(ErrorCode.RATE_LIMITED, `${message}; try again in ${retryAfter} s`, { retryAfter });
  }
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The rate limit store did not answer; try again shortly', { retryAfter: STORE_DOWN_RETRY_SECONDS });
}
