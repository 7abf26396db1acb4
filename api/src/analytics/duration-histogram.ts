import { BUCKET_BOUNDS, BUCKETS } from './rollup-columns';

/** [lower, upper) business minutes of bucket i; the open last bucket is given twice its lower bound. */
export function bucketBounds(i: number): [number, number] {
  const lower = i === 0 ? 0 : BUCKET_BOUNDS[i - 1];
  const upper = i < BUCKET_BOUNDS.length ? BUCKET_BOUNDS[i] : lower * 2;
  return [lower, upper];
}

/** The bucket a duration falls in, as PostgreSQL's width_bucket(value, bounds) numbers it. */
export function bucketOf(minutes: number): number {
  let i = 0;
  while (i < BUCKET_BOUNDS.length && minutes >= BUCKET_BOUNDS[i]) i++;
  return i;
}

/**
 * The p-quantile (0..1) estimated from bucket counts by linear interpolation inside the bucket that holds
 * it: exact to within that bucket's width, whatever the row count, which is what lets it come from rollups.
 */
export function percentileFromHistogram(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = p * total;
  let before = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && before + n >= rank) {
      const [lower, upper] = bucketBounds(i);
      return lower + ((upper - lower) * (rank - before)) / n;
    }
    before += n;
  }
  return bucketBounds(BUCKETS - 1)[1];
}
