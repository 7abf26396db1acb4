import { z } from 'zod';
import { SATISFACTION_RATING_MAX } from '../lifecycle';
import { codeSchema } from './code';

// Defined beside the lifecycle functions so workflow code can have it without the schemas.
export { SATISFACTION_RATING_MAX };

/** Second-round handling when the customer is unhappy: bounded, tighter, and escalated. */
export const roundPolicySchema = z
  .strictObject({
    max: z.number().int().min(1).max(10).default(3),
    /** Each further round gets slaFactor^(round-1) of the first round's SLA. */
    slaFactor: z.number().gt(0).lte(1).default(0.5),
    /** A rating at or below this opens a new round. */
    unhappyRatingThreshold: z
      .number()
      .int()
      .min(1)
      .max(SATISFACTION_RATING_MAX - 1, { error: `Must be below ${SATISFACTION_RATING_MAX}, or every rating would reopen` })
      .default(2),
  })
  .prefault({});

const MINUTE_IN_DAYS = 1 / 1440;
/** Calendar days, fractions allowed down to a minute (0.25 is six hours): demos and tests run a lifecycle in minutes. */
const days = () => z.number().refine((v) => v === 0 || v >= MINUTE_IN_DAYS, { error: 'Use at least one minute (1/1440 of a day) or 0' });

/** Day counts here are calendar days: they describe the customer's patience, not staff working time. */
export const lifecycleSchema = z
  .strictObject({
    /** A proposed solution the customer neither accepts nor rejects closes automatically after this many days. */
    autoCloseDays: days().pipe(z.number().positive()).default(7),
    /** A closed complaint can be reopened by the customer within this many days. */
    reopenWindowDays: days().pipe(z.number().nonnegative()).default(15),
    /** The follow-up visit or survey starts this many days after closing. */
    followUpAfterDays: days().pipe(z.number().nonnegative()).default(1),
    /**
     * Small desks investigate and handle in one step: proposeSolution then ends investigation directly and
     * round one skips the handling stage (findings are not recorded as an action of their own).
     */
    mergeInvestigationAndHandling: z.boolean().default(false),
    /** Owner of escalations and second rounds; when absent the supervisors of the current team take them. */
    escalationTeam: codeSchema.optional(),
    rounds: roundPolicySchema,
  })
  .prefault({});
export type LifecyclePolicy = z.infer<typeof lifecycleSchema>;
