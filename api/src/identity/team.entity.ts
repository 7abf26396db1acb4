import { Entity, Property, Unique } from '@mikro-orm/core';
import type { LocalizedText } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/**
 * Teams are defined in the tenant configuration (so routing rules can be validated against them);
 * this table mirrors them for joins and membership queries, and is rewritten on every config version.
 */
@Entity({ tableName: 'teams' })
@Unique({ properties: ['tenantId', 'code'] })
export class Team extends TenantScoped {
  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'jsonb' })
  name!: LocalizedText;
}
