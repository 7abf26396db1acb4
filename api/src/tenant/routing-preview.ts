import { Field, InputType, ObjectType } from 'type-graphql';
import { flattenCategories, matchRoutingRule, type Channel, type TenantConfig } from '@complaints/tenant-config';
import { ChannelEnum } from '../complaint/complaint.enums';

@InputType({ description: 'A sample complaint for "who would get this?"' })
export class RoutingSampleInput {
  @Field(() => String, { nullable: true }) categoryCode?: string | null;
  @Field(() => String) severity!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { nullable: true }) customerTier?: string | null;
}

@ObjectType()
export class RoutingPreview {
  @Field(() => String, { nullable: true, description: 'The matching rule, if any' }) ruleId!: string | null;
  @Field(() => String, { nullable: true }) teamCode!: string | null;
  @Field(() => String, { nullable: true, description: 'A named user the rule targets' }) userEmail!: string | null;
  @Field(() => String, { nullable: true }) strategy!: string | null;
  @Field(() => String, { description: 'Why, in words' }) explanation!: string;
}

/** The same decision intake makes: first matching rule by priority, else the category's default team. */
export function previewRouting(config: TenantConfig, sample: RoutingSampleInput): RoutingPreview {
  const rule = matchRoutingRule(config, {
    category: sample.categoryCode ?? '',
    severity: sample.severity,
    channel: sample.channel,
    customerTier: sample.customerTier ?? undefined,
  });
  if (rule) {
    const target = rule.target.user ?? rule.target.team ?? '';
    return {
      ruleId: rule.id,
      teamCode: rule.target.team ?? null,
      userEmail: rule.target.user ?? null,
      strategy: rule.strategy,
      explanation: `Rule ${rule.id} (priority ${rule.priority}) sends it to ${target} by ${rule.strategy}`,
    };
  }
  const category = sample.categoryCode ? flattenCategories(config.categories).find((c) => c.code === sample.categoryCode) : undefined;
  if (category?.defaultTeam) {
    return {
      ruleId: null,
      teamCode: category.defaultTeam,
      userEmail: null,
      strategy: null,
      explanation: `No rule matches; category ${category.code} defaults to team ${category.defaultTeam}`,
    };
  }
  return {
    ruleId: null,
    teamCode: null,
    userEmail: null,
    strategy: null,
    explanation: 'No rule matches and the category has no default team: it stays unassigned',
  };
}
