import type { Stage } from '../schema/stage';

export function defaultStages(): Stage[] {
  return [
    { code: 'intake', name: { 'zh-CN': '受理登记', en: 'Intake' }, optional: false, enabled: true },
    { code: 'investigation', name: { 'zh-CN': '调查核实', en: 'Investigation' }, optional: false, enabled: true },
    { code: 'handling', name: { 'zh-CN': '处理方案', en: 'Handling' }, optional: false, enabled: true },
    { code: 'review', name: { 'zh-CN': '审核审批', en: 'Review and approval' }, optional: true, enabled: true },
    { code: 'feedback', name: { 'zh-CN': '答复客户', en: 'Feedback to customer' }, optional: false, enabled: true },
    { code: 'followup', name: { 'zh-CN': '回访', en: 'Follow-up' }, optional: true, enabled: true },
    { code: 'archive', name: { 'zh-CN': '归档', en: 'Archive' }, optional: false, enabled: true },
  ];
}
