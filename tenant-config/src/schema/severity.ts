import { z } from 'zod';
import { businessMinutesSchema, codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

export const severitySchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
  firstResponseMinutes: businessMinutesSchema,
  resolutionMinutes: businessMinutesSchema,
  /** Major complaints start the emergency plan: the supervisor is paged at intake, not at the first breach. */
  pagesSupervisor: z.boolean(),
});
export type Severity = z.infer<typeof severitySchema>;
