import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor, AuditLog } from '../audit/audit-log.service';
import { enterTenant, type TenantScope } from '../platform/db/tenant-scope';
import { badInput, conflict, notFound } from '../platform/errors';
import { Tenant, type TenantStatus } from '../tenant/tenant.entity';
import type { TenantStatusGate } from '../tenant/tenant-status';
import { planExists } from './plans';
import { isUuid } from '../platform/ids';

/** One tenant as the operator's list shows it. */
export interface TenantOverview {
  id: string;
  slug: string;
  name: string;
  displayNameZh: string | null;
  displayNameEn: string | null;
  status: TenantStatus;
  planCode: string;
  industryTemplate: string | null;
  createdAt: Date;
  statusChangedAt: Date | null;
  staffCount: number;
  complaintCount: number;
  openComplaintCount: number;
  lastActivityAt: Date | null;
}

interface OverviewRow {
  id: string;
  slug: string;
  name: string;
  display_name_zh: string | null;
  display_name_en: string | null;
  status: TenantStatus;
  plan_code: string;
  industry_template: string | null;
  /** Raw rows carry timestamps as text. */
  created_at: string;
  status_changed_at: string | null;
  staff_count: string;
  complaint_count: string;
  open_complaint_count: string;
  last_activity_at: string | null;
}

export interface TenantListFilter {
  search?: string | null;
  status?: TenantStatus | null;
}

export interface TenantPage {
  nodes: TenantOverview[];
  hasNextPage: boolean;
}

const overviewOf = (r: OverviewRow): TenantOverview => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  displayNameZh: r.display_name_zh,
  displayNameEn: r.display_name_en,
  status: r.status,
  planCode: r.plan_code,
  industryTemplate: r.industry_template,
  createdAt: new Date(r.created_at),
  statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at) : null,
  staffCount: Number(r.staff_count),
  complaintCount: Number(r.complaint_count),
  openComplaintCount: Number(r.open_complaint_count),
  lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at) : null,
});

export const tenantCursor = (t: TenantOverview): string => Buffer.from(JSON.stringify([t.createdAt.toISOString(), t.id])).toString('base64url');

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const time = new Date(at);
    if (!Number.isNaN(time.getTime()) && isUuid(id)) return [time, id];
  } catch {
    // falls through to the typed error
  }
  throw badInput([{ path: 'after', message: 'Malformed cursor' }]);
}

/** The operator's view and levers over all tenants: list, suspend, resume, change plan. Each change is audited in the tenant. */
export class TenantOperations {
  constructor(
    private readonly status: TenantStatusGate,
    private readonly audit: AuditLog,
  ) {}

  async list(em: EntityManager, filter: TenantListFilter, first: number, after?: string | null): Promise<TenantPage> {
    const [afterCreated, afterId] = after ? decodeCursor(after) : [null, null];
    const search = filter.search?.trim() ? filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`) : null;
    const rows = await em.execute<OverviewRow[]>('select * from operator_tenant_overview(null, ?, ?, ?, ?, ?)', [
      search,
      filter.status ?? null,
      afterCreated,
      afterId,
      first + 1,
    ]);
    return { nodes: rows.slice(0, first).map(overviewOf), hasNextPage: rows.length > first };
  }

  async one(em: EntityManager, tenantId: string): Promise<TenantOverview> {
    if (!isUuid(tenantId)) throw notFound('Tenant');
    const [row] = await em.execute<OverviewRow[]>('select * from operator_tenant_overview(?, null, null, null, null, 1)', [tenantId]);
    if (!row) throw notFound('Tenant');
    return overviewOf(row);
  }

  suspend(em: EntityManager, actor: AuditActor, tenantId: string, reason: string | null): Promise<TenantOverview> {
    return this.setStatus(em, actor, tenantId, 'suspended', reason);
  }

  resume(em: EntityManager, actor: AuditActor, tenantId: string): Promise<TenantOverview> {
    return this.setStatus(em, actor, tenantId, 'active', null);
  }

  async changePlan(em: EntityManager, actor: AuditActor, tenantId: string, planCode: string): Promise<TenantOverview> {
    const { tenant, scope } = await this.enter(em, tenantId);
    if (!(await planExists(em, planCode))) throw badInput([{ path: 'planCode', message: `Unknown plan "${planCode}"` }]);
    const before = tenant.planCode;
    if (before !== planCode) {
      await em.nativeUpdate(Tenant, { id: tenantId }, { planCode });
      await this.audit.record(scope, actor, {
        action: 'tenant_plan_changed',
        targetType: 'tenant',
        targetId: tenantId,
        before: { planCode: before },
        after: { planCode },
      });
    }
    return this.one(em, tenantId);
  }

  private async setStatus(em: EntityManager, actor: AuditActor, tenantId: string, next: TenantStatus, reason: string | null): Promise<TenantOverview> {
    const { tenant, scope } = await this.enter(em, tenantId);
    if (tenant.status === next) throw conflict(`The tenant is already ${next}`);
    if (reason !== null && reason.length > 500) throw badInput([{ path: 'reason', message: 'reason must be at most 500 characters' }]);
    await em.nativeUpdate(Tenant, { id: tenantId }, { status: next, statusChangedAt: new Date() });
    await this.audit.record(scope, actor, {
      action: next === 'suspended' ? 'tenant_suspended' : 'tenant_resumed',
      targetType: 'tenant',
      targetId: tenantId,
      before: { status: tenant.status },
      after: { status: next, ...(reason ? { reason } : {}) },
    });
    this.status.forget(tenantId);
    return this.one(em, tenantId);
  }

  /** The operator enters one tenant per operation, on its own transaction; the tenant row is then visible. */
  private async enter(em: EntityManager, tenantId: string): Promise<{ tenant: Tenant; scope: TenantScope }> {
    if (!isUuid(tenantId)) throw notFound('Tenant');
    const scope = await enterTenant(em, tenantId);
    const tenant = await em.findOne(Tenant, { id: tenantId }, { refresh: true });
    if (!tenant) throw notFound('Tenant');
    return { tenant, scope };
  }
}
