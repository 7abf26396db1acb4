import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { TenantConfig } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** The tenant registry; row-level security lets a session see only its own tenant's row. */
@Entity({ tableName: 'tenants' })
export class Tenant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Unique()
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Identifies the tenant's complainant portal; public by design (it goes into web pages). */
  @Property({ type: 'text' })
  @Unique()
  publishableKey: Opt<string> = `pk_${randomUUID().replaceAll('-', '')}`;

  /** The version in force; the full history lives in tenant_config_versions. */
  @Property({ type: 'int' })
  configVersion: Opt<number> = 1;

  @Property({ type: 'timestamptz', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'tenant_config_versions' })
@Unique({ properties: ['tenantId', 'version'] })
export class TenantConfigVersion extends TenantScoped {
  @Property({ type: 'int' })
  version!: number;

  @Property({ type: 'jsonb' })
  config!: TenantConfig;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
