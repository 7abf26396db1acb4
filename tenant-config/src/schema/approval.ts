import { z } from 'zod';
import { codeSchema } from './code';

/** Frontline staff are empowered below the threshold; above it (or for listed severities) a supervisor approves. */
export const approvalSchema = z.strictObject({
  /** Compensation strictly above this amount needs approval. */
  compensationThreshold: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "Use a three-letter ISO 4217 currency code such as 'CNY'" }),
  alwaysRequireForSeverities: z.array(codeSchema).default([]),
});
export type ApprovalPolicy = z.infer<typeof approvalSchema>;
