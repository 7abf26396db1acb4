import { CHINA_2026_HOLIDAYS } from '../defaults/china-calendar';
import { defaultTenantConfig } from '../defaults/default-config';
import { standardNotificationTemplates } from '../defaults/notification-templates';
import type { CategoryNode } from '../schema/category';
import type { TenantConfig } from '../schema/tenant-config';

function ecommerceCategories(): CategoryNode[] {
  return [
    {
      code: 'product_quality',
      name: { 'zh-CN': '商品质量', en: 'Product quality' },
      defaultTeam: 'quality',
      children: [
        { code: 'functional_defect', name: { 'zh-CN': '功能缺陷', en: 'Functional defect' }, defaultSeverity: 'urgent' },
        { code: 'cosmetic_flaw', name: { 'zh-CN': '外观瑕疵', en: 'Cosmetic flaw' } },
        { code: 'counterfeit', name: { 'zh-CN': '疑似假货', en: 'Suspected counterfeit' }, defaultSeverity: 'major' },
        { code: 'safety_hazard', name: { 'zh-CN': '安全隐患', en: 'Safety hazard' }, defaultSeverity: 'major' },
      ],
    },
    {
      code: 'logistics',
      name: { 'zh-CN': '物流配送', en: 'Logistics' },
      defaultTeam: 'logistics',
      children: [
        { code: 'late_delivery', name: { 'zh-CN': '配送延迟', en: 'Late delivery' } },
        { code: 'damaged_parcel', name: { 'zh-CN': '包裹破损', en: 'Damaged parcel' } },
        { code: 'lost_parcel', name: { 'zh-CN': '包裹丢失', en: 'Lost parcel' }, defaultSeverity: 'urgent' },
        { code: 'wrong_item', name: { 'zh-CN': '错发漏发', en: 'Wrong or missing item' } },
      ],
    },
    {
      code: 'after_sales',
      name: { 'zh-CN': '售后服务', en: 'After-sales' },
      children: [
        { code: 'return_refused', name: { 'zh-CN': '退换货被拒', en: 'Return refused' } },
        { code: 'refund_delay', name: { 'zh-CN': '退款延迟', en: 'Refund delay' } },
        { code: 'repair_service', name: { 'zh-CN': '维修服务', en: 'Repair service' } },
      ],
    },
    {
      code: 'pricing',
      name: { 'zh-CN': '价格与促销', en: 'Pricing and promotions' },
      children: [
        { code: 'price_protection', name: { 'zh-CN': '价格保护', en: 'Price protection' } },
        { code: 'coupon_issue', name: { 'zh-CN': '优惠券问题', en: 'Coupon problem' } },
        { code: 'misleading_promotion', name: { 'zh-CN': '虚假促销', en: 'Misleading promotion' } },
      ],
    },
    {
      code: 'customer_service',
      name: { 'zh-CN': '客服态度', en: 'Customer service' },
      children: [{ code: 'rude_staff', name: { 'zh-CN': '服务态度差', en: 'Rude staff' } }],
    },
    // Kept for complaints filed under it before the promotions category replaced it.
    { code: 'flash_sale', name: { 'zh-CN': '秒杀活动', en: 'Flash sale' }, retired: true },
  ];
}

/** An online shop with 7-day customer care, a logistics desk and frontline refunds up to CNY 200. */
export function ecommerceTemplate(): TenantConfig {
  const base = defaultTenantConfig();
  const longDay = [{ start: '09:00', end: '22:00' }];
  return {
    ...base,
    categories: ecommerceCategories(),
    teams: [
      ...base.teams,
      { code: 'logistics', name: { 'zh-CN': '物流客服组', en: 'Logistics desk' } },
      { code: 'vip_care', name: { 'zh-CN': 'VIP专属客服', en: 'VIP care' } },
    ],
    routingRules: [
      {
        id: 'vip-first',
        priority: 10,
        match: { customerTiers: ['vip'] },
        target: { team: 'vip_care' },
        strategy: 'least_loaded',
      },
      {
        id: 'public-major-to-pr-lead',
        priority: 15,
        match: { channels: ['social'], severities: ['major'] },
        target: { user: 'pr.lead@example.com' },
        strategy: 'round_robin',
      },
      {
        id: 'major-to-escalation',
        priority: 20,
        match: { severities: ['major'] },
        target: { team: 'escalation' },
        strategy: 'least_loaded',
      },
      {
        id: 'logistics-desk',
        priority: 30,
        match: { categories: ['logistics'] },
        target: { team: 'logistics' },
        strategy: 'round_robin',
      },
      {
        id: 'quality-team',
        priority: 40,
        match: { categories: ['product_quality'] },
        target: { team: 'quality' },
        strategy: 'least_loaded',
      },
      { id: 'everything-else', priority: 1000, match: {}, target: { team: 'frontline' }, strategy: 'round_robin' },
    ],
    businessCalendar: {
      timeZone: 'Asia/Shanghai',
      weeklyHours: {
        mon: longDay,
        tue: longDay,
        wed: longDay,
        thu: longDay,
        fri: longDay,
        sat: [{ start: '10:00', end: '18:00' }],
        sun: [{ start: '10:00', end: '18:00' }],
      },
      // Online shops stay open through the statutory holidays except the first days of Spring Festival.
      holidays: CHINA_2026_HOLIDAYS.filter((date) => date >= '2026-02-16' && date <= '2026-02-18'),
      workdays: [],
    },
    approval: { compensationThreshold: 200, currency: 'CNY', alwaysRequireForSeverities: ['major'] },
    notificationTemplates: standardNotificationTemplates({ 'zh-CN': '商城客服中心', en: 'Shop Customer Care' }),
  };
}
