import type { z } from 'zod';
import { tenantConfigSchema, type TenantConfig } from './schema/tenant-config';
import { formatConfigPath } from './validation/config-problem';
import { plainIssueMessage } from './validation/plain-messages';

export interface ConfigError {
  /** Where the problem is, e.g. 'sla.investigation.major' or 'categories[0].children[1].code'; '' for the whole document. */
  path: string;
  /** What is wrong and how to fix it, in plain English for a tenant admin. */
  message: string;
}

export type ValidationResult = { ok: true; config: TenantConfig } | { ok: false; errors: ConfigError[] };

/**
 * Checks untrusted input (an admin form, an imported YAML file) and returns either the typed configuration
 * with defaults filled in, or every problem found. Shape problems are reported first; cross-field problems
 * (unknown references, missing SLAs…) appear once the shape is right.
 */
export function validateTenantConfig(input: unknown): ValidationResult {
  const result = tenantConfigSchema.safeParse(input, { error: plainIssueMessage });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.flatMap(toConfigErrors) };
}

/** One error per unknown key, located at the key itself, so an admin can find the typo in the YAML. */
function toConfigErrors(issue: z.core.$ZodIssue): ConfigError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatConfigPath([...issue.path, key]),
      message: `Unknown setting '${key}'; check the spelling or remove it`,
    }));
  }
  return [{ path: formatConfigPath(issue.path), message: issue.message }];
}
