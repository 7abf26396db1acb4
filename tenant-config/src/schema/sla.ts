import { z } from 'zod';
import { businessMinutesSchema } from './code';
import { stageCodeSchema } from './stage';

/** Business minutes allowed per stage (outer key) and severity code (inner key). */
export const slaSchema = z.partialRecord(stageCodeSchema, z.record(z.string(), businessMinutesSchema));
export type SlaTable = z.infer<typeof slaSchema>;
