import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { INDUSTRY_TEMPLATES, isValidTimeZone, LOCALES, type Locale, type TenantConfig } from '@complaints/tenant-config';
import type { AuditActor, AuditLog } from '../audit/audit-log.service';
import { hashPassword } from '../identity/password';
import { User } from '../identity/user.entity';
import { enterTenant } from '../platform/db/tenant-scope';
import { badInput, conflict, type FieldError } from '../platform/errors';
import type { TenantConfigService } from '../tenant/tenant-config.service';
import type { Tenant } from '../tenant/tenant.entity';
import type { InvitationService } from './invitation.service';
import { planExists } from './plans';

/** What the operator offers; `blank` is tenant-config's general default configuration. */
export const TENANT_TEMPLATES = { ecommerce: 'ecommerce', financial_services: 'financial_services', blank: 'general' } as const;
export type TenantTemplate = keyof typeof TENANT_TEMPLATES;

export interface NewTenant {
  slug: string;
  displayNameZh: string;
  displayNameEn: string;
  timeZone: string;
  locale: string;
  template: TenantTemplate;
  planCode?: string | null;
  adminEmail: string;
  adminName: string;
}

/** Lower-case letters, digits and inner hyphens, 3–40 characters: it goes into URLs and sign-in forms. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_NAME = 100;

function inputErrors(input: NewTenant): FieldError[] {
  const errors: FieldError[] = [];
  if (!SLUG.test(input.slug)) errors.push({ path: 'input.slug', message: 'slug must be 3–40 lower-case letters, digits or inner hyphens' });
  for (const field of ['displayNameZh', 'displayNameEn', 'adminName'] as const) {
    const value = input[field].trim();
    if (!value || value.length > MAX_NAME) errors.push({ path: `input.${field}`, message: `${field} must be 1–${MAX_NAME} characters` });
  }
  if (!isValidTimeZone(input.timeZone)) errors.push({ path: 'input.timeZone', message: `Unknown time zone "${input.timeZone}"` });
  if (!(LOCALES as readonly string[]).includes(input.locale)) errors.push({ path: 'input.locale', message: `locale must be one of ${LOCALES.join(', ')}` });
  if (!EMAIL.test(input.adminEmail.trim()) || input.adminEmail.length > 254) errors.push({ path: 'input.adminEmail', message: 'Not an email address' });
  return errors;
}

/** The template's configuration in the tenant's locale and time zone. */
function initialConfig(input: NewTenant): TenantConfig {
  const config = INDUSTRY_TEMPLATES[TENANT_TEMPLATES[input.template]].create();
  return { ...config, defaultLocale: input.locale as Locale, businessCalendar: { ...config.businessCalendar, timeZone: input.timeZone } };
}

/** The role that can configure the tenant and manage its users: the first admin gets it. */
function adminRoleOf(config: TenantConfig): string {
  const role = config.roles.find((r) => r.permissions.includes('tenant.configure') && r.permissions.includes('user.manage'));
  if (!role) throw new Error('The industry template has no administrator role');
  return role.code;
}

/**
 * Creates a tenant in one transaction, the caller's: the tenant row, its first configuration version, its first
 * admin (without a usable password until the invitation is accepted), the invitation and the audit entries;
 * the invitation email goes last, so a failed send rolls everything back.
 */
export class TenantProvisioning {
  constructor(
    private readonly tenantConfig: TenantConfigService,
    private readonly invitations: InvitationService,
    private readonly audit: AuditLog,
  ) {}

  async create(em: EntityManager, actor: AuditActor, raw: NewTenant): Promise<Tenant> {
    const input = { ...raw, slug: raw.slug.trim().toLowerCase(), adminEmail: raw.adminEmail.trim().toLowerCase() };
    const errors = inputErrors(input);
    const planCode = input.planCode ?? 'standard';
    if (!(await planExists(em, planCode))) errors.push({ path: 'input.planCode', message: `Unknown plan "${planCode}"; the plans query lists them` });
    if (errors.length) throw badInput(errors);
    const [taken] = await em.execute<{ id: string }[]>('select id from auth_tenant_by_slug(?)', [input.slug]);
    if (taken) throw conflict(`The slug "${input.slug}" is taken`);

    const config = initialConfig(input);
    const id = randomUUID();
    // Entered before the insert: the tenants policy's check admits exactly this one new row.
    const scope = await enterTenant(em, id);
    const tenant = await this.tenantConfig.createTenant(em, input.slug, input.displayNameEn.trim(), config, {
      id,
      displayNameZh: input.displayNameZh.trim(),
      displayNameEn: input.displayNameEn.trim(),
      industryTemplate: input.template,
      planCode,
    });
    const admin = em.create(User, {
      tenantId: id,
      email: input.adminEmail,
      displayName: input.adminName.trim(),
      roles: [adminRoleOf(config)],
      teams: [],
      // Nobody knows this password: the admin signs in once the invitation has set a real one.
      passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
      active: true,
    });
    await em.flush();
    const { invitation, link } = await this.invitations.issue(scope, admin.id);
    const summary = { slug: tenant.slug, displayNameZh: tenant.displayNameZh, displayNameEn: tenant.displayNameEn, template: input.template, planCode };
    await this.audit.record(scope, actor, { action: 'tenant_created', targetType: 'tenant', targetId: id, after: { ...summary, adminEmail: admin.email } });
    await this.audit.record(scope, actor, {
      action: 'tenant_config_saved',
      targetType: 'tenant_config_version',
      targetId: '1',
      after: { version: 1, template: input.template },
    });
    await this.audit.record(scope, actor, {
      action: 'user_created',
      targetType: 'user',
      targetId: admin.id,
      after: { email: admin.email, roles: admin.roles, invited: true },
    });
    const name = input.locale === 'en' ? input.displayNameEn.trim() : input.displayNameZh.trim();
    await this.invitations.send(invitation, admin.email, name, input.locale as Locale, link);
    return tenant;
  }
}
