/**
 * The rollup tables' measure columns, mirrored from Migration20261126000000_analytics_knowledge (a
 * committed migration cannot import these: it must not change when this file does).
 */
export const SLA_STAGES = ['intake', 'investigation', 'handling', 'review', 'feedback', 'followup'] as const;

/** Upper bounds (business minutes) of the duration histogram buckets; the last bucket is open-ended. */
export const BUCKET_BOUNDS = [15, 30, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 1920, 2880, 4320, 5760, 7200, 10080, 14400, 20160, 28800, 43200, 86400];
export const BUCKETS = BUCKET_BOUNDS.length + 1;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const FR_BUCKET_COLUMNS = range(BUCKETS).map((i) => `fr_h${i}`);
export const RES_BUCKET_COLUMNS = range(BUCKETS).map((i) => `res_h${i}`);
export const SAT_COLUMNS = range(5).map((i) => `sat_${i + 1}`);

export const MEASURE_COLUMNS = [
  'created',
  'first_responded',
  'first_response_met',
  'closed',
  'resolution_met',
  'reopened',
  'second_round',
  'repeated',
  'open_now',
  'waiting_now',
  'sat_count',
  'sat_sum',
  ...SAT_COLUMNS,
  ...FR_BUCKET_COLUMNS,
  ...RES_BUCKET_COLUMNS,
  ...SLA_STAGES.flatMap((s) => [`sla_${s}_met`, `sla_${s}_breached`]),
  'fr_minutes_sum',
  'res_minutes_sum',
] as const;

/** One summed rollup row, keyed by column name; numbers (PostgreSQL sums arrive as strings and are converted). */
export type MeasureSums = Record<string, number>;

/** The two grains stored: 1 = category × channel × severity × team, 2 = team × agent. */
export enum RollupGrain {
  CUBE = 1,
  AGENT = 2,
}
