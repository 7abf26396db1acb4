import { Filter, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const TENANT_FILTER = 'tenant';

/**
 * Base of every row that belongs to a tenant. The ORM filter scopes reads; inserts are stamped by
 * {@link TenantStampSubscriber}; PostgreSQL row-level security is the second wall behind both.
 */
@Filter({ name: TENANT_FILTER, cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true })
export abstract class TenantScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'timestamptz', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}
