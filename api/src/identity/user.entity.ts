import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

@Entity({ tableName: 'users' })
@Unique({ properties: ['tenantId', 'email'] })
export class User extends TenantScoped {
  /** Stored lower-cased: email identity is case-insensitive. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  /** Role codes from the tenant configuration. */
  @Property({ type: 'text[]' })
  roles: Opt<string[]> = [];

  /** Team codes from the tenant configuration. */
  @Property({ type: 'text[]' })
  teams: Opt<string[]> = [];

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;
}
