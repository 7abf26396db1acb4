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

  /** Set by the platform operator (`api/src/operator`); a suspended tenant's staff, keys and portal are refused. */
  @Property({ type: 'text' })
  status: Opt<TenantStatus> = 'active';

  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt?: Date | null;

  /** A code of `platform_plans`. */
  @Property({ type: 'text' })
  planCode: Opt<string> = 'standard';

  @Property({ type: 'text', nullable: true })
  displayNameZh?: string | null;

  @Property({ type: 'text', nullable: true })
  displayNameEn?: string | null;

  /** The industry template the first configuration was made from, when the operator created the tenant. */
  @Property({ type: 'text', nullable: true })
  industryTemplate?: string | null;
}

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

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
