import { z } from 'zod';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

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
export const permissionSchema = z.enum(PERMISSIONS);

export const roleSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
  permissions: z.array(permissionSchema),
});
export type Role = z.infer<typeof roleSchema>;
