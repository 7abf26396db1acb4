/**
 * The fixed vocabularies every side shares: the zod schemas validate against them, the API exposes them as
 * GraphQL enums, the workflow switches on them. Plain arrays, so workflow code can import them for free.
 */

/** The lifecycle from the seeds; the complaint workflow walks the enabled stages in exactly this order. */
export const DEFAULT_STAGE_ORDER = ['intake', 'investigation', 'handling', 'review', 'feedback', 'followup', 'archive'] as const;
export type StageCode = (typeof DEFAULT_STAGE_ORDER)[number];

/** The fixed catalogue the API checks against; tenants compose roles from it but cannot invent permissions. */
export const PERMISSIONS = [
  'complaint.read',
  'complaint.create',
  'complaint.assign',
  'complaint.handle',
  'complaint.approve',
  'complaint.followup',
  'complaint.archive',
  'complaint.reopen',
  'comment.internal',
  'comment.customer',
  'analytics.read',
  'tenant.configure',
  'user.manage',
  'team.manage',
  'apikey.manage',
  'knowledge.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Intake channels from the seeds plus `api` for third-party frontends; fixed because the API stores them. */
export const CHANNELS = ['phone', 'chat', 'email', 'social', 'store', 'app', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a complaint stands for its complainant; the stage says where it stands for staff. */
export const COMPLAINT_STATUSES = ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'] as const;
export type ComplaintStatusCode = (typeof COMPLAINT_STATUSES)[number];

export const COMPENSATION_TYPES = ['none', 'refund', 'voucher', 'replacement', 'repair', 'other'] as const;
export type CompensationType = (typeof COMPENSATION_TYPES)[number];

/** Who wrote a timeline event or comment: staff, an integration's API key, the complainant, or the platform itself. */
export const ACTOR_TYPES = ['user', 'api_key', 'customer', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
