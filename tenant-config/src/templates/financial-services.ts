import { defaultTenantConfig } from '../defaults/default-config';
import { standardNotificationTemplates } from '../defaults/notification-templates';
import type { CategoryNode } from '../schema/category';
import type { TenantConfig } from '../schema/tenant-config';

function financialCategories(): CategoryNode[] {
  return [
    {
      code: 'card_services',
      name: { 'zh-CN': '银行卡服务', en: 'Card services' },
      children: [
        { code: 'card_fees', name: { 'zh-CN': '卡费争议', en: 'Card fees' } },
        { code: 'card_blocked', name: { 'zh-CN': '卡片冻结', en: 'Card blocked' }, defaultSeverity: 'urgent' },
        { code: 'credit_limit', name: { 'zh-CN': '信用额度', en: 'Credit limit' } },
      ],
    },
    {
      code: 'loans',
      name: { 'zh-CN': '贷款业务', en: 'Loans' },
      children: [
        { code: 'interest_dispute', name: { 'zh-CN': '利息费用争议', en: 'Interest dispute' } },
        { code: 'loan_application', name: { 'zh-CN': '贷款审批', en: 'Loan application' } },
        { code: 'debt_collection', name: { 'zh-CN': '催收行为', en: 'Debt collection conduct' }, defaultSeverity: 'urgent', defaultTeam: 'compliance' },
      ],
    },
    {
      code: 'wealth_management',
      name: { 'zh-CN': '理财业务', en: 'Wealth management' },
      children: [
        { code: 'product_loss', name: { 'zh-CN': '理财产品亏损', en: 'Investment loss' } },
        { code: 'redemption_delay', name: { 'zh-CN': '赎回延迟', en: 'Redemption delay' } },
      ],
    },
    {
      code: 'mis_selling',
      name: { 'zh-CN': '销售误导', en: 'Mis-selling' },
      defaultSeverity: 'urgent',
      defaultTeam: 'compliance',
      children: [
        { code: 'insurance_mis_selling', name: { 'zh-CN': '保险误导销售', en: 'Insurance mis-selling' } },
        { code: 'risk_not_disclosed', name: { 'zh-CN': '风险未充分揭示', en: 'Risk not disclosed' } },
      ],
    },
    {
      code: 'fraud',
      name: { 'zh-CN': '欺诈与盗刷', en: 'Fraud' },
      defaultSeverity: 'major',
      defaultTeam: 'fraud_response',
      children: [
        { code: 'card_fraud', name: { 'zh-CN': '银行卡盗刷', en: 'Card fraud' } },
        { code: 'telecom_scam', name: { 'zh-CN': '电信诈骗', en: 'Phone and online scam' } },
        { code: 'identity_theft', name: { 'zh-CN': '冒名开户', en: 'Identity theft' } },
      ],
    },
    {
      code: 'digital_banking',
      name: { 'zh-CN': '电子银行', en: 'Digital banking' },
      children: [
        { code: 'app_outage', name: { 'zh-CN': '手机银行故障', en: 'App outage' } },
        { code: 'transfer_failed', name: { 'zh-CN': '转账失败', en: 'Failed transfer' }, defaultSeverity: 'urgent' },
      ],
    },
    {
      code: 'branch_service',
      name: { 'zh-CN': '网点服务', en: 'Branch service' },
      children: [
        { code: 'long_queue', name: { 'zh-CN': '排队时间长', en: 'Long queue' } },
        { code: 'staff_conduct', name: { 'zh-CN': '员工行为', en: 'Staff conduct' } },
      ],
    },
  ];
}

/**
 * A retail bank: fraud goes straight to a response team, mis-selling and collection conduct to compliance
 * (regulators look at both), every major case and any compensation above CNY 500 needs approval.
 */
export function financialServicesTemplate(): TenantConfig {
  const base = defaultTenantConfig();
  return {
    ...base,
    categories: financialCategories(),
    teams: [
      ...base.teams,
      { code: 'fraud_response', name: { 'zh-CN': '反欺诈小组', en: 'Fraud response' } },
      { code: 'compliance', name: { 'zh-CN': '合规部', en: 'Compliance' } },
      { code: 'private_banking', name: { 'zh-CN': '私人银行部', en: 'Private banking' } },
    ],
    routingRules: [
      { id: 'fraud', priority: 10, match: { categories: ['fraud'] }, target: { team: 'fraud_response' }, strategy: 'least_loaded' },
      {
        id: 'conduct-to-compliance',
        priority: 20,
        match: { categories: ['mis_selling', 'debt_collection'] },
        target: { team: 'compliance' },
        strategy: 'round_robin',
      },
      { id: 'major-to-escalation', priority: 30, match: { severities: ['major'] }, target: { team: 'escalation' }, strategy: 'least_loaded' },
      {
        id: 'vip-to-private-banking',
        priority: 40,
        match: { customerTiers: ['vip'] },
        target: { team: 'private_banking' },
        strategy: 'least_loaded',
      },
      { id: 'everything-else', priority: 1000, match: {}, target: { team: 'frontline' }, strategy: 'round_robin' },
    ],
    businessCalendar: {
      ...base.businessCalendar,
      weeklyHours: {
        ...base.businessCalendar.weeklyHours,
        // Branches open on Saturday mornings.
        sat: [{ start: '09:00', end: '12:00' }],
      },
      // Make-up workdays (调休) close an hour early, so they do not copy the Monday hours.
      workdayHours: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    },
    approval: { compensationThreshold: 500, currency: 'CNY', alwaysRequireForSeverities: ['major'] },
    lifecycle: { ...base.lifecycle, escalationTeam: 'compliance', reopenWindowDays: 30 },
    notificationTemplates: standardNotificationTemplates({ 'zh-CN': '客户服务中心（95xxx）', en: 'Customer Service Centre' }),
  };
}
