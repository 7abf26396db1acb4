import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * Times `call` sequentially (one client: latency, not throughput) after a warm-up, stopping at
 * `iterations` samples or `budgetMs`, whichever comes first.
 */
export async function measureLatency(
  call: (i: number) => Promise<unknown>,
  opts: { iterations: number; budgetMs: number; warmup: number },
): Promise<LatencySummary> {
  for (let i = 0; i < opts.warmup; i++) await call(i);
  const durations: number[] = [];
  const deadline = performance.now() + opts.budgetMs;
  for (let i = 0; i < opts.iterations && performance.now() < deadline; i++) {
    const started = performance.now();
    await call(i);
    durations.push(performance.now() - started);
  }
  return summarize(durations);
}

export interface ThroughputResult {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  latency: LatencySummary;
  firstError?: string;
}

/** `total` calls of `call`, at most `lanes` at a time. */
export async function inParallel(total: number, lanes: number, call: () => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next++ < total) await call();
    }),
  );
}

/** `clients` loops calling `call` back to back until `durationMs` has passed. */
export async function measureThroughput(
  call: (client: number, n: number) => Promise<unknown>,
  opts: { clients: number; durationMs: number },
): Promise<ThroughputResult> {
  const durations: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const client = async (id: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const t0 = performance.now();
      try {
        await call(id, n);
        durations.push(performance.now() - t0);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, id) => client(id)));
  const seconds = (performance.now() - started) / 1000;
  return { completed: durations.length, failed, seconds, perSecond: durations.length / seconds, latency: summarize(durations), firstError };
}
