import { categoryLineage } from './category-tree';
import type { Channel } from './schema/channel';
import type { RoutingRule } from './schema/routing-rule';
import type { TenantConfig } from './schema/tenant-config';

export interface RoutingFacts {
  category: string;
  severity: string;
  channel: Channel;
  /** When unknown, only rules that do not constrain the tier can match. */
  customerTier?: string | undefined;
}

function allows<T>(accepted: readonly T[] | undefined, value: T | undefined): boolean {
  return accepted === undefined || (value !== undefined && accepted.includes(value));
}

/**
 * The rule that decides where a new complaint goes: the first matching rule by ascending priority, ties
 * broken by list order; undefined when none matches (the caller then leaves the complaint unassigned).
 * A rule on a category matches that category's whole subtree.
 */
export function matchRoutingRule(config: TenantConfig, facts: RoutingFacts): RoutingRule | undefined {
  const lineage = categoryLineage(config.categories, facts.category) ?? [facts.category];
  const byPriority = [...config.routingRules].sort((a, b) => a.priority - b.priority);
  return byPriority.find(
    ({ match }) =>
      (match.categories === undefined || match.categories.some((code) => lineage.includes(code))) &&
      allows(match.severities, facts.severity) &&
      allows(match.channels, facts.channel) &&
      allows(match.customerTiers, facts.customerTier),
  );
}
