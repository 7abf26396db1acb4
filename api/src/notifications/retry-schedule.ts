import type { RetryPolicy } from '../platform/config';

/**
 * When to try again after failed attempt number `attempt` (1-based): exponential backoff from `baseMs`,
 * capped at `maxMs`, with ±20 % jitter so a provider outage does not end in a synchronized stampede.
 * `null` once the attempts are used up.
 */
export function nextAttemptDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
