import { nextAttemptDelay } from './retry-schedule';

describe('nextAttemptDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 10_000, maxAttempts: 5 };
  const middle = () => 0.5;

  it('doubles the wait after each failure up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptDelay(policy, n, middle))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(nextAttemptDelay({ ...policy, maxAttempts: 10 }, 6, middle)).toBe(10_000);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptDelay(policy, 5, middle)).toBeNull();
  });

  it('jitters within a fifth either way', () => {
    expect(nextAttemptDelay(policy, 1, () => 0)).toBe(800);
    expect(nextAttemptDelay(policy, 1, () => 1)).toBe(1_200);
  });
});
