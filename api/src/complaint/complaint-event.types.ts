import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { ActorType } from '@complaints/tenant-config';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';
import { ActorTypeEnum } from './complaint.enums';

/** A timeline event over GraphQL; resolvers return `ComplaintEvent` entities as it. */
@ObjectType('ComplaintEvent')
export class ComplaintEventType extends TenantScopedType {
  @Field(() => String)
  seq!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => ActorTypeEnum)
  actorType!: ActorType;

  @Field(() => String, { nullable: true })
  actorName?: string | null;

  @Field(() => String, { nullable: true })
  fromValue?: string | null;

  @Field(() => String, { nullable: true })
  toValue?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  data?: Record<string, unknown> | null;

  @Field(() => Boolean)
  customerVisible!: boolean;
}
