import { z } from 'zod';
import { CHANNELS, type Channel } from '../lifecycle-contract/closed-sets';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

export { CHANNELS, type Channel };
export const channelSchema = z.enum(CHANNELS);

/** Customer tiers are tenant-defined (the seeds route VIPs first); `standard` and `vip` are the defaults. */
export const customerTierSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
});
export type CustomerTier = z.infer<typeof customerTierSchema>;
