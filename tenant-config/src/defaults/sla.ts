import type { SlaTable } from '../schema/sla';

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * The seed's example deadlines (register within 10 min, investigate within 24 h, approve within 4 h, answer
 * the customer within 24 h, follow up within 3 days) as the `general` column, tightened for urgent and major
 * complaints so their total stays near the severity's resolution target. Business minutes throughout.
 */
export function defaultSla(): SlaTable {
  return {
    intake: { general: 10, urgent: 10, major: 5 },
    investigation: { general: DAY, urgent: 4 * HOUR, major: HOUR },
    handling: { general: 2 * DAY, urgent: 8 * HOUR, major: 4 * HOUR },
    review: { general: 4 * HOUR, urgent: 2 * HOUR, major: HOUR },
    feedback: { general: DAY, urgent: 4 * HOUR, major: 2 * HOUR },
    followup: { general: 3 * DAY, urgent: 2 * DAY, major: DAY },
  };
}
