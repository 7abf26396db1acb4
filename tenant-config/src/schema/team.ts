import { z } from 'zod';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

export const teamSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
});
export type Team = z.infer<typeof teamSchema>;
