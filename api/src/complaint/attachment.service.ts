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
/** How long an upload waits to be claimed by an intake. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Evidence files one intake may claim. */
export const MAX_INTAKE_ATTACHMENTS = 10;

/** A file as the API receives it. */
export interface UploadedFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface AttachmentUpload {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  expiresAt: Date;
}

/** The file's checked name and bytes, or every limit it breaks. */
function checkedFile(file: UploadedFile): { fileName: string; bytes: Buffer } {
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
  return { fileName, bytes: bytes! };
}

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

  async add(scope: TenantScope, actor: Actor, complaintId: string, file: UploadedFile): Promise<Attachment> {
    const { em, tenantId } = scope;
    const complaint = await this.complaints.get(scope, complaintId);
    const { fileName, bytes } = checkedFile(file);
    const storageKey = `${tenantId}/${complaint.id}/${randomUUID()}`;
    // Bytes first: a failed transaction leaves an orphan file, never a row pointing at nothing.
    await this.storage.put(storageKey, bytes);
    const attachment = em.create(Attachment, {
      complaintId: complaint.id,
      fileName,
      contentType: file.contentType,
      sizeBytes: bytes.length,
      storageKey,
      uploadedBy: actor.name,
    } as Attachment);
    appendEvent(em, {
      complaintId: complaint.id,
      kind: 'attachment.added',
      actor,
      note: fileName,
      data: { attachmentId: attachment.id, sizeBytes: bytes.length },
    });
    await em.flush();
    return attachment;
  }

  /** Stores evidence for a complaint not filed yet; intake claims it by the returned id (see claimUploads). */
  async upload(scope: TenantScope, actor: Actor, file: UploadedFile): Promise<AttachmentUpload> {
    const { em, tenantId } = scope;
    const { fileName, bytes } = checkedFile(file);
    const id = randomUUID();
    const storageKey = `${tenantId}/uploads/${id}`;
    await this.storage.put(storageKey, bytes);
    const [row] = await em.execute<{ created_at: string | Date }[]>(
      'insert into attachment_uploads (id, tenant_id, file_name, content_type, size_bytes, storage_key, uploaded_by) values (?, ?, ?, ?, ?, ?, ?) returning created_at',
      [id, tenantId, fileName, file.contentType, bytes.length, storageKey, actor.name],
    );
    return {
      id,
      fileName,
      contentType: file.contentType,
      sizeBytes: bytes.length,
      expiresAt: new Date(new Date(row.created_at).getTime() + UPLOAD_LIFETIME_MS),
    };
  }

  async content(scope: TenantScope, id: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
    const { em, tenantId } = scope;
    const attachment = isUuid(id) ? await em.findOne(Attachment, { tenantId, id }) : null;
    if (!attachment) throw notFound('Attachment');
    return { attachment, bytes: await this.storage.get(attachment.storageKey) };
  }
}

/**
 * Turns uploads into the complaint's attachments, in the caller's transaction and one statement: each
 * upload is consumed once, and an unknown, expired or already used id fails the whole intake.
 */
export async function claimUploads(scope: TenantScope, actor: Actor, complaintId: string, uploadIds: readonly string[]): Promise<void> {
  const { em, tenantId } = scope;
  const claimed = await em.execute<{ id: string; file_name: string; size_bytes: number }[]>(
    `with claimed as (
       delete from attachment_uploads
       where tenant_id = ?::uuid and id = any(?::uuid[]) and created_at > now() - ?::interval
       returning *)
     insert into attachments (id, tenant_id, complaint_id, file_name, content_type, size_bytes, storage_key, uploaded_by)
     select id, tenant_id, ?::uuid, file_name, content_type, size_bytes, storage_key, uploaded_by from claimed
     returning id, file_name, size_bytes`,
    [tenantId, `{${uploadIds.join(',')}}`, `${UPLOAD_LIFETIME_MS} milliseconds`, complaintId],
  );
  const found = new Set(claimed.map((row) => row.id));
  const missing = uploadIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length) {
    throw badInput(missing.map(({ i }) => ({ path: `input.attachmentIds.${i}`, message: 'No such upload: it expired, was used already, or was never made' })));
  }
  for (const row of claimed) {
    appendEvent(em, { complaintId, kind: 'attachment.added', actor, note: row.file_name, data: { attachmentId: row.id, sizeBytes: row.size_bytes } });
  }
}
