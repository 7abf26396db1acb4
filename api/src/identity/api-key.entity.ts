import { Field, ObjectType } from 'type-graphql';
import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** A third-party frontend's credential: `ck_<prefix>_<secret>`; only the secret's hash is kept. */
@Entity({ tableName: 'api_keys' })
@ObjectType('ApiKey')
export class ApiKey extends TenantScoped {
  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'text' })
  @Unique()
  @Field(() => String)
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  scopes: Opt<string[]> = [];

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
