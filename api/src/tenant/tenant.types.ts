import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { TenantConfig } from '@complaints/tenant-config';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** A tenant over GraphQL; resolvers return `Tenant` entities as it. */
@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  publishableKey!: string;

  @Field(() => Int)
  configVersion!: number;

  @Field(() => Date)
  createdAt!: Date;
}

/** One saved configuration version over GraphQL; resolvers return `TenantConfigVersion` entities as it. */
@ObjectType('TenantConfigVersion')
export class TenantConfigVersionType extends TenantScopedType {
  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLJSONObject)
  config!: TenantConfig;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
