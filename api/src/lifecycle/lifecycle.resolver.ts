import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LIFECYCLE_ACTIONS, type LifecycleAction, type LifecycleActionArgs } from '@complaints/tenant-config/lifecycle-contract';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { badInput } from '../platform/errors';
import { Cost, SERVICE_CALL_COST } from '../platform/graphql/query-cost';
import { ComplaintLifecycleType, CustomerResponseInput, LifecycleActionPayload, ProposeSolutionInput } from './lifecycle.types';

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/** Thin: the action's permission by @Authorized, then its Workflow Update; the workflow's validators judge stage and input. */
@Resolver()
export class LifecycleResolver {
  @Authorized('complaint.read')
  @Cost(SERVICE_CALL_COST)
  @Query(() => ComplaintLifecycleType, { description: "The complaint's live lifecycle: stage, round, deadlines, what the caller may do" })
  async complaintLifecycle(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ComplaintLifecycleType> {
    return ComplaintLifecycleType.from(await ctx.services.lifecycle.state(ctx.tenant(), tenantPrincipal(ctx), id));
  }

  @Authorized(LIFECYCLE_ACTIONS.acknowledge.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'First response to the complainant' })
  acknowledgeComplaint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Arg('note', () => String, { nullable: true }) note?: string) {
    return act(ctx, id, 'acknowledge', { note });
  }

  @Authorized(LIFECYCLE_ACTIONS.assign.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'Assigns or reassigns the owner through the lifecycle' })
  async reassignComplaint(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId?: string,
    @Arg('teamCode', () => String, { nullable: true }) teamCode?: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ) {
    await ctx.services.complaints.checkAssignment(ctx.tenant(), (await ctx.tenantConfig()).config, { assigneeId, teamCode });
    return act(ctx, id, 'assign', { assigneeId, teamCode, note });
  }

  @Authorized(LIFECYCLE_ACTIONS.startInvestigation.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload)
  startInvestigation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Arg('note', () => String, { nullable: true }) note?: string) {
    return act(ctx, id, 'startInvestigation', { note });
  }

  @Authorized(LIFECYCLE_ACTIONS.recordFindings.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'Ends investigation with what it established and enters handling' })
  recordFindings(@Arg('id', () => ID) id: string, @Arg('findings', () => String) findings: string, @Ctx() ctx: RequestContext) {
    return act(ctx, id, 'recordFindings', { findings });
  }

  @Authorized(LIFECYCLE_ACTIONS.proposeSolution.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'Goes to the supervisor when approval is required, otherwise straight to feedback' })
  proposeSolution(@Arg('id', () => ID) id: string, @Arg('input', () => ProposeSolutionInput) input: ProposeSolutionInput, @Ctx() ctx: RequestContext) {
    if (!MONEY.test(input.compensationAmount)) throw badInput([{ path: 'input.compensationAmount', message: 'Use a decimal amount such as 150 or 150.00' }]);
    return act(ctx, id, 'proposeSolution', {
      text: input.text,
      compensationType: input.compensationType,
      compensationAmount: Number(input.compensationAmount),
    });
  }

  @Authorized(LIFECYCLE_ACTIONS.approve.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload)
  approveSolution(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Arg('note', () => String, { nullable: true }) note?: string) {
    return act(ctx, id, 'approve', { note });
  }

  @Authorized(LIFECYCLE_ACTIONS.reject.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload)
  rejectSolution(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext) {
    return act(ctx, id, 'reject', { reason });
  }

  @Authorized(LIFECYCLE_ACTIONS.sendFeedback.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'Sends the solution to the customer; the SLA clock pauses until they answer' })
  sendFeedback(@Arg('id', () => ID) id: string, @Arg('message', () => String) message: string, @Ctx() ctx: RequestContext) {
    return act(ctx, id, 'sendFeedback', { message });
  }

  @Authorized(LIFECYCLE_ACTIONS.customerResponse.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: "Records the customer's answer; an unhappy answer opens the next round" })
  recordCustomerResponse(@Arg('id', () => ID) id: string, @Arg('input', () => CustomerResponseInput) input: CustomerResponseInput, @Ctx() ctx: RequestContext) {
    return act(ctx, id, 'customerResponse', { accepted: input.accepted, rating: input.rating, comment: input.comment, reason: input.reason });
  }

  @Authorized(LIFECYCLE_ACTIONS.recordFollowUp.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload)
  recordFollowUp(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext,
    @Arg('rating', () => Int, { nullable: true }) rating?: number,
  ) {
    return act(ctx, id, 'recordFollowUp', { note, rating });
  }

  @Authorized(LIFECYCLE_ACTIONS.archive.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: 'Archives a closed complaint without a follow-up survey' })
  archiveComplaint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Arg('note', () => String, { nullable: true }) note?: string) {
    return act(ctx, id, 'archive', { note });
  }

  @Authorized(LIFECYCLE_ACTIONS.reopen.permission)
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => LifecycleActionPayload, { description: "Reopens a closed complaint within the tenant's window as a new round" })
  reopenComplaint(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext) {
    return act(ctx, id, 'reopen', { reason });
  }
}

async function act<A extends LifecycleAction>(ctx: RequestContext, id: string, action: A, args: LifecycleActionArgs<A>): Promise<LifecycleActionPayload> {
  const { version } = await ctx.tenantConfig();
  const { lifecycle, complaint } = await ctx.services.lifecycle.act(ctx.tenant(), tenantPrincipal(ctx), id, action, args, version);
  return Object.assign(new LifecycleActionPayload(), { complaint, lifecycle: ComplaintLifecycleType.from(lifecycle) });
}
