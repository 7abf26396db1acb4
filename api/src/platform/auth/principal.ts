import type { Actor } from '@complaints/tenant-config';
import type { Grant } from './grant';

/** Who is calling. Every principal except the anonymous one and the platform operator is bound to exactly one tenant. */
export type Principal =
  | { kind: 'anonymous' }
  /** `sessionId` is the sign-in the access token descends from (logout ends it). */
  | { kind: 'user'; tenantId: string; userId: string; sessionId: string; displayName: string; roles: string[]; permissions: ReadonlySet<Grant> }
  | { kind: 'api_key'; tenantId: string; apiKeyId: string; name: string; permissions: ReadonlySet<Grant> }
  /** A complainant holding a short-lived token for exactly one complaint (from trackComplaint). */
  | { kind: 'portal'; tenantId: string; complaintId: string; permissions: ReadonlySet<Grant> }
  /** The platform operator: outside every tenant, it holds only the operator grants and enters no tenant by itself. */
  | { kind: 'operator'; operatorId: string; email: string; displayName: string; permissions: ReadonlySet<Grant> };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export type StaffPrincipal = Extract<Principal, { kind: 'user' }>;
export type OperatorPrincipal = Extract<Principal, { kind: 'operator' }>;
/** A principal bound to one tenant. */
export type TenantBoundPrincipal = Exclude<Principal, { kind: 'anonymous' } | { kind: 'operator' }>;

export function actorOf(principal: TenantBoundPrincipal | { kind: 'anonymous' }): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, name: principal.displayName };
    case 'api_key':
      return { type: 'api_key', id: principal.apiKeyId, name: principal.name };
    case 'portal':
      return { type: 'customer', id: null, name: null };
    case 'anonymous':
      return { type: 'system', id: null, name: null };
  }
}
