import type { ComplaintMetrics } from '../analytics/analytics.types';
import type { CsvValue } from './csv';

/** The metrics of a grouping as a flat table (one row per group), for CSV and XLSX. */
export function metricTable(metrics: ComplaintMetrics[]): { header: string[]; rows: CsvValue[][] } {
  const stages = metrics[0]?.stageSla.map((s) => s.stage) ?? [];
  const header = [
    'group',
    'volume',
    'share',
    'first_response_p50_min',
    'first_response_p90_min',
    'first_response_sla_rate',
    'resolution_p50_min',
    'resolution_p90_min',
    'resolution_sla_rate',
    'closure_rate',
    'reopen_rate',
    'second_round_rate',
    'repeat_rate',
    'satisfaction_average',
    'satisfaction_count',
    'satisfaction_1',
    'satisfaction_2',
    'satisfaction_3',
    'satisfaction_4',
    'satisfaction_5',
    'open',
    ...stages.map((s) => `sla_${s}_compliance`),
  ];
  const rows = metrics.map((m) => [
    m.key,
    m.volume,
    m.share,
    m.firstResponseP50,
    m.firstResponseP90,
    m.firstResponseSlaRate,
    m.resolutionP50,
    m.resolutionP90,
    m.resolutionSlaRate,
    m.closureRate,
    m.reopenRate,
    m.secondRoundRate,
    m.repeatRate,
    m.satisfactionAverage,
    m.satisfactionCount,
    ...m.satisfactionDistribution,
    m.open,
    ...m.stageSla.map((s) => s.complianceRate),
  ]);
  return { header, rows };
}
