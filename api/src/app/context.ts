import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperatorPrincipal, Principal, TenantBoundPrincipal } from '../platform/auth/principal';
import { forbidden, unauthenticated } from '../platform/errors';
import type { Services } from './services';
import type { Loaders } from './loaders';
import type { VersionedConfig } from '../tenant/tenant-config.service';
import type { TenantScope } from '../platform/db/tenant-scope';

/**
 * One per GraphQL operation: who calls, an EntityManager fork inside the operation's own
 * transaction (already scoped to the caller's tenant), the domain services and the DataLoaders.
 */
export interface RequestContext {
  em: EntityManager;
  principal: Principal;
  services: Services;
  loaders: Loaders;
  /** The caller's address, for rate limits on public operations. */
  clientIp: string;
  /**
   * What Apollo learns while executing. A holder object, not fields: Apollo runs each operation on a
   * shallow copy of the context, so only a shared reference reaches back to the transaction's owner.
   */
  outcome: OperationOutcome;
  /** The caller's tenant on this operation's EntityManager; throws UNAUTHENTICATED for an anonymous caller. */
  tenant(): TenantScope;
  /** The tenant configuration in force, read at most once per operation. */
  tenantConfig(): Promise<VersionedConfig>;
}

interface OperationOutcome {
  /** Set once the operation is resolved; a query's unit of work is discarded, not diffed, at commit. */
  kind?: 'query' | 'mutation' | 'subscription';
  /** The operation's name, once resolved (metrics, traces, logs). */
  name?: string;
  /** Set when the operation answered with errors: its transaction rolls back. */
  failed: boolean;
}

export type TenantPrincipal = TenantBoundPrincipal;

export const OPERATOR_OUTSIDE_TENANTS = 'A platform operator token does not reach tenant operations';

/** The caller's tenant-bound principal; an operator is refused here, so no tenant-scoped operation serves one. */
export function tenantPrincipal(ctx: RequestContext): TenantPrincipal {
  if (ctx.principal.kind === 'anonymous') throw unauthenticated();
  if (ctx.principal.kind === 'operator') throw forbidden(OPERATOR_OUTSIDE_TENANTS);
  return ctx.principal;
}

export function operatorPrincipal(ctx: RequestContext): OperatorPrincipal {
  if (ctx.principal.kind !== 'operator') throw forbidden('Only a platform operator may do this');
  return ctx.principal;
}

export const tenantIdOf = (ctx: RequestContext): string => tenantPrincipal(ctx).tenantId;
