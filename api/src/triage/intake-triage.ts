import { triagePolicyOf, type Locale, type TenantConfig } from '@complaints/tenant-config';
import type { TimelineEntry } from '@complaints/tenant-config/lifecycle-contract';
import { detectLanguage, type DetectedLanguage } from './language';
import { matchRiskRules, type RiskMatch } from './risk-rules';

const LOCALE_OF: Record<DetectedLanguage, Locale> = { zh: 'zh-CN', en: 'en' };

/** The customer's locale detected from what they wrote, or null when the text has no letters to judge by. */
export function detectedLocale(subject: string, description: string): Locale | null {
  const language = detectLanguage(`${subject}\n${description}`);
  return language ? LOCALE_OF[language] : null;
}

export interface RiskRaise {
  severity: string;
  /** The timeline event explaining the raise; null when no rule matched or none raised the severity. */
  event: TimelineEntry | null;
}

/**
 * Raises the severity to the most serious one the matching risk rules name, whatever was given or predicted;
 * never lowers it (later severities in the tenant's list are more serious). A rule naming a severity the
 * configuration lacks is skipped: only old versions stored before validation knew of triage can have one.
 */
export function raiseByRiskRules(config: TenantConfig, severity: string, subject: string, description: string): RiskRaise {
  const rank = (code: string) => config.severities.findIndex((s) => s.code === code);
  const matches = matchRiskRules(triagePolicyOf(config).riskRules, subject, description).filter((match) => rank(match.severity) >= 0);
  if (matches.length === 0) return { severity, event: null };
  const raised = matches.reduce((best, match) => (rank(match.severity) > rank(best) ? match.severity : best), severity);
  return { severity: raised, event: riskMatchedEvent(matches, severity, raised) };
}

function riskMatchedEvent(matches: RiskMatch[], from: string, to: string): TimelineEntry {
  const terms = [...new Set(matches.flatMap((match) => match.terms))];
  return {
    kind: 'triage.risk_matched',
    actor: { type: 'system', id: null, name: null },
    from,
    to,
    note: `Risk terms ${terms.join(', ')}`,
    data: { terms, rules: matches.map(({ ruleId, terms: ruleTerms }) => ({ ruleId, terms: ruleTerms })) },
  };
}
