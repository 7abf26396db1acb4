import type { Actor } from '@complaints/tenant-config';

/** Who is calling. Every principal except the anonymous one is bound to exactly one tenant. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; tenantId: string; userId: string; displayName: string; roles: string[]; permissions: ReadonlySet<string> }
  | { kind: 'api_key'; tenantId: string; apiKeyId: string; name: string; permissions: ReadonlySet<string> }
  /** A complainant holding a short-lived token for exactly one complaint (from trackComplaint). */
  | { kind: 'portal'; tenantId: string; complaintId: string; permissions: ReadonlySet<string> };

/** What a portal token allows, on its one complaint only. */
export const PORTAL_PERMISSIONS: ReadonlySet<string> = new Set(['portal.read', 'portal.respond']);

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function actorOf(principal: Principal): Actor {
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
