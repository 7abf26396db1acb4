import { flattenCategories } from '@complaints/tenant-config';
import { staffResponseSignal } from '@complaints/tenant-config/lifecycle-contract';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../platform/auth/principal';
import { anyOf } from '../platform/auth/permissions';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { boundedFirst } from '../platform/graphql/pagination';
import { UserType } from '../identity/user.types';
import { AttachmentType, AttachmentUploadType } from './attachment.types';
import { CommentVisibility } from './comment.entity';
import { CommentType } from './comment.types';
import { Complaint } from './complaint.entity';
import { ComplaintEventType } from './complaint-event.types';
import { ComplaintFilter, ComplaintOrder, SubmitComplaintInput } from './complaint.inputs';
import { listComplaints } from './complaint-list.query';
import { CategoryRef, ComplaintConnection, ComplaintType, SubmitComplaintPayload } from './complaint.types';
import { CustomerType } from './customer.types';

@Resolver(() => ComplaintType)
export class ComplaintResolver {
  @Authorized('complaint.read')
  @Query(() => ComplaintType)
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ComplaintType> {
    return ctx.services.complaints.get(ctx.tenant(), id);
  }

  @Authorized('complaint.read')
  @Query(() => ComplaintType)
  complaintByNumber(@Arg('number', () => String) number: string, @Ctx() ctx: RequestContext): Promise<ComplaintType> {
    return ctx.services.complaints.byNumber(ctx.tenant(), number);
  }

  @Authorized('complaint.read')
  @Query(() => ComplaintConnection)
  async complaints(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter?: ComplaintFilter,
    @Arg('orderBy', () => ComplaintOrder, { nullable: true }) orderBy?: ComplaintOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ComplaintConnection> {
    const { config } = await ctx.tenantConfig();
    const page = await listComplaints(ctx.tenant(), config, filter, orderBy ?? new ComplaintOrder(), boundedFirst(first), after);
    return new ComplaintConnection(page);
  }

  @Authorized('complaint.create')
  @Mutation(() => SubmitComplaintPayload, { description: 'Staff or API-key intake; the same idempotency key returns the same complaint' })
  async submitComplaint(
    @Arg('input', () => SubmitComplaintInput) input: SubmitComplaintInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SubmitComplaintPayload> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.intake.submit(ctx.tenant(), actorOf(principal), await ctx.tenantConfig(), input, idempotencyKey);
  }

  @Authorized('comment.internal')
  @Mutation(() => CommentType)
  addInternalNote(
    @Arg('complaintId', () => ID) complaintId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CommentType> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.complaints.addComment(ctx.tenant(), actorOf(principal), complaintId, CommentVisibility.INTERNAL, body);
  }

  @Authorized('comment.customer')
  @Mutation(() => CommentType)
  async sendCustomerMessage(
    @Arg('complaintId', () => ID) complaintId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CommentType> {
    const actor = actorOf(tenantPrincipal(ctx));
    const comment = await ctx.services.complaints.addComment(ctx.tenant(), actor, complaintId, CommentVisibility.CUSTOMER, body);
    // A staff message is a first response, which the workflow (first_responded_at's one writer) projects.
    if (actor.type !== 'customer')
      await ctx.services.lifecycle.signalAfterCommit(ctx.tenant(), comment.complaintId, staffResponseSignal, { at: comment.createdAt.toISOString(), actor });
    return comment;
  }

  @FieldResolver(() => UserType, { nullable: true })
  assignee(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<UserType | null> | null {
    return complaint.assigneeId ? ctx.loaders.user.load(complaint.assigneeId) : null;
  }

  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<CustomerType | null> | null {
    return complaint.customerId ? ctx.loaders.customer.load(complaint.customerId) : null;
  }

  @FieldResolver(() => CategoryRef, { nullable: true })
  async category(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<CategoryRef | null> {
    if (!complaint.categoryCode) return null;
    const { config } = await ctx.tenantConfig();
    const found = flattenCategories(config.categories).find((c) => c.code === complaint.categoryCode);
    return found ? { code: found.code, name: found.name } : { code: complaint.categoryCode, name: {} };
  }

  @FieldResolver(() => ComplaintEventType, { nullable: true })
  lastEvent(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintEventType | null> {
    return ctx.loaders.lastEvent.load(complaint.id);
  }

  @FieldResolver(() => [ComplaintEventType], { description: 'The append-only timeline, oldest first' })
  events(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintEventType[]> {
    return ctx.services.complaints.timeline(ctx.tenant(), complaint.id);
  }

  @FieldResolver(() => [CommentType])
  comments(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<CommentType[]> {
    return ctx.services.complaints.comments(ctx.tenant(), complaint.id);
  }

  @FieldResolver(() => [AttachmentType])
  attachments(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<AttachmentType[]> {
    return ctx.services.attachments.list(ctx.tenant(), complaint.id);
  }

  // Evidence arrives with the complaint: whoever may file one (an intake clerk, an API-key frontend) may attach to it.
  @Authorized(anyOf('complaint.handle', 'complaint.create'))
  @Mutation(() => AttachmentType, {
    description: 'Attaches a file (base64, at most 512 KiB; PNG, JPEG, WebP, PDF or plain text); needs complaint.handle or complaint.create',
  })
  addAttachment(
    @Arg('complaintId', () => ID) complaintId: string,
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentType> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.attachments.add(ctx.tenant(), actorOf(principal), complaintId, { fileName, contentType, contentBase64 });
  }

  @Authorized(anyOf('complaint.handle', 'complaint.create'))
  @Mutation(() => AttachmentUploadType, {
    description: 'Stores evidence for a complaint about to be filed (same limits as addAttachment); pass its id in submitComplaint.attachmentIds',
  })
  uploadAttachment(
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentUploadType> {
    return ctx.services.attachments.upload(ctx.tenant(), actorOf(tenantPrincipal(ctx)), { fileName, contentType, contentBase64 });
  }

  @Authorized('complaint.read')
  @Query(() => String, { description: 'The bytes of an attachment, base64-encoded' })
  async attachmentContent(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    const { bytes } = await ctx.services.attachments.content(ctx.tenant(), id);
    return bytes.toString('base64');
  }
}
