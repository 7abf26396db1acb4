import { z } from 'zod';

/** The locales every tenant-facing text must be written in; the seeds' tenants serve Chinese and English customers. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES);

const displayTextSchema = z.string().trim().min(1);

/** A name shown to people, in every supported locale (no silent fallback to a missing translation). */
export const localizedTextSchema = z.strictObject({
  'zh-CN': displayTextSchema,
  en: displayTextSchema,
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
