/** A realistic tenant configuration for screenshots and UI smoke runs without the API. */
const t = (zh, en) => ({ 'zh-CN': zh, en });
const day = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

export const demoConfig = {
  defaultLocale: 'zh-CN',
  severities: [
    { code: 'general', name: t('一般', 'General'), firstResponseMinutes: 1440, resolutionMinutes: 7200, pagesSupervisor: false },
    { code: 'urgent', name: t('紧急', 'Urgent'), firstResponseMinutes: 240, resolutionMinutes: 1440, pagesSupervisor: false },
    { code: 'major', name: t('重大', 'Major'), firstResponseMinutes: 60, resolutionMinutes: 480, pagesSupervisor: true },
  ],
  categories: [
    {
      code: 'product_quality',
      name: t('产品质量', 'Product quality'),
      defaultSeverity: 'urgent',
      defaultTeam: 'after_sales',
      children: [
        { code: 'functional_defect', name: t('功能缺陷', 'Functional defect'), defaultSeverity: 'urgent' },
        { code: 'cosmetic_flaw', name: t('外观瑕疵', 'Cosmetic flaw'), defaultSeverity: 'general' },
      ],
    },
    {
      code: 'logistics',
      name: t('物流配送', 'Logistics'),
      defaultTeam: 'logistics',
      children: [
        { code: 'late_delivery', name: t('延迟送达', 'Late delivery') },
        { code: 'damaged_parcel', name: t('包裹破损', 'Damaged parcel'), defaultSeverity: 'urgent' },
      ],
    },
    { code: 'service_attitude', name: t('服务态度', 'Service attitude'), defaultSeverity: 'general' },
    { code: 'legacy_promo', name: t('旧版促销活动', 'Legacy promotion'), retired: true },
  ],
  stages: [
    { code: 'intake', name: t('受理登记', 'Intake'), optional: false, enabled: true },
    { code: 'investigation', name: t('调查核实', 'Investigation'), optional: false, enabled: true },
    { code: 'handling', name: t('方案处理', 'Handling'), optional: false, enabled: true },
    { code: 'review', name: t('审核审批', 'Review'), optional: true, enabled: true },
    { code: 'feedback', name: t('反馈客户', 'Feedback'), optional: false, enabled: true },
    { code: 'followup', name: t('回访', 'Follow-up'), optional: true, enabled: true },
    { code: 'archive', name: t('归档', 'Archive'), optional: false, enabled: true },
  ],
  sla: {
    intake: { general: 10, urgent: 10, major: 5 },
    investigation: { general: 1440, urgent: 240, major: 60 },
    handling: { general: 1440, urgent: 480, major: 120 },
    review: { general: 240, urgent: 120, major: 30 },
    feedback: { general: 1440, urgent: 240, major: 60 },
    followup: { general: 1620, urgent: 1620, major: 540 },
  },
  roles: [
    { code: 'intake_clerk', name: t('受理员', 'Intake clerk'), permissions: ['complaint.read', 'complaint.create', 'comment.internal'] },
    { code: 'handler', name: t('处理专员', 'Handler'), permissions: ['complaint.read', 'complaint.handle', 'comment.internal', 'comment.customer'] },
    {
      code: 'supervisor',
      name: t('审核主管', 'Supervisor'),
      permissions: ['complaint.read', 'complaint.assign', 'complaint.approve', 'complaint.reopen', 'comment.internal', 'comment.customer'],
    },
    { code: 'analyst', name: t('数据分析师', 'Analyst'), permissions: ['complaint.read', 'analytics.read'] },
    {
      code: 'admin',
      name: t('租户管理员', 'Tenant admin'),
      permissions: ['complaint.read', 'tenant.configure', 'user.manage', 'team.manage', 'apikey.manage'],
    },
  ],
  teams: [
    { code: 'after_sales', name: t('售后一组', 'After-sales team') },
    { code: 'logistics', name: t('物流组', 'Logistics team') },
  ],
  customerTiers: [
    { code: 'standard', name: t('普通', 'Standard') },
    { code: 'vip', name: t('VIP', 'VIP') },
  ],
  routingRules: [],
  businessCalendar: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: '10:00', end: '16:00' }], sun: [] },
    holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
    workdays: ['2026-10-11'],
  },
  approval: { compensationThreshold: 200, currency: 'CNY', alwaysRequireForSeverities: ['major'] },
  reminders: { fractions: [0.5, 0.8] },
  lifecycle: {
    autoCloseDays: 7,
    reopenWindowDays: 15,
    followUpAfterDays: 1,
    rounds: { max: 3, slaFactor: 0.5, unhappyRatingThreshold: 2 },
  },
  notificationTemplates: [
    { event: 'complaint.accepted', channel: 'sms', locale: 'zh-CN', body: '【{{tenantName}}】您的投诉 {{number}} 已受理，我们将在 {{dueAt}} 前给出处理方案。' },
    { event: 'complaint.accepted', channel: 'sms', locale: 'en', body: '[{{tenantName}}] Complaint {{number}} is accepted; a solution is due by {{dueAt}}.' },
    {
      event: 'complaint.accepted',
      channel: 'email',
      locale: 'zh-CN',
      subject: '投诉 {{number}} 已受理',
      body: '{{customerName}} 您好：\n\n您的投诉已受理，处理进度可在 {{portalUrl}} 查看。',
    },
  ],
};
