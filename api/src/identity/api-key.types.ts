import { Field, ObjectType } from 'type-graphql';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** An API key over GraphQL (never its secret); resolvers return `ApiKey` entities as it. */
@ObjectType('ApiKey')
export class ApiKeyType extends TenantScopedType {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => Date, { nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt?: Date | null;
}
