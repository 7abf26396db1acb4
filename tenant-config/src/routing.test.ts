import { defaultTenantConfig } from './defaults/default-config';
import { matchRoutingRule } from './routing';
import type { TenantConfig } from './schema/tenant-config';
import { ecommerceTemplate } from './templates/ecommerce';

describe('matchRoutingRule', () => {
  const shop = ecommerceTemplate();
  const facts = { category: 'cosmetic_flaw', severity: 'general', channel: 'web', customerTier: 'standard' } as const;

  it('matches a rule on a parent category for a complaint in its subtree', () => {
    expect(matchRoutingRule(shop, { ...facts, category: 'damaged_parcel' })?.id).toBe('logistics-desk');
  });

  it('prefers the lowest priority number: a VIP beats the category rule', () => {
    expect(matchRoutingRule(shop, { ...facts, category: 'late_delivery', customerTier: 'vip' })?.id).toBe('vip-first');
  });

  it('requires every criterion of a rule to match', () => {
    // The PR-lead rule needs both the social channel and major severity.
    expect(matchRoutingRule(shop, { ...facts, channel: 'social', severity: 'major' })?.target).toEqual({
      user: 'pr.lead@example.com',
    });
    expect(matchRoutingRule(shop, { ...facts, channel: 'social' })?.id).toBe('quality-team');
  });

  it('falls through to the catch-all rule', () => {
    expect(matchRoutingRule(shop, { ...facts, category: 'coupon_issue' })?.id).toBe('everything-else');
  });

  it('skips tier-specific rules when the customer tier is unknown', () => {
    expect(matchRoutingRule(shop, { category: 'late_delivery', severity: 'general', channel: 'app' })?.id).toBe('logistics-desk');
  });

  it('evaluates by priority regardless of list order, keeping list order for ties', () => {
    const config: TenantConfig = {
      ...defaultTenantConfig(),
      routingRules: [
        { id: 'late', priority: 5, match: {}, target: { team: 'quality' }, strategy: 'round_robin' },
        { id: 'tie-first', priority: 1, match: {}, target: { team: 'frontline' }, strategy: 'round_robin' },
        { id: 'tie-second', priority: 1, match: {}, target: { team: 'escalation' }, strategy: 'round_robin' },
      ],
    };
    expect(matchRoutingRule(config, facts)?.id).toBe('tie-first');
    expect(config.routingRules[0]?.id).toBe('late');
  });

  it('returns undefined when no rule matches', () => {
    const config: TenantConfig = { ...defaultTenantConfig(), routingRules: [] };
    expect(matchRoutingRule(config, facts)).toBeUndefined();
  });
});
