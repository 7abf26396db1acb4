import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** Metadata only; the bytes live behind {@link AttachmentStorage} under `storageKey`. */
@Entity({ tableName: 'attachments' })
@ObjectType('Attachment')
export class Attachment extends TenantScoped {
  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  fileName!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  contentType!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  sizeBytes!: number;

  @Property({ type: 'text' })
  storageKey!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  uploadedBy?: string | null;
}
