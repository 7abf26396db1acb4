import { z } from 'zod';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

export interface CategoryNode {
  code: string;
  name: { 'zh-CN': string; en: string };
  /** Pre-selected at intake for complaints in this category; staff may still change it. */
  defaultSeverity?: string | undefined;
  defaultTeam?: string | undefined;
  /** Retired categories stay in the tree so old complaints keep their classification; intake hides them. */
  retired?: boolean | undefined;
  children?: CategoryNode[] | undefined;
}

export const categoryNodeSchema: z.ZodType<CategoryNode> = z.lazy(() =>
  z.strictObject({
    code: codeSchema,
    name: localizedTextSchema,
    defaultSeverity: codeSchema.optional(),
    defaultTeam: codeSchema.optional(),
    retired: z.boolean().optional(),
    children: z.array(categoryNodeSchema).optional(),
  }),
);
