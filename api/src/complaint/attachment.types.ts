import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';

/** An attachment's metadata over GraphQL; resolvers return `Attachment` entities as it. */
@ObjectType('Attachment')
export class AttachmentType extends TenantScopedType {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, { nullable: true })
  uploadedBy?: string | null;
}

@ObjectType('AttachmentUpload', { description: 'Evidence stored ahead of its complaint: name its id in the intake to file it with the complaint' })
export class AttachmentUploadType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => Date, { description: 'An upload no intake has claimed by then is no longer accepted' })
  expiresAt!: Date;
}
