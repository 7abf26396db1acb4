import { parseDocument, stringify, type YAMLError } from 'yaml';
import type { TenantConfig } from './schema/tenant-config';
import { type ValidationResult, validateTenantConfig } from './validate';

/** YAML for export and hand editing; lines are never folded so long template bodies stay greppable. */
export function toYaml(config: TenantConfig): string {
  return stringify(config, { lineWidth: 0 });
}

function syntaxMessage(error: YAMLError): string {
  // yaml's pretty messages append a source excerpt after the first line; the first line already names the position.
  const firstLine = (error.message.split('\n')[0] ?? '').replace(/:\s*$/, '');
  return `YAML syntax error: ${firstLine}`;
}

/**
 * Parses and validates a YAML document, returning the same result shape as validateTenantConfig; syntax
 * errors come back with path '' because they precede any configuration path. YAML 1.2 (the library
 * default) keeps '2026-10-01' and '09:00' as strings, which is what the schema expects.
 */
export function fromYaml(text: string): ValidationResult {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return { ok: false, errors: document.errors.map((error) => ({ path: '', message: syntaxMessage(error) })) };
  }
  return validateTenantConfig(document.toJS());
}
