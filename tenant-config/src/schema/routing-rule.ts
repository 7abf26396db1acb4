import { z } from 'zod';
import { codeSchema } from './code';
import { ROUTING_STRATEGIES, type RoutingStrategy } from '../config-closed-sets';
import { channelSchema } from './channel';

export { ROUTING_STRATEGIES, type RoutingStrategy };

/** An empty list would read as "matches nothing" to some and "matches anything" to others; omit it instead. */
function criterion<T extends z.ZodType>(item: T) {
  return z.array(item).min(1, { error: 'Leave this criterion out to match anything; an empty list is ambiguous' }).optional();
}

export const routingRuleSchema = z.strictObject({
  id: codeSchema,
  /** Lower numbers are tried first; equal priorities keep their order in the list. */
  priority: z.number().int(),
  match: z.strictObject({
    /** A category matches its whole subtree: "logistics" also catches "late_delivery". */
    categories: criterion(codeSchema),
    severities: criterion(codeSchema),
    channels: criterion(channelSchema),
    customerTiers: criterion(codeSchema),
  }),
  target: z.strictObject({
    team: codeSchema.optional(),
    user: z.email({ error: 'Must be the email address of a staff user, like name@example.com' }).optional(),
  }),
  strategy: z.enum(ROUTING_STRATEGIES),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;
