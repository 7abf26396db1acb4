import type { ComplaintMetrics } from '../analytics/analytics.types';
import type { CsvValue } from './csv';

const rounded = (value: number | null, places: number): number | null => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);
/** A ratio (0–1) as a percentage with one decimal, as a spreadsheet reader expects to see it. */
const percent = (ratio: number | null): number | null => rounded(ratio === null ? null : ratio * 100, 1);
/** Business minutes, to one decimal. */
const minutes = (value: number | null): number | null => rounded(value, 1);

/**
 * The metrics of a grouping as a flat table (one row per group), for CSV and XLSX. Every column's unit is
 * in its name: `_pct` percentages, `_min` business minutes, `_stars` the 1–5 rating, counts bare.
 */
export function metricTable(metrics: ComplaintMetrics[]): { header: string[]; rows: CsvValue[][] } {
  const stages = metrics[0]?.stageSla.map((s) => s.stage) ?? [];
  const header = [
    'group',
    'volume',
    'share_pct',
    'first_response_p50_min',
    'first_response_p90_min',
    'first_response_sla_pct',
    'resolution_p50_min',
    'resolution_p90_min',
    'resolution_sla_pct',
    'closure_pct',
    'reopen_pct',
    'second_round_pct',
    'repeat_pct',
    'satisfaction_average_stars',
    'satisfaction_count',
    'satisfaction_1_star',
    'satisfaction_2_stars',
    'satisfaction_3_stars',
    'satisfaction_4_stars',
    'satisfaction_5_stars',
    'open',
    ...stages.map((s) => `sla_${s}_compliance_pct`),
  ];
  const rows = metrics.map((m) => [
    m.key,
    m.volume,
    percent(m.share),
    minutes(m.firstResponseP50),
    minutes(m.firstResponseP90),
    percent(m.firstResponseSlaRate),
    minutes(m.resolutionP50),
    minutes(m.resolutionP90),
    percent(m.resolutionSlaRate),
    percent(m.closureRate),
    percent(m.reopenRate),
    percent(m.secondRoundRate),
    percent(m.repeatRate),
    rounded(m.satisfactionAverage, 2),
    m.satisfactionCount,
    ...m.satisfactionDistribution,
    m.open,
    ...m.stageSla.map((s) => percent(s.complianceRate)),
  ]);
  return { header, rows };
}
