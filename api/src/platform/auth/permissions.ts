import { PERMISSIONS, type Permission, type Role } from '@complaints/tenant-config';
import { forbidden, unauthenticated } from '../errors';
import { PORTAL_GRANTS, type Grant } from './grant';
import type { Principal } from './principal';

/**
 * The one table principals' grants come from: staff get the union of their roles' permissions in the
 * tenant configuration, API keys the scopes they were issued (a subset of the permissions), portal tokens
 * the fixed portal grants.
 */
type GrantSource =
  { kind: 'staff'; roles: readonly Role[]; roleCodes: readonly string[] } | { kind: 'api_key'; scopes: readonly string[] } | { kind: 'portal' };

export function grantsOf(source: GrantSource): ReadonlySet<Grant> {
  switch (source.kind) {
    case 'staff':
      return new Set(source.roles.filter((role) => source.roleCodes.includes(role.code)).flatMap((role) => role.permissions));
    case 'api_key':
      return new Set(source.scopes.filter((scope): scope is Permission => (PERMISSIONS as readonly string[]).includes(scope)));
    case 'portal':
      return new Set(PORTAL_GRANTS);
  }
}

export const hasPermission = (principal: Principal, grant: Grant): boolean => principal.kind !== 'anonymous' && principal.permissions.has(grant);

/** Every permission check ends here: UNAUTHENTICATED without a principal, FORBIDDEN without the grant (or any of `grants`). */
export function requirePermission(principal: Principal, ...grants: [Grant, ...Grant[]]): Exclude<Principal, { kind: 'anonymous' }> {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (!grants.some((grant) => principal.permissions.has(grant))) throw forbidden(`Missing permission: ${grants.join(' or ')}`);
  return principal;
}

/** Separates the alternatives of one `@Authorized` entry (see `anyOf`). */
export const ALTERNATIVE = '|';

/**
 * One `@Authorized` entry that any of `grants` satisfies, for an operation two kinds of callers need (a file
 * attached by the intake clerk at intake or by the handler later). The entries of `@Authorized` stay all required.
 */
export const anyOf = (...grants: [Grant, Grant, ...Grant[]]): string => grants.join(ALTERNATIVE);
