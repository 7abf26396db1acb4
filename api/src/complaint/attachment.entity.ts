import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** Metadata only; the bytes live behind {@link AttachmentStorage} under `storageKey`. */
@Entity({ tableName: 'attachments' })
export class Attachment extends TenantScoped {
  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  contentType!: string;

  @Property({ type: 'int' })
  sizeBytes!: number;

  @Property({ type: 'text' })
  storageKey!: string;

  @Property({ type: 'text', nullable: true })
  uploadedBy?: string | null;
}
