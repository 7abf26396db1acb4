import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '@complaints/tenant-config';
import { enterTenant } from '../platform/db/tenant-scope';
import { notFound } from '../platform/errors';
import type { AuthService } from '../identity/auth.service';
import type { TenantConfigService } from '../tenant/tenant-config.service';
import { Comment, CommentVisibility } from '../complaint/comment.entity';
import { Complaint } from '../complaint/complaint.entity';
import type { ComplaintIntakeService } from '../complaint/complaint-intake.service';
import type { ComplaintService } from '../complaint/complaint.service';
import type { AttachmentService, AttachmentUpload, UploadedFile } from '../complaint/attachment.service';
import { Customer } from '../complaint/customer.entity';
import { PORTAL_TOKEN_SECONDS } from '../identity/tokens';
import { contactMatches } from './contact-match';
import type { PortalComplaintInput, PortalComplaintView, PortalInfo, PortalSession, PortalSolution } from './portal.types';
import { Tenant } from '../tenant/tenant.entity';
import type { PortalLimits } from './rate-limiter';
import type { TenantStatusGate } from '../tenant/tenant-status';
import type { TenantScope } from '../platform/db/tenant-scope';

const COMPLAINANT: Actor = { type: 'customer', id: null, name: null };
/** Same words for a wrong number and a wrong contact: the answer must not reveal which numbers exist. */
const NO_MATCH = 'No complaint matches that number and contact';

/** The complainant-facing side: public intake, tracking by number + contact, and the one-complaint view. */
export class PortalService {
  constructor(
    private readonly auth: AuthService,
    private readonly tenantConfig: TenantConfigService,
    private readonly intake: ComplaintIntakeService,
    private readonly complaints: ComplaintService,
    private readonly attachments: AttachmentService,
    private readonly limits: PortalLimits,
    private readonly tenantStatus: TenantStatusGate,
  ) {}

  async submit(em: EntityManager, clientIp: string, portalKey: string, input: PortalComplaintInput, idempotencyKey: string): Promise<PortalSession> {
    const scope = await this.tenantOf(em, portalKey);
    await this.limits.submit(scope.tenantId, clientIp);
    const { complaint } = await this.intake.submit(
      scope,
      COMPLAINANT,
      await this.tenantConfig.current(scope),
      { ...input, channel: 'web', customer: null },
      idempotencyKey,
    );
    return this.session(scope.tenantId, complaint);
  }

  async upload(em: EntityManager, clientIp: string, portalKey: string, file: UploadedFile): Promise<AttachmentUpload> {
    const scope = await this.tenantOf(em, portalKey);
    await this.limits.upload(scope.tenantId, clientIp);
    return this.attachments.upload(scope, COMPLAINANT, file);
  }

  async track(em: EntityManager, clientIp: string, portalKey: string, number: string, contact: string): Promise<PortalSession> {
    const { tenantId } = await this.tenantOf(em, portalKey);
    await this.limits.track(tenantId, clientIp);
    const complaint = await em.findOne(Complaint, { tenantId, number: number.trim().toUpperCase() });
    const customer = complaint?.customerId ? await em.findOne(Customer, { tenantId, id: complaint.customerId }) : null;
    const candidates = complaint ? [complaint.contact?.email, complaint.contact?.phone, customer?.email, customer?.phone] : [];
    if (!contactMatches(contact, candidates) || !complaint) throw notFound(NO_MATCH);
    return this.session(tenantId, complaint);
  }

  async view(scope: TenantScope, complaintId: string): Promise<PortalComplaintView> {
    const complaint = await this.complaints.get(scope, complaintId);
    const [events, comments] = await Promise.all([
      this.complaints.timeline(scope, complaintId, true),
      this.complaints.comments(scope, complaintId, CommentVisibility.CUSTOMER),
    ]);
    const feedback = events.findLast((e) => e.kind === 'feedback.sent');
    // The currency comes from the configuration, read only once there is a solution to show.
    const solution = feedback ? sentSolution(feedback, (await this.tenantConfig.current(scope)).config.approval.currency) : null;
    return {
      id: complaint.id,
      number: complaint.number,
      subject: complaint.subject,
      stage: complaint.stage,
      status: complaint.status,
      round: complaint.round,
      createdAt: complaint.createdAt,
      stageDueAt: complaint.stageDueAt ?? null,
      timeline: events.map((e) => ({
        kind: e.kind,
        toValue: e.kind.startsWith('complaint.stage') ? (e.toValue ?? null) : null,
        note: e.note ?? null,
        createdAt: e.createdAt,
      })),
      messages: comments.map((c) => ({ from: c.authorType === 'customer' ? 'customer' : 'staff', body: c.body, createdAt: c.createdAt })),
      solution,
    };
  }

  async info(em: EntityManager, portalKey: string): Promise<PortalInfo> {
    const scope = await this.tenantOf(em, portalKey);
    const [tenant, { config }] = await Promise.all([em.findOneOrFail(Tenant, { id: scope.tenantId }), this.tenantConfig.current(scope)]);
    return { tenantName: tenant.name, defaultLocale: config.defaultLocale };
  }

  sendMessage(scope: TenantScope, complaintId: string, body: string): Promise<Comment> {
    return this.complaints.addComment(scope, COMPLAINANT, complaintId, CommentVisibility.CUSTOMER, body);
  }

  /** Enters the tenant that owns the portal key (public operations arrive without a principal). */
  private async tenantOf(em: EntityManager, portalKey: string): Promise<TenantScope> {
    const [row] = await em.execute<{ id: string }[]>('select id from portal_tenant_by_key(?)', [portalKey]);
    if (!row) throw notFound('Portal');
    const scope = await enterTenant(em, row.id);
    await this.tenantStatus.assertActive(scope);
    return scope;
  }

  private async session(tenantId: string, complaint: Complaint): Promise<PortalSession> {
    return {
      token: await this.auth.issuePortalToken(tenantId, complaint.id),
      expiresAt: new Date(Date.now() + PORTAL_TOKEN_SECONDS * 1000),
      number: complaint.number,
      complaintId: complaint.id,
    };
  }
}

/** The solution a `feedback.sent` event carried to the complainant (the workflow records it in the event's data). */
function sentSolution(event: { note?: string | null; data?: Record<string, unknown> | null; createdAt: Date }, currency: string): PortalSolution | null {
  const solution = event.data?.['solution'] as { text?: unknown; compensationType?: unknown; compensationAmount?: unknown } | undefined;
  if (typeof solution?.text !== 'string') return null;
  return {
    text: solution.text,
    compensationType: typeof solution.compensationType === 'string' ? solution.compensationType : 'none',
    compensationAmount: typeof solution.compensationAmount === 'number' ? solution.compensationAmount : 0,
    currency,
    message: event.note ?? null,
    sentAt: event.createdAt,
  };
}
