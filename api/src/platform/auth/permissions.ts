import { PERMISSIONS, type Permission, type Role } from '@complaints/tenant-config';
import { forbidden, unauthenticated } from '../errors';
import type { Principal } from './principal';

/** What a portal token grants on its one complaint: fixed, not part of any tenant's roles. */
export const PORTAL_GRANTS = ['portal.read', 'portal.respond'] as const;
export type PortalGrant = (typeof PORTAL_GRANTS)[number];

/** Everything an operation can require: the tenant-configurable permissions plus the portal's fixed grants. */
export type Grant = Permission | PortalGrant;

const GRANTS: ReadonlySet<string> = new Set<string>([...PERMISSIONS, ...PORTAL_GRANTS]);

export const isGrant = (value: string): value is Grant => GRANTS.has(value);

/**
 * The one table principals' grants come from: staff get the union of their roles' permissions in the
 * tenant configuration, API keys the scopes they were issued (a subset of the permissions), portal tokens
 * the fixed portal grants.
 */
export type GrantSource = { kind: 'staff'; roles: readonly Role[]; roleCodes: readonly string[] } | { kind: 'api_key'; scopes: readonly string[] } | { kind: 'portal' };

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

/** Every permission check ends here: UNAUTHENTICATED without a principal, FORBIDDEN without the grant. */
export function requirePermission(principal: Principal, grant: Grant): Exclude<Principal, { kind: 'anonymous' }> {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (!principal.permissions.has(grant)) throw forbidden(`Missing permission: ${grant}`);
  return principal;
}
