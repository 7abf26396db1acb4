import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import type { ActorType } from '@complaints/tenant-config';

export enum CommentVisibility {
  INTERNAL = 'INTERNAL',
  CUSTOMER = 'CUSTOMER',
}

@Entity({ tableName: 'comments' })
export class Comment extends TenantScoped {
  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  visibility!: CommentVisibility;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'text' })
  authorType!: ActorType;

  @Property({ type: 'text', nullable: true })
  authorId?: string | null;

  @Property({ type: 'text', nullable: true })
  authorName?: string | null;
}
