import { z } from 'zod';
import { localizedTextSchema } from './localized-text';

/** The lifecycle from the seeds; the complaint workflow walks the enabled stages in exactly this order. */
export const DEFAULT_STAGE_ORDER = [
  'intake',
  'investigation',
  'handling',
  'review',
  'feedback',
  'followup',
  'archive',
] as const;
export type StageCode = (typeof DEFAULT_STAGE_ORDER)[number];
export const stageCodeSchema = z.enum(DEFAULT_STAGE_ORDER);

/**
 * Only approval and the follow-up visit may be switched off tenant-wide: without the others a complaint
 * cannot be recorded, investigated, answered or closed.
 */
export const OPTIONAL_STAGES: readonly StageCode[] = ['review', 'followup'];

/** Archive ends the lifecycle; nothing is due after it, so it carries no SLA. */
export const STAGES_WITH_SLA: readonly StageCode[] = DEFAULT_STAGE_ORDER.filter((code) => code !== 'archive');

export function isOptionalStage(code: StageCode): boolean {
  return OPTIONAL_STAGES.includes(code);
}

export const stageSchema = z.strictObject({
  code: stageCodeSchema,
  name: localizedTextSchema,
  optional: z.boolean(),
  enabled: z.boolean(),
});
export type Stage = z.infer<typeof stageSchema>;
