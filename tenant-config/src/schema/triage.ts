import { z } from 'zod';
import { TRIAGE_MODES, type TriageMode } from '../config-closed-sets';
import { codeSchema } from './code';

export { TRIAGE_MODES, type TriageMode };

/** A keyword is matched case-insensitively anywhere in the subject or description; blank ones would match everything. */
const riskPatternSchema = z.string().trim().min(1).max(100);

export const riskRuleSchema = z.strictObject({
  id: codeSchema,
  patterns: z.array(riskPatternSchema).min(1),
  /** The severity a matching complaint is raised to (never lowered: a more serious one given at intake stays). */
  severity: codeSchema,
});
export type RiskRule = z.infer<typeof riskRuleSchema>;

/** The seeds' warning signs: public exposure, regulators, legal action, harm to people or property. */
export function defaultRiskRules(): RiskRule[] {
  return [
    { id: 'public-exposure', patterns: ['媒体曝光', '12315'], severity: 'major' },
    { id: 'legal-action', patterns: ['律师', '起诉', 'lawyer'], severity: 'major' },
    { id: 'harm', patterns: ['受伤', '起火', 'injury'], severity: 'major' },
  ];
}

export const triageSchema = z
  .strictObject({
    mode: z.enum(TRIAGE_MODES).default('suggest'),
    /** In auto mode a prediction at or above this confidence is applied; below it a person classifies. */
    threshold: z.number().min(0).max(1).default(0.8),
    riskRules: z.array(riskRuleSchema).default(defaultRiskRules),
  })
  .prefault({});
export type TriagePolicy = z.infer<typeof triageSchema>;

export function defaultTriagePolicy(): TriagePolicy {
  return { mode: 'suggest', threshold: 0.8, riskRules: defaultRiskRules() };
}

/**
 * Configuration versions stored before triage existed have no `triage` section (stored versions are read
 * back as written, not re-parsed); they get the defaults, as a new version written from them would.
 */
export function triagePolicyOf(config: { triage?: TriagePolicy }): TriagePolicy {
  return config.triage ?? defaultTriagePolicy();
}
