import { PERMISSIONS, type Role } from '../schema/permission';

/** The five roles named in the seeds, plus the tenant administrator who holds every permission. */
export function defaultRoles(): Role[] {
  return [
    {
      code: 'intake_clerk',
      name: { 'zh-CN': '受理员', en: 'Intake clerk' },
      permissions: ['complaint.read', 'complaint.create', 'complaint.assign', 'comment.internal', 'comment.customer'],
    },
    {
      code: 'handler',
      name: { 'zh-CN': '处理专员', en: 'Handler' },
      permissions: ['complaint.read', 'complaint.handle', 'comment.internal', 'comment.customer'],
    },
    {
      code: 'supervisor',
      name: { 'zh-CN': '审核主管', en: 'Supervisor' },
      permissions: [
        'complaint.read',
        'complaint.create',
        'complaint.assign',
        'complaint.handle',
        'complaint.approve',
        'complaint.reopen',
        'comment.internal',
        'comment.customer',
        'analytics.read',
        'team.manage',
        'knowledge.manage',
      ],
    },
    {
      code: 'analyst',
      name: { 'zh-CN': '数据分析师', en: 'Analyst' },
      permissions: ['complaint.read', 'analytics.read'],
    },
    {
      code: 'followup_agent',
      name: { 'zh-CN': '回访员', en: 'Follow-up agent' },
      permissions: ['complaint.read', 'complaint.followup', 'complaint.archive', 'complaint.reopen', 'comment.internal', 'comment.customer'],
    },
    {
      code: 'tenant_admin',
      name: { 'zh-CN': '租户管理员', en: 'Tenant administrator' },
      permissions: [...PERMISSIONS],
    },
  ];
}
