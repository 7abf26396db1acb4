import { bucketBounds, bucketOf, percentileFromHistogram } from './duration-histogram';
import { BUCKETS } from './rollup-columns';

describe('duration histogram', () => {
  it('puts a value in the bucket whose bounds hold it', () => {
    for (const minutes of [0, 14.9, 15, 59, 60, 1439, 1440, 86399, 86400, 200000]) {
      const [lower, upper] = bucketBounds(bucketOf(minutes));
      expect(minutes).toBeGreaterThanOrEqual(lower);
      if (bucketOf(minutes) < BUCKETS - 1) expect(minutes).toBeLessThan(upper);
    }
  });

  it('estimates a percentile within the width of the bucket holding the exact one', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 37) % 3000);
    const counts = Array<number>(BUCKETS).fill(0);
    for (const v of values) counts[bucketOf(v)]++;
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0.5, 0.9]) {
      const exact = sorted[Math.ceil(p * sorted.length) - 1];
      const [lower, upper] = bucketBounds(bucketOf(exact));
      const estimate = percentileFromHistogram(counts, p)!;
      expect(estimate).toBeGreaterThanOrEqual(lower);
      expect(estimate).toBeLessThanOrEqual(upper);
    }
  });

  it('has no percentile without data', () => {
    expect(percentileFromHistogram(Array<number>(BUCKETS).fill(0), 0.5)).toBeNull();
  });
});
