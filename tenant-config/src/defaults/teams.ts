import type { CustomerTier } from '../schema/channel';
import type { Team } from '../schema/team';

export function defaultTeams(): Team[] {
  return [
    { code: 'frontline', name: { 'zh-CN': '一线客服组', en: 'Frontline' } },
    { code: 'quality', name: { 'zh-CN': '质量管理组', en: 'Quality' } },
    { code: 'escalation', name: { 'zh-CN': '升级处理组', en: 'Escalation' } },
  ];
}

export function defaultCustomerTiers(): CustomerTier[] {
  return [
    { code: 'standard', name: { 'zh-CN': '普通客户', en: 'Standard' } },
    { code: 'vip', name: { 'zh-CN': 'VIP客户', en: 'VIP' } },
  ];
}
