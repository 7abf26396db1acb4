import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import { ActorTypeEnum } from './complaint.enums';
import type { ActorType } from '@complaints/tenant-config';

export enum CommentVisibility {
  INTERNAL = 'INTERNAL',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(CommentVisibility, { name: 'CommentVisibility' });

@Entity({ tableName: 'comments' })
@ObjectType('Comment')
export class Comment extends TenantScoped {
  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  @Field(() => CommentVisibility)
  visibility!: CommentVisibility;

  @Property({ type: 'text' })
  @Field(() => String)
  body!: string;

  @Property({ type: 'text' })
  @Field(() => ActorTypeEnum)
  authorType!: ActorType;

  @Property({ type: 'text', nullable: true })
  authorId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  authorName?: string | null;
}
