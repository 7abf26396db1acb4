import { randomUUID } from 'node:crypto';
import type { Actor } from '@complaints/tenant-config';
import { isUuid } from '../platform/ids';
import { badInput, notFound } from '../platform/errors';
import { Attachment } from './attachment.entity';
import type { AttachmentStorage } from './attachment-storage';
import type { ComplaintService } from './complaint.service';
import { appendEvent } from './timeline';
import type { TenantScope } from '../platform/db/tenant-scope';

export const MAX_ATTACHMENT_BYTES = 512 * 1024;
export const ALLOWED_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'text/plain'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Evidence files on a complaint: limits checked before a byte is stored, metadata on the timeline. */
export class AttachmentService {
  constructor(
    private readonly storage: AttachmentStorage,
    private readonly complaints: ComplaintService,
  ) {}

  list(scope: TenantScope, complaintId: string): Promise<Attachment[]> {
    const { em, tenantId } = scope;
    return em.find(Attachment, { tenantId, complaintId }, { orderBy: { createdAt: 'asc' } });
  }

  async add(
    scope: TenantScope,
    actor: Actor,
    complaintId: string,
    file: { fileName: string; contentType: string; contentBase64: string },
  ): Promise<Attachment> {
    const { em, tenantId } = scope;
    const complaint = await this.complaints.get(scope, complaintId);
    const bytes = BASE64.test(file.contentBase64) ? Buffer.from(file.contentBase64, 'base64') : null;
    const fileName = file.fileName.trim().replace(/[/\\]/g, '_');
    const errors = [
      ...(fileName && fileName.length <= 200 ? [] : [{ path: 'fileName', message: 'File name must be 1–200 characters' }]),
      ...(ALLOWED_CONTENT_TYPES.includes(file.contentType)
        ? []
        : [{ path: 'contentType', message: `Only ${ALLOWED_CONTENT_TYPES.join(', ')} files are accepted` }]),
      ...(!bytes || bytes.length === 0 ? [{ path: 'contentBase64', message: 'The content is empty or not base64' }] : []),
      ...(bytes && bytes.length > MAX_ATTACHMENT_BYTES ? [{ path: 'contentBase64', message: `Files are limited to ${MAX_ATTACHMENT_BYTES / 1024} KiB` }] : []),
    ];
    if (errors.length) throw badInput(errors);
    const storageKey = `${tenantId}/${complaint.id}/${randomUUID()}`;
    // Bytes first: a failed transaction leaves an orphan file, never a row pointing at nothing.
    await this.storage.put(storageKey, bytes!);
    const attachment = em.create(Attachment, {
      complaintId: complaint.id,
      fileName,
      contentType: file.contentType,
      sizeBytes: bytes!.length,
      storageKey,
      uploadedBy: actor.name,
    } as Attachment);
    appendEvent(em, {
      complaintId: complaint.id,
      kind: 'attachment.added',
      actor,
      note: fileName,
      data: { attachmentId: attachment.id, sizeBytes: bytes!.length },
    });
    await em.flush();
    return attachment;
  }

  async content(scope: TenantScope, id: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
    const { em, tenantId } = scope;
    const attachment = isUuid(id) ? await em.findOne(Attachment, { tenantId, id }) : null;
    if (!attachment) throw notFound('Attachment');
    return { attachment, bytes: await this.storage.get(attachment.storageKey) };
  }
}
