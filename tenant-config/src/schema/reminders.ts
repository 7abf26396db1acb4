import { z } from 'zod';

/** Reminders fire when this share of a stage's SLA has elapsed. */
export const remindersSchema = z
  .strictObject({
    fractions: z
      .array(
        z
          .number()
          .gt(0, { error: 'A reminder fraction must be greater than 0 (the stage start)' })
          .lt(1, { error: 'A reminder fraction must be less than 1 (the deadline itself is the breach)' }),
      )
      .default([0.5, 0.8]),
  })
  .prefault({});
export type ReminderPolicy = z.infer<typeof remindersSchema>;
