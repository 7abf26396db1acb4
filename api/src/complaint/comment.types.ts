import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ActorType } from '@complaints/tenant-config';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';
import { CommentVisibility } from './comment.entity';
import { ActorTypeEnum } from './complaint.enums';

registerEnumType(CommentVisibility, { name: 'CommentVisibility' });

/** A comment over GraphQL; resolvers return `Comment` entities as it. */
@ObjectType('Comment')
export class CommentType extends TenantScopedType {
  @Field(() => CommentVisibility)
  visibility!: CommentVisibility;

  @Field(() => String)
  body!: string;

  @Field(() => ActorTypeEnum)
  authorType!: ActorType;

  @Field(() => String, { nullable: true })
  authorName?: string | null;
}
