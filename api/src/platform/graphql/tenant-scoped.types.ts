import { Field, ID, ObjectType } from 'type-graphql';

/** The fields every tenant row shows over GraphQL (the entity base is `TenantScoped`). */
@ObjectType()
export abstract class TenantScopedType {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;
}
