import { categorySubtreeCodes, flattenCategories } from '../category-tree';
import { validateTenantConfig } from '../validate';
import { INDUSTRY_TEMPLATES } from './industry-templates';

const codes = Object.keys(INDUSTRY_TEMPLATES) as (keyof typeof INDUSTRY_TEMPLATES)[];

describe('industry templates', () => {
  it.each(codes)('the %s template passes validation unchanged', (code) => {
    const config = INDUSTRY_TEMPLATES[code].create();
    const result = validateTenantConfig(config);
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.config).toEqual(config);
  });

  it.each(codes)('the %s template returns a fresh object on every call', (code) => {
    const first = INDUSTRY_TEMPLATES[code].create();
    first.teams.push({ code: 'scratch', name: { 'zh-CN': '临时', en: 'Scratch' } });
    first.businessCalendar.holidays.push('2027-01-01');
    first.businessCalendar.weeklyHours.mon.push({ start: '20:00', end: '21:00' });
    const second = INDUSTRY_TEMPLATES[code].create();
    expect(second.teams.map((t) => t.code)).not.toContain('scratch');
    expect(second.businessCalendar.holidays).not.toContain('2027-01-01');
    expect(second.businessCalendar.weeklyHours.mon).not.toContainEqual({ start: '20:00', end: '21:00' });
  });

  it.each(codes)('the %s template has a two-level category tree and bilingual email and SMS messages', (code) => {
    const config = INDUSTRY_TEMPLATES[code].create();
    expect(Math.max(...flattenCategories(config.categories).map((c) => c.depth))).toBeGreaterThanOrEqual(1);
    expect(config.businessCalendar.timeZone).toBe('Asia/Shanghai');
    for (const channel of ['email', 'sms'] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const found = config.notificationTemplates.filter((t) => t.channel === channel && t.locale === locale);
        expect(found.map((t) => t.event)).toEqual(expect.arrayContaining(['complaint.accepted', 'solution.proposed']));
      }
    }
  });

  it('gives e-commerce the product-quality and logistics subtrees from the seeds', () => {
    const tree = INDUSTRY_TEMPLATES.ecommerce.create().categories;
    expect(categorySubtreeCodes(tree, 'product_quality')).toEqual(expect.arrayContaining(['functional_defect', 'cosmetic_flaw']));
    expect(categorySubtreeCodes(tree, 'logistics')).toEqual(expect.arrayContaining(['late_delivery', 'damaged_parcel']));
  });

  it('gives financial services fraud and mis-selling categories routed to specialist teams', () => {
    const config = INDUSTRY_TEMPLATES.financial_services.create();
    const flat = flattenCategories(config.categories);
    expect(flat.find((c) => c.code === 'fraud')?.defaultTeam).toBe('fraud_response');
    expect(flat.find((c) => c.code === 'mis_selling')?.defaultTeam).toBe('compliance');
  });

  it('uses the example accepted message from the brief in Chinese SMS-style wording', () => {
    const accepted = INDUSTRY_TEMPLATES.general
      .create()
      .notificationTemplates.find((t) => t.event === 'complaint.accepted' && t.channel === 'sms' && t.locale === 'zh-CN');
    expect(accepted?.body).toContain('您的投诉 {{number}} 已受理，预计 {{dueAt}} 前给出方案');
  });
});
