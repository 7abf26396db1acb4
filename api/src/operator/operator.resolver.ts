import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { operatorPrincipal, type RequestContext } from '../app/context';
import { auditActorOf } from '../audit/audit-log.service';
import { boundedFirst } from '../platform/graphql/pagination';
import { Cost, PASSWORD_HASH_COST } from '../platform/graphql/query-cost';
import { listPlans } from './plans';
import { tenantCursor, type TenantOverview } from './tenant-operations.service';
import {
  AcceptedInvitationType,
  CreateTenantInput,
  OperatorAuthPayload,
  OperatorTenant,
  OperatorTenantConnection,
  OperatorTenantFilter,
  PlanType,
  PlatformOperatorType,
} from './operator.types';

const OPERATE = 'platform.operate';

const tenantNode = (t: TenantOverview): OperatorTenant => ({
  ...t,
  usage: { staffCount: t.staffCount, complaintCount: t.complaintCount, openComplaintCount: t.openComplaintCount },
});

/** The platform operator's side: sign-in, tenants and plans. Nothing here is reachable with a tenant's credential. */
@Resolver()
export class OperatorResolver {
  @Cost(PASSWORD_HASH_COST)
  @Mutation(() => OperatorAuthPayload, { description: 'Platform operator sign-in; throttled like staff sign-in' })
  async operatorLogin(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperatorAuthPayload> {
    return ctx.services.auth.operatorLogin(ctx.em, email, password, ctx.clientIp);
  }

  @Authorized(OPERATE)
  @Query(() => PlatformOperatorType)
  operatorMe(@Ctx() ctx: RequestContext): PlatformOperatorType {
    const operator = operatorPrincipal(ctx);
    return { id: operator.operatorId, email: operator.email, displayName: operator.displayName };
  }

  @Authorized(OPERATE)
  @Query(() => OperatorTenantConnection, { description: 'Newest first' })
  async operatorTenants(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OperatorTenantFilter, { nullable: true }) filter?: OperatorTenantFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<OperatorTenantConnection> {
    const page = await ctx.services.tenantOperations.list(ctx.em, filter ?? {}, boundedFirst(first), after);
    const edges = page.nodes.map((t) => ({ cursor: tenantCursor(t), node: tenantNode(t) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized(OPERATE)
  @Query(() => OperatorTenant)
  async operatorTenant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OperatorTenant> {
    return tenantNode(await ctx.services.tenantOperations.one(ctx.em, id));
  }

  @Authorized(OPERATE)
  @Query(() => [PlanType])
  plans(@Ctx() ctx: RequestContext): Promise<PlanType[]> {
    return listPlans(ctx.em);
  }

  @Cost(PASSWORD_HASH_COST)
  @Authorized(OPERATE)
  @Mutation(() => OperatorTenant, {
    description: 'Creates a tenant from an industry template with its first admin, who is emailed a one-time invitation link; all or nothing',
  })
  async createTenant(@Arg('input', () => CreateTenantInput) input: CreateTenantInput, @Ctx() ctx: RequestContext): Promise<OperatorTenant> {
    const tenant = await ctx.services.provisioning.create(ctx.em, auditActorOf(operatorPrincipal(ctx)), input);
    return tenantNode(await ctx.services.tenantOperations.one(ctx.em, tenant.id));
  }

  @Authorized(OPERATE)
  @Mutation(() => OperatorTenant, {
    description: 'Refuses the tenant’s staff, API keys and portal (TENANT_SUSPENDED) and holds its notifications and webhooks until resumed',
  })
  async suspendTenant(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<OperatorTenant> {
    return tenantNode(await ctx.services.tenantOperations.suspend(ctx.em, auditActorOf(operatorPrincipal(ctx)), id, reason ?? null));
  }

  @Authorized(OPERATE)
  @Mutation(() => OperatorTenant, { description: 'Lets the tenant in again; held notifications and webhooks go out' })
  async resumeTenant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OperatorTenant> {
    return tenantNode(await ctx.services.tenantOperations.resume(ctx.em, auditActorOf(operatorPrincipal(ctx)), id));
  }

  @Authorized(OPERATE)
  @Mutation(() => OperatorTenant)
  async changeTenantPlan(
    @Arg('id', () => ID) id: string,
    @Arg('planCode', () => String) planCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperatorTenant> {
    return tenantNode(await ctx.services.tenantOperations.changePlan(ctx.em, auditActorOf(operatorPrincipal(ctx)), id, planCode));
  }

  @Cost(PASSWORD_HASH_COST)
  @Mutation(() => AcceptedInvitationType, { description: 'Sets the invited user’s password from the one-time link; the link then stops working' })
  acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AcceptedInvitationType> {
    return ctx.services.invitations.accept(ctx.em, ctx.services.tenantStatus, token, password);
  }
}
