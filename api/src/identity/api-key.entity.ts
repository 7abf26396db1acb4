import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** A third-party frontend's credential: `ck_<prefix>_<secret>`; only the secret's hash is kept. */
@Entity({ tableName: 'api_keys' })
export class ApiKey extends TenantScoped {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  @Unique()
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'text[]' })
  scopes: Opt<string[]> = [];

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
