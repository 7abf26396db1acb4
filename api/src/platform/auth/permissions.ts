import { PERMISSIONS, type Permission, type Role } from '@complaints/tenant-config';
import { forbidden, unauthenticated } from '../errors';
import { OPERATOR_GRANTS, PORTAL_GRANTS, type Grant, type OperatorGrant, type TenantGrant } from './grant';
import type { OperatorPrincipal, Principal, TenantBoundPrincipal } from './principal';

/**
 * The one table principals' grants come from: staff get the union of their roles' permissions in the
 * tenant configuration, API keys the scopes they were issued (a subset of the permissions), portal tokens
 * the fixed portal grants, platform operators the fixed operator grants (and nothing of any tenant).
 */
type GrantSource =
  | { kind: 'staff'; roles: readonly Role[]; roleCodes: readonly string[] }
  | { kind: 'api_key'; scopes: readonly string[] }
  | { kind: 'portal' }
  | { kind: 'operator' };

export function grantsOf(source: GrantSource): ReadonlySet<Grant> {
  switch (source.kind) {
    case 'staff':
      return new Set(source.roles.filter((role) => source.roleCodes.includes(role.code)).flatMap((role) => role.permissions));
    case 'api_key':
      return new Set(source.scopes.filter((scope): scope is Permission => (PERMISSIONS as readonly string[]).includes(scope)));
    case 'portal':
      return new Set(PORTAL_GRANTS);
    case 'operator':
      return new Set(OPERATOR_GRANTS);
  }
}

export const hasPermission = (principal: Principal, grant: Grant): boolean => principal.kind !== 'anonymous' && principal.permissions.has(grant);

const isOperatorGrant = (grant: Grant): grant is OperatorGrant => (OPERATOR_GRANTS as readonly string[]).includes(grant);

/**
 * Every permission check ends here: UNAUTHENTICATED without a principal, FORBIDDEN without the grant (or any of
 * `grants`). Operator grants and tenant grants never cross: besides holding disjoint sets, an operator is refused
 * every tenant grant and a tenant principal every operator grant by kind, so one wrongly built grant set cannot
 * open the other side.
 */
export function requirePermission(principal: Principal, ...grants: [OperatorGrant, ...OperatorGrant[]]): OperatorPrincipal;
export function requirePermission(principal: Principal, ...grants: [TenantGrant, ...TenantGrant[]]): TenantBoundPrincipal;
export function requirePermission(principal: Principal, ...grants: [Grant, ...Grant[]]): OperatorPrincipal | TenantBoundPrincipal;
export function requirePermission(principal: Principal, ...grants: [Grant, ...Grant[]]): OperatorPrincipal | TenantBoundPrincipal {
  if (principal.kind === 'anonymous') throw unauthenticated();
  const held = (grant: Grant) => (principal.kind === 'operator') === isOperatorGrant(grant) && principal.permissions.has(grant);
  if (!grants.some(held)) throw forbidden(`Missing permission: ${grants.join(' or ')}`);
  return principal;
}

/** Separates the alternatives of one `@Authorized` entry (see `anyOf`). */
export const ALTERNATIVE = '|';

/**
 * One `@Authorized` entry that any of `grants` satisfies, for an operation two kinds of callers need (a file
 * attached by the intake clerk at intake or by the handler later). The entries of `@Authorized` stay all required.
 */
export const anyOf = (...grants: [Grant, Grant, ...Grant[]]): string => grants.join(ALTERNATIVE);
