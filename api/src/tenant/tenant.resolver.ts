import { validateTenantConfig } from '@complaints/tenant-config';
import { Audited } from '../audit/audited';
import { configSaved } from '../audit/audit-subjects';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { tenantIdOf, tenantPrincipal, type RequestContext } from '../app/context';
import { badInput, notFound } from '../platform/errors';
import { previewRouting, RoutingPreview, RoutingSampleInput } from './routing-preview';
import { Tenant } from './tenant.entity';
import { TenantConfigVersionType, TenantType } from './tenant.types';

const HISTORY_MAX = 100;

@Resolver(() => TenantType)
export class TenantResolver {
  @Authorized()
  @Query(() => TenantType, { description: "The caller's tenant" })
  async tenant(@Ctx() ctx: RequestContext): Promise<TenantType> {
    const tenant = await ctx.em.findOne(Tenant, { id: tenantIdOf(ctx) });
    if (!tenant) throw notFound('Tenant');
    return tenant;
  }

  @FieldResolver(() => GraphQLJSONObject, { description: 'The configuration in force' })
  async config(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<object> {
    return ctx.services.tenantConfig.atVersion(ctx.tenant(), tenant.configVersion);
  }

  @Authorized('tenant.configure')
  @Mutation(() => TenantConfigVersionType, { description: 'Validates the whole configuration and saves it as a new version' })
  @Audited('tenant_config_saved', configSaved<{ note?: string }>((args) => ({ note: args.note ?? null })))
  updateTenantConfig(
    @Arg('config', () => GraphQLJSONObject) config: Record<string, unknown>,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<TenantConfigVersionType> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.tenantConfig.update(ctx.tenant(), config, principal.kind === 'user' ? principal.userId : null, note);
  }

  @Authorized('tenant.configure')
  @Query(() => [TenantConfigVersionType], { description: 'Newest first' })
  tenantConfigHistory(@Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<TenantConfigVersionType[]> {
    if (first < 1 || first > HISTORY_MAX) throw badInput([{ path: 'first', message: `first must be between 1 and ${HISTORY_MAX}` }]);
    return ctx.services.tenantConfig.history(ctx.tenant(), first);
  }

  @Authorized('tenant.configure')
  @Query(() => TenantConfigVersionType)
  tenantConfigVersion(@Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<TenantConfigVersionType> {
    return ctx.services.tenantConfig.version(ctx.tenant(), version);
  }

  @Authorized('tenant.configure')
  @Query(() => RoutingPreview, { description: 'Who would get this complaint: under the saved configuration, or a draft passed in' })
  async routingPreview(
    @Arg('sample', () => RoutingSampleInput) sample: RoutingSampleInput,
    @Ctx() ctx: RequestContext,
    @Arg('draft', () => GraphQLJSONObject, { nullable: true }) draft?: Record<string, unknown>,
  ): Promise<RoutingPreview> {
    if (!draft) return previewRouting((await ctx.tenantConfig()).config, sample);
    const result = validateTenantConfig(draft);
    if (!result.ok) throw badInput(result.errors, `The draft configuration has ${result.errors.length} problem(s)`);
    return previewRouting(result.config, sample);
  }
}
