import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './tenant-scoped.entity';

/**
 * One tenant's view of the database: an EntityManager inside an open transaction whose ORM filter and
 * row-level-security setting both point at `tenantId`. Services take this instead of an (em, tenantId)
 * pair, so the two cannot disagree. Made only here: by the request context (through `enterTenant`)
 * and by `withTenant`.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly em: EntityManager;
}

/** The transaction-local setting row-level security reads; never written anywhere but this module. */
const TENANT_SETTING_SQL = `select set_config('app.tenant_id', ?, true)`;

/**
 * Points an EntityManager (inside an open transaction) at one tenant: the ORM filter for reads and
 * inserts, and the transaction-local `app.tenant_id` that row-level security checks. Being
 * transaction-local, the setting never leaks to the next user of a pooled connection.
 */
export async function enterTenant(em: EntityManager, tenantId: string): Promise<TenantScope> {
  await em.execute(TENANT_SETTING_SQL, [tenantId]);
  return filterToTenant(em, tenantId);
}

/** The ORM half of `enterTenant`, for callers whose SQL already set `app.tenant_id` (auth_staff_session). */
export function filterToTenant(em: EntityManager, tenantId: string): TenantScope {
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return { tenantId, em };
}

/**
 * Runs `work`, a wait on another service, with no pooled connection held: the scope's transaction commits
 * first, and a new one, entered in the same tenant, is open again when `work` settles (also when it
 * throws, so the owner's rollback finds a transaction). For a transaction its caller owns and nothing else
 * uses meanwhile: a mutation's top-level field, which GraphQL runs one at a time.
 */
export async function releasedWhile<T>(scope: TenantScope, work: () => Promise<T>): Promise<T> {
  await scope.em.commit();
  try {
    return await work();
  } finally {
    await scope.em.begin();
    await scope.em.execute(TENANT_SETTING_SQL, [scope.tenantId]);
  }
}

/** Runs `work` in its own transaction scoped to one tenant (worker activities, CLI, tests). */
export function withTenant<T>(root: EntityManager, tenantId: string, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  return root.fork().transactional(async (em) => work(await enterTenant(em, tenantId)));
}

/**
 * The statement that enters a tenant, for SQL sent as one multi-statement string: PostgreSQL runs such a
 * string as one implicit transaction, so the setting holds for the statements after it (one round trip).
 */
export function enterTenantStatement(tenantId: string): { text: string; params: [string] } {
  return { text: TENANT_SETTING_SQL, params: [tenantId] };
}
