import { Field, Int, ObjectType } from 'type-graphql';
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
