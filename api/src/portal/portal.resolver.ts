import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { forbidden } from '../platform/errors';
import { Cost, SERVICE_CALL_COST } from '../platform/graphql/query-cost';
import { AttachmentType, AttachmentUploadType } from '../complaint/attachment.types';
import { CommentType } from '../complaint/comment.types';
import { LifecycleActionPayload } from '../lifecycle/lifecycle.types';
import { PortalComplaintInput, PortalComplaintView, PortalInfo, PortalSession } from './portal.types';

type PortalPrincipal = Extract<RequestContext['principal'], { kind: 'portal' }>;

function portalOf(ctx: RequestContext): PortalPrincipal {
  if (ctx.principal.kind !== 'portal') throw forbidden('Use the portal token from trackComplaint');
  return ctx.principal;
}

/** The public portal: no staff credential; a portal key for intake and a portal token per complaint. */
@Resolver()
export class PortalResolver {
  @Mutation(() => PortalSession, { description: 'Public intake from a tenant portal; rate-limited per IP and per tenant. Returns a token to follow it.' })
  portalSubmitComplaint(
    @Arg('portalKey', () => String) portalKey: string,
    @Arg('input', () => PortalComplaintInput) input: PortalComplaintInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PortalSession> {
    return ctx.services.portal.submit(ctx.em, ctx.clientIp, portalKey, input, idempotencyKey);
  }

  @Mutation(() => AttachmentUploadType, {
    description: 'Evidence for a portal complaint about to be filed (at most 512 KiB; PNG, JPEG, WebP, PDF or plain text); rate-limited per IP',
  })
  portalUploadAttachment(
    @Arg('portalKey', () => String) portalKey: string,
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentUploadType> {
    return ctx.services.portal.upload(ctx.em, ctx.clientIp, portalKey, { fileName, contentType, contentBase64 });
  }

  @Mutation(() => PortalSession, { description: 'Exchanges a complaint number and its contact (email or phone) for a short-lived portal token' })
  trackComplaint(
    @Arg('portalKey', () => String) portalKey: string,
    @Arg('number', () => String) number: string,
    @Arg('contact', () => String) contact: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PortalSession> {
    return ctx.services.portal.track(ctx.em, ctx.clientIp, portalKey, number, contact);
  }

  @Query(() => PortalInfo, { description: "The tenant's name and language for a portal page" })
  portalInfo(@Arg('portalKey', () => String) portalKey: string, @Ctx() ctx: RequestContext): Promise<PortalInfo> {
    return ctx.services.portal.info(ctx.em, portalKey);
  }

  @Authorized('portal.read')
  @Query(() => PortalComplaintView, { description: "The portal token's complaint as the complainant may see it" })
  portalComplaint(@Ctx() ctx: RequestContext): Promise<PortalComplaintView> {
    const p = portalOf(ctx);
    return ctx.services.portal.view(ctx.tenant(), p.complaintId);
  }

  @Authorized('portal.respond')
  @Mutation(() => CommentType)
  portalSendMessage(@Arg('body', () => String) body: string, @Ctx() ctx: RequestContext): Promise<CommentType> {
    const p = portalOf(ctx);
    return ctx.services.portal.sendMessage(ctx.tenant(), p.complaintId, body);
  }

  @Authorized('portal.respond')
  @Mutation(() => AttachmentType, { description: 'Attaches evidence (base64, at most 512 KiB; PNG, JPEG, WebP, PDF or plain text)' })
  portalAddAttachment(
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentType> {
    const p = portalOf(ctx);
    return ctx.services.attachments.add(ctx.tenant(), { type: 'customer', id: null, name: null }, p.complaintId, { fileName, contentType, contentBase64 });
  }

  @Authorized('portal.respond')
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, {
    description: 'Accepts the proposed solution with a rating, or rejects it with a reason (a low rating or a rejection opens the next round)',
  })
  async portalRespond(
    @Arg('accepted', () => Boolean) accepted: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('rating', () => Int, { nullable: true }) rating?: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    const p = portalOf(ctx);
    // The version this operation reads lets the workflow skip its own configuration read when it holds it.
    const { version } = await ctx.tenantConfig();
    return ctx.services.lifecycle.act(ctx.tenant(), p, p.complaintId, 'customerResponse', { accepted, rating, comment, reason }, version);
  }

  @Authorized('portal.respond')
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, {
    description: 'Answers the follow-up survey sent after closing (1 to 5, and a comment); the complaint is then archived',
  })
  async portalAnswerSurvey(
    @Arg('rating', () => Int) rating: number,
    @Ctx() ctx: RequestContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ) {
    const p = portalOf(ctx);
    const { version } = await ctx.tenantConfig();
    const note = comment?.trim() || 'Answered the follow-up survey';
    return ctx.services.lifecycle.act(ctx.tenant(), p, p.complaintId, 'recordFollowUp', { note, rating }, version);
  }
}
