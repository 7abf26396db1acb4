import { defaultTenantConfig } from '../defaults/default-config';
import type { LocalizedText } from '../schema/localized-text';
import type { TenantConfig } from '../schema/tenant-config';
import { ecommerceTemplate } from './ecommerce';
import { financialServicesTemplate } from './financial-services';

export interface IndustryTemplate {
  name: LocalizedText;
  /** Builds a fresh configuration, so a new tenant can edit it without touching the template. */
  create: () => TenantConfig;
}

/** Starting points offered when a tenant signs up. */
export const INDUSTRY_TEMPLATES = {
  general: { name: { 'zh-CN': '通用', en: 'General' }, create: defaultTenantConfig },
  ecommerce: { name: { 'zh-CN': '电商零售', en: 'E-commerce' }, create: ecommerceTemplate },
  financial_services: { name: { 'zh-CN': '金融服务', en: 'Financial services' }, create: financialServicesTemplate },
} as const satisfies Record<string, IndustryTemplate>;

export type IndustryTemplateCode = keyof typeof INDUSTRY_TEMPLATES;
