import { percentileFromHistogram } from './duration-histogram';
import type { ComplaintMetrics } from './analytics.types';
import { FR_BUCKET_COLUMNS, RES_BUCKET_COLUMNS, SAT_COLUMNS, SLA_STAGES, type MeasureSums } from './rollup-columns';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Turns summed rollup columns into the published figures; `total` is the volume the share is taken of. */
export function metricsOf(key: string, s: MeasureSums, total: number): ComplaintMetrics {
  const v = (c: string) => s[c] ?? 0;
  const created = v('created');
  return {
    key,
    volume: created,
    share: rate(created, total) ?? 0,
    firstResponded: v('first_responded'),
    firstResponseP50: round2(percentileFromHistogram(FR_BUCKET_COLUMNS.map(v), 0.5)),
    firstResponseP90: round2(percentileFromHistogram(FR_BUCKET_COLUMNS.map(v), 0.9)),
    firstResponseAverage: round2(rate(v('fr_minutes_sum'), v('first_responded'))),
    firstResponseSlaRate: rate(v('first_response_met'), v('first_responded')),
    resolutionP50: round2(percentileFromHistogram(RES_BUCKET_COLUMNS.map(v), 0.5)),
    resolutionP90: round2(percentileFromHistogram(RES_BUCKET_COLUMNS.map(v), 0.9)),
    resolutionAverage: round2(rate(v('res_minutes_sum'), v('closed'))),
    resolutionSlaRate: rate(v('resolution_met'), v('closed')),
    stageSla: SLA_STAGES.map((stage) => {
      const met = v(`sla_${stage}_met`);
      const breached = v(`sla_${stage}_breached`);
      return { stage, met, breached, complianceRate: rate(met, met + breached) };
    }),
    closed: v('closed'),
    closureRate: rate(v('closed'), created),
    reopened: v('reopened'),
    reopenRate: rate(v('reopened'), created),
    secondRound: v('second_round'),
    secondRoundRate: rate(v('second_round'), created),
    repeated: v('repeated'),
    repeatRate: rate(v('repeated'), created),
    satisfactionCount: v('sat_count'),
    satisfactionAverage: rate(v('sat_sum'), v('sat_count')),
    satisfactionDistribution: SAT_COLUMNS.map(v),
    open: v('open_now'),
  };
}
