import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { TenantConfig } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** The tenant registry; row-level security lets a session see only its own tenant's row. */
@Entity({ tableName: 'tenants' })
@ObjectType('Tenant')
export class Tenant {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Unique()
  @Field(() => String)
  slug!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  /** Identifies the tenant's complainant portal; public by design (it goes into web pages). */
  @Field(() => String)
  @Property({ type: 'text' })
  @Unique()
  publishableKey: Opt<string> = `pk_${randomUUID().replaceAll('-', '')}`;

  /** The version in force; the full history lives in tenant_config_versions. */
  @Property({ type: 'int' })
  @Field(() => Int)
  configVersion: Opt<number> = 1;

  @Field(() => Date)
  @Property({ type: 'timestamptz', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'tenant_config_versions' })
@Unique({ properties: ['tenantId', 'version'] })
@ObjectType('TenantConfigVersion')
export class TenantConfigVersion extends TenantScoped {
  @Field(() => Int)
  @Property({ type: 'int' })
  version!: number;

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'jsonb' })
  config!: TenantConfig;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
