import { z } from 'zod';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

/** Intake channels from the seeds plus `api` for third-party frontends; fixed because the API stores them. */
export const CHANNELS = ['phone', 'chat', 'email', 'social', 'store', 'app', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelSchema = z.enum(CHANNELS);

/** Customer tiers are tenant-defined (the seeds route VIPs first); `standard` and `vip` are the defaults. */
export const customerTierSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
});
export type CustomerTier = z.infer<typeof customerTierSchema>;
