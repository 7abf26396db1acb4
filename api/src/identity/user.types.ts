import { Field, ObjectType } from 'type-graphql';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** A staff user over GraphQL; resolvers return `User` entities as it. */
@ObjectType('User')
export class UserType extends TenantScopedType {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String])
  teams!: string[];

  @Field(() => Boolean)
  active!: boolean;
}

/** Whom a complaint can be given to: only what the assign control shows, for callers without user management. */
@ObjectType('StaffMember')
export class StaffMemberType extends TenantScopedType {
  @Field(() => String)
  displayName!: string;

  @Field(() => [String])
  teams!: string[];
}
