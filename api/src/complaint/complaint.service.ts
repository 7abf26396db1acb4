import type { TenantConfig } from '@complaints/tenant-config';
import type { Actor } from '@complaints/tenant-config';
import { isUuid } from '../platform/ids';
import { badInput, notFound } from '../platform/errors';
import { User } from '../identity/user.entity';
import { Comment, CommentVisibility } from './comment.entity';
import { Complaint } from './complaint.entity';
import { complaintColumns, toComplaint } from './complaint-rows';
import { ComplaintEvent } from './complaint-event.entity';
import { appendEvent } from './timeline';
import type { TenantScope } from '../platform/db/tenant-scope';

const MAX_COMMENT = 10_000;

/** Reading complaints and the staff actions that are not (yet) lifecycle transitions. */
export class ComplaintService {
  async get(scope: TenantScope, id: string): Promise<Complaint> {
    const { em, tenantId } = scope;
    const complaint = isUuid(id) ? await em.findOne(Complaint, { tenantId, id }) : null;
    if (!complaint) throw notFound('Complaint');
    return complaint;
  }

  /** For display only: a plain object with the complaint's properties, which the ORM does not track. */
  async byNumber(scope: TenantScope, number: string): Promise<Complaint> {
    const { em, tenantId } = scope;
    const [row] = await em.execute<Record<string, unknown>[]>(`select ${complaintColumns(em)} from complaints c where c.tenant_id = ?::uuid and c.number = ?`, [
      tenantId,
      number.trim().toUpperCase(),
    ]);
    if (!row) throw notFound('Complaint');
    return toComplaint(em, row);
  }

  timeline(scope: TenantScope, complaintId: string, customerVisibleOnly = false): Promise<ComplaintEvent[]> {
    const { em, tenantId } = scope;
    return em.find(ComplaintEvent, { tenantId, complaintId, ...(customerVisibleOnly ? { customerVisible: true } : {}) }, { orderBy: { seq: 'asc' } });
  }

  comments(scope: TenantScope, complaintId: string, visibility?: CommentVisibility): Promise<Comment[]> {
    const { em, tenantId } = scope;
    return em.find(Comment, { tenantId, complaintId, ...(visibility ? { visibility } : {}) }, { orderBy: { createdAt: 'asc' } });
  }

  /**
   * Checks an assignment against this tenant before it reaches the lifecycle workflow, which only sees
   * ids: an unknown team is bad input, and a user of another tenant is simply not found.
   */
  async checkAssignment(scope: TenantScope, config: TenantConfig, change: { assigneeId?: string | null; teamCode?: string | null }): Promise<void> {
    if (change.teamCode != null && !config.teams.some((t) => t.code === change.teamCode)) {
      throw badInput([{ path: 'teamCode', message: `Unknown team "${change.teamCode}"` }]);
    }
    if (change.assigneeId) await this.activeUser(scope, change.assigneeId);
  }

  /** A customer message from staff is a first response: the caller tells the lifecycle workflow, its one writer. */
  async addComment(scope: TenantScope, actor: Actor, complaintId: string, visibility: CommentVisibility, body: string): Promise<Comment> {
    const { em } = scope;
    const text = body.trim();
    if (!text) throw badInput([{ path: 'body', message: 'The message is empty' }]);
    if (text.length > MAX_COMMENT) throw badInput([{ path: 'body', message: `The message is longer than ${MAX_COMMENT} characters` }]);
    const complaint = await this.get(scope, complaintId);
    const comment = em.create(Comment, {
      complaintId: complaint.id,
      visibility,
      body: text,
      authorType: actor.type,
      authorId: actor.id,
      authorName: actor.name,
    } as Comment);
    const toCustomer = visibility === CommentVisibility.CUSTOMER;
    appendEvent(em, {
      complaintId: complaint.id,
      kind: toCustomer ? 'message.customer' : 'note.internal',
      actor,
      data: { commentId: comment.id },
      customerVisible: toCustomer,
    });
    complaint.updatedAt = new Date();
    await em.flush();
    return comment;
  }

  private async activeUser(scope: TenantScope, userId: string): Promise<User> {
    const { em, tenantId } = scope;
    const user = isUuid(userId) ? await em.findOne(User, { tenantId, id: userId, active: true }) : null;
    if (!user) throw notFound('User');
    return user;
  }
}
