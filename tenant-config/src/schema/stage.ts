import { z } from 'zod';
import { OPTIONAL_STAGES, STAGES_WITH_SLA } from '../config-closed-sets';
import { DEFAULT_STAGE_ORDER, type StageCode } from '../lifecycle-contract/closed-sets';
import { localizedTextSchema } from './localized-text';

export { DEFAULT_STAGE_ORDER, OPTIONAL_STAGES, STAGES_WITH_SLA, type StageCode };
export const stageCodeSchema = z.enum(DEFAULT_STAGE_ORDER);

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
