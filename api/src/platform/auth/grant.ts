import { PERMISSIONS, type Permission } from '@complaints/tenant-config';

/** What a portal token grants on its one complaint: fixed, not part of any tenant's roles. */
export const PORTAL_GRANTS = ['portal.read', 'portal.respond'] as const;
type PortalGrant = (typeof PORTAL_GRANTS)[number];

/** Everything an operation can require: the tenant-configurable permissions plus the portal's fixed grants. */
export type Grant = Permission | PortalGrant;

const GRANTS: ReadonlySet<string> = new Set<string>([...PERMISSIONS, ...PORTAL_GRANTS]);

export const isGrant = (value: string): value is Grant => GRANTS.has(value);
