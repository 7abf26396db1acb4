import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../lifecycle-contract/closed-sets';
import { codeSchema } from './code';
import { localizedTextSchema } from './localized-text';

export { PERMISSIONS, type Permission };
export const permissionSchema = z.enum(PERMISSIONS);

export const roleSchema = z.strictObject({
  code: codeSchema,
  name: localizedTextSchema,
  permissions: z.array(permissionSchema),
});
export type Role = z.infer<typeof roleSchema>;
