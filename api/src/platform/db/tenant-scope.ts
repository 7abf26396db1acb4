import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './tenant-scoped.entity';

/**
 * Points an EntityManager (inside an open transaction) at one tenant: the ORM filter for reads and
 * inserts, and the transaction-local `app.tenant_id` that row-level security checks. Being
 * transaction-local, the setting never leaks to the next user of a pooled connection.
 */
export async function enterTenant(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
  filterToTenant(em, tenantId);
}

/** The ORM half of `enterTenant`, for callers whose SQL already set `app.tenant_id` (auth_staff_session). */
export function filterToTenant(em: EntityManager, tenantId: string): void {
  em.setFilterParams(TENANT_FILTER, { tenantId });
}

/** Runs `work` in its own transaction scoped to one tenant (worker activities, CLI, tests). */
export function withTenant<T>(root: EntityManager, tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return root.fork().transactional(async (em) => {
    await enterTenant(em, tenantId);
    return work(em);
  });
}
