import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

@Entity({ tableName: 'customers' })
@Unique({ properties: ['tenantId', 'externalId'] })
export class Customer extends TenantScoped {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  /** A customer tier code from the tenant configuration (e.g. standard, vip). */
  @Property({ type: 'text' })
  tier: Opt<string> = 'standard';

  /** The tenant's own id for this customer (CRM), for upserts from third-party frontends. */
  @Property({ type: 'text', nullable: true })
  externalId?: string | null;
}
