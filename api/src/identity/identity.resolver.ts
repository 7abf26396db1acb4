import { LIFECYCLE_ACTIONS } from '@complaints/tenant-config/lifecycle-contract';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audited';
import { apiKeyCreated, apiKeyRevoked, userCreated, userUpdated } from '../audit/audit-subjects';
import { tenantPrincipal, type RequestContext } from '../app/context';
import type { StaffPrincipal } from '../platform/auth/principal';
import { forbidden, notFound } from '../platform/errors';
import { Cost, PASSWORD_HASH_COST } from '../platform/graphql/query-cost';
import { Tenant } from '../tenant/tenant.entity';
import { ApiKeyType } from './api-key.types';
import { AuthPayload, CreateApiKeyInput, CreatedApiKey, CreateUserInput, Me, UpdateUserInput } from './identity.types';
import { StaffMemberType, UserType } from './user.types';

@Resolver()
export class IdentityResolver {
  @Cost(PASSWORD_HASH_COST)
  @Mutation(() => AuthPayload, {
    description:
      'Staff sign-in; tokens go in `Authorization: Bearer <accessToken>`. Repeated failures lock the account or address for a while (RATE_LIMITED with retryAfter)',
  })
  login(
    @Arg('tenantSlug', () => String) tenantSlug: string,
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return ctx.services.auth.login(ctx.em, tenantSlug, email, password, ctx.clientIp);
  }

  @Mutation(() => AuthPayload)
  refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.auth.refresh(ctx.em, refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the session of the access token used; its refresh token stops working' })
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.auth.logout(ctx.tenant(), staffPrincipal(ctx));
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Ends every session of the signed-in user, this one included; answers how many were open' })
  signOutEverywhere(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.auth.signOutEverywhere(ctx.tenant(), staffPrincipal(ctx));
  }

  @Query(() => Me)
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const principal = tenantPrincipal(ctx);
    const tenant = await ctx.em.findOne(Tenant, { id: principal.tenantId });
    if (!tenant) throw notFound('Tenant');
    const user = principal.kind === 'user' ? await ctx.services.identity.user(ctx.tenant(), principal.userId) : null;
    return { kind: principal.kind, user, tenant, permissions: [...principal.permissions].sort() };
  }

  @Authorized('user.manage')
  @Query(() => [UserType])
  users(@Ctx() ctx: RequestContext): Promise<UserType[]> {
    return ctx.services.identity.users(ctx.tenant());
  }

  @Authorized(LIFECYCLE_ACTIONS.assign.permission)
  @Query(() => [StaffMemberType], { description: 'Active staff a complaint can be assigned to; needs only the assignment permission' })
  assignableStaff(@Ctx() ctx: RequestContext): Promise<StaffMemberType[]> {
    return ctx.services.identity.assignableStaff(ctx.tenant());
  }

  @Authorized('user.manage')
  @Mutation(() => UserType)
  @Audited('user_created', userCreated)
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<UserType> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.identity.createUser(ctx.tenant(), config, input);
  }

  @Authorized('user.manage')
  @Mutation(() => UserType)
  @Audited('user_updated', userUpdated)
  async updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UserType> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.identity.updateUser(ctx.tenant(), config, id, input);
  }

  @Authorized('apikey.manage')
  @Query(() => [ApiKeyType])
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKeyType[]> {
    return ctx.services.identity.apiKeys(ctx.tenant());
  }

  @Authorized('apikey.manage')
  @Mutation(() => CreatedApiKey)
  @Audited('apikey_created', apiKeyCreated)
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreatedApiKey> {
    const principal = tenantPrincipal(ctx);
    return ctx.services.identity.createApiKey(ctx.em, principal.kind === 'user' ? principal.userId : null, input);
  }

  @Authorized('apikey.manage')
  @Mutation(() => ApiKeyType)
  @Audited('apikey_revoked', apiKeyRevoked)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKeyType> {
    return ctx.services.identity.revokeApiKey(ctx.tenant(), id);
  }
}

function staffPrincipal(ctx: RequestContext): StaffPrincipal {
  const principal = tenantPrincipal(ctx);
  if (principal.kind !== 'user') throw forbidden('Only a signed-in staff user has a session to end');
  return principal;
}
