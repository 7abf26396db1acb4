import { EventArgs, EventSubscriber } from '@mikro-orm/core';
import { TENANT_FILTER, TenantScoped } from './tenant-scoped.entity';

/** Filters do not cover inserts: new tenant rows take the tenant of the unit of work that creates them. */
export class TenantStampSubscriber implements EventSubscriber<TenantScoped> {
  beforeCreate(args: EventArgs<TenantScoped>): void {
    if (!(args.entity instanceof TenantScoped)) return;
    const params = args.em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER);
    const tenantId = params?.tenantId;
    if (!tenantId) throw new Error(`Refusing to insert ${args.meta.className} outside a tenant scope`);
    if (args.entity.tenantId && args.entity.tenantId !== tenantId) {
      throw new Error(`Refusing to insert ${args.meta.className} into another tenant`);
    }
    args.entity.tenantId = tenantId;
  }
}
