import { z } from 'zod';
import { DEFAULT_STAGE_ORDER, type StageCode } from '../lifecycle-contract/closed-sets';
import { localizedTextSchema } from './localized-text';

export { DEFAULT_STAGE_ORDER, type StageCode };
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
