import type { TenantScope } from '../platform/db/tenant-scope';
import { notFound, tenantSuspended } from '../platform/errors';

/** How long one process trusts a tenant's status it read; a change made in this process is seen at once. */
const STATUS_TRUST_MS = 2_000;

/**
 * The one check that a tenant is not suspended, run wherever a tenant's credential is accepted (staff sign-in and
 * tokens, API keys, portal keys and tokens). Read through the tenant's own row (row-level security allows it),
 * remembered briefly so a busy tenant does not pay a query per request; another API process sees a suspension
 * within STATUS_TRUST_MS.
 */
export class TenantStatusGate {
  private readonly known = new Map<string, { suspended: boolean; readAt: number }>();

  async assertActive(scope: TenantScope): Promise<void> {
    const cached = this.known.get(scope.tenantId);
    let suspended = cached && Date.now() - cached.readAt < STATUS_TRUST_MS ? cached.suspended : undefined;
    if (suspended === undefined) {
      const [row] = await scope.em.execute<{ status: string }[]>('select status from tenants where id = ?', [scope.tenantId]);
      if (!row) throw notFound('Tenant');
      suspended = row.status === 'suspended';
      this.known.set(scope.tenantId, { suspended, readAt: Date.now() });
    }
    if (suspended) throw tenantSuspended();
  }

  /** After this process changed the tenant's status. */
  forget(tenantId: string): void {
    this.known.delete(tenantId);
  }
}
