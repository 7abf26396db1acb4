import { Field, ObjectType } from 'type-graphql';
import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

@Entity({ tableName: 'users' })
@Unique({ properties: ['tenantId', 'email'] })
@ObjectType('User')
export class User extends TenantScoped {
  /** Stored lower-cased: email identity is case-insensitive. */
  @Property({ type: 'text' })
  @Field(() => String)
  email!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  displayName!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  /** Role codes from the tenant configuration. */
  @Property({ type: 'text[]' })
  @Field(() => [String])
  roles: Opt<string[]> = [];

  /** Team codes from the tenant configuration. */
  @Property({ type: 'text[]' })
  @Field(() => [String])
  teams: Opt<string[]> = [];

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  active: Opt<boolean> = true;
}
