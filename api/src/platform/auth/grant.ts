import { PERMISSIONS, type Permission } from '@complaints/tenant-config';

/** What a portal token grants on its one complaint: fixed, not part of any tenant's roles. */
export const PORTAL_GRANTS = ['portal.read', 'portal.respond'] as const;
type PortalGrant = (typeof PORTAL_GRANTS)[number];

/** What a platform operator holds; no tenant role, API key scope or portal token can carry these. */
export const OPERATOR_GRANTS = ['platform.operate'] as const;
export type OperatorGrant = (typeof OPERATOR_GRANTS)[number];
/** What a tenant-bound principal can hold. */
export type TenantGrant = Permission | PortalGrant;

/** Everything an operation can require: the tenant-configurable permissions plus the portal's and operator's fixed grants. */
export type Grant = Permission | PortalGrant | OperatorGrant;

const GRANTS: ReadonlySet<string> = new Set<string>([...PERMISSIONS, ...PORTAL_GRANTS, ...OPERATOR_GRANTS]);

export const isGrant = (value: string): value is Grant => GRANTS.has(value);
