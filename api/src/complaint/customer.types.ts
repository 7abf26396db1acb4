import { Field, ObjectType } from 'type-graphql';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** A customer over GraphQL; resolvers return `Customer` entities as it. */
@ObjectType('Customer')
export class CustomerType extends TenantScopedType {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String)
  tier!: string;

  @Field(() => String, { nullable: true })
  externalId?: string | null;
}
