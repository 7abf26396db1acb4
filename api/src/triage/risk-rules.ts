import type { RiskRule } from '@complaints/tenant-config';
import { normaliseText } from './text-normalisation';

export interface RiskMatch {
  ruleId: string;
  severity: string;
  /** The rule's patterns found in the text, as the tenant wrote them. */
  terms: string[];
}

/**
 * The tenant's risk rules that the text triggers, in rule order. A pattern is a keyword matched
 * case-insensitively anywhere (Chinese has no word boundaries to anchor on). The whole text is searched,
 * not only the part the classifier reads: a warning sign at the end of a long letter still counts.
 */
export function matchRiskRules(rules: readonly RiskRule[], ...texts: (string | null | undefined)[]): RiskMatch[] {
  const haystack = texts
    .filter((text): text is string => typeof text === 'string')
    .map((text) => text.normalize('NFKC').toLowerCase())
    .join('\n');
  if (!haystack) return [];
  return rules.flatMap((rule) => {
    const terms = rule.patterns.filter((pattern) => haystack.includes(normaliseText(pattern.trim())));
    return terms.length ? [{ ruleId: rule.id, severity: rule.severity, terms }] : [];
  });
}
