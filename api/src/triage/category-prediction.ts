import { flattenCategories, triagePolicyOf, type TenantConfig } from '@complaints/tenant-config';
import type { TimelineEntry } from '@complaints/tenant-config/lifecycle-contract';
import { classifyText, type RankedLabel } from './naive-bayes';
import type { StoredTriageModel } from './triage-model.store';

export interface CategoryPrediction {
  /** The predicted category to file the complaint under; null when it is only a suggestion. */
  applied: string | null;
  event: TimelineEntry;
}

const SUGGESTIONS = 3;

/**
 * The tenant model's category for a complaint filed without one. Auto mode applies it at or above the
 * threshold, unless the model was trained with too few labelled complaints of some category; suggest mode
 * (and auto below the threshold) records the ranking for a person to confirm. Labels the
 * configuration no longer has (a category retired since training) are dropped. Null when the model
 * declines (no known term) or knows no current category.
 */
export function predictCategory(config: TenantConfig, stored: StoredTriageModel, subject: string, description: string): CategoryPrediction | null {
  const policy = triagePolicyOf(config);
  if (policy.mode === 'off') return null;
  const classification = classifyText(stored.model, `${subject}\n${description}`);
  if (!classification) return null;
  const known = new Set(flattenCategories(config.categories).map((category) => category.code));
  const ranked = classification.ranked.filter((candidate) => known.has(candidate.label)).slice(0, SUGGESTIONS);
  const best = ranked[0];
  if (!best) return null;
  const applied = policy.mode === 'auto' && !stored.suggestOnly && best.confidence >= policy.threshold ? best.label : null;
  return { applied, event: predictedEvent(stored.version, best, ranked, classification.topTerms, applied !== null) };
}

function predictedEvent(modelVersion: number, best: RankedLabel, ranked: RankedLabel[], topTerms: string[], applied: boolean): TimelineEntry {
  const confidence = Math.round(best.confidence * 100) / 100;
  return {
    kind: 'triage.predicted',
    actor: { type: 'system', id: null, name: null },
    to: best.label,
    note: `${topTerms.join(', ')} → ${best.label}, ${confidence}${applied ? '' : ' (suggestion)'}`,
    data: { field: 'category', applied, confidence: best.confidence, modelVersion, topTerms, ranked },
  };
}
