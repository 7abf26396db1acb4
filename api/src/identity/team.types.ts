import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { LocalizedText } from '@complaints/tenant-config';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** A team over GraphQL; resolvers return `Team` entities as it. */
@ObjectType('Team')
export class TeamType extends TenantScopedType {
  @Field(() => String)
  code!: string;

  @Field(() => GraphQLJSONObject)
  name!: LocalizedText;
}
