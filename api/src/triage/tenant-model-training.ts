import { flattenCategories, triagePolicyOf, type TenantConfig } from '@complaints/tenant-config';
import type { TenantScope } from '../platform/db/tenant-scope';
import { trainAndEvaluate, type HeldOutReport, type LabelledComplaint } from './model-training';
import { FEATURE_SET } from './tokenize';
import { storeTriageModel } from './triage-model.store';

/** Below this many labelled complaints a category is not learnt, and the tenant stays on suggestions. */
export const MIN_LABELLED_PER_CATEGORY = 20;

/** The newest labelled complaints a training reads: about 8 s of CPU on this machine (bench:triage). */
export const MAX_TRAINING_COMPLAINTS = 100_000;

/** What the tenant admin sees before switching to auto; stored as the model's `metrics`. */
export interface TriageModelMetrics extends HeldOutReport {
  featureSet: string;
  labelledComplaints: number;
  minPerLabel: number;
  insufficientLabels: string[];
  stayOnSuggestions: boolean;
}

export interface TenantTraining {
  /** The stored version, now active; null when no category had enough labelled complaints (nothing stored). */
  version: number | null;
  metrics: TriageModelMetrics;
}

/**
 * A complaint's category counts as staff-labelled when staff worked on the complaint (a clerk filed it, or a
 * handler acted on it) and the category was not the model's own auto-filing: training on its own
 * predictions would only reinforce its mistakes.
 */
const LABELLED_COMPLAINTS_SQL = `
  select c.id, c.subject, c.description, c.category_code as label
    from complaints c
   where c.tenant_id = ? and c.category_code is not null
     and exists (select 1 from complaint_events e where e.complaint_id = c.id and e.tenant_id = c.tenant_id and e.actor_type = 'user')
     and not exists (
       select 1 from complaint_events e
        where e.complaint_id = c.id and e.tenant_id = c.tenant_id and e.kind = 'triage.predicted' and e.data->>'applied' = 'true')
   order by c.created_at desc
   limit ?`;

/**
 * Trains the tenant's category model on its staff-labelled complaints, measures it on the held-out ones and
 * stores it as the next, active version (the previous stays for rollback). The tenant's live leaf categories
 * with too few labelled complaints are reported as insufficient; while there are any the model only suggests.
 * Configuration is the caller's (read once per job).
 */
export async function trainTenantModel(scope: TenantScope, config: TenantConfig): Promise<TenantTraining> {
  const rows = await scope.em.execute<{ id: string; subject: string; description: string; label: string }[]>(LABELLED_COMPLAINTS_SQL, [
    scope.tenantId,
    MAX_TRAINING_COMPLAINTS,
  ]);
  const categories = flattenCategories(config.categories);
  const parents = new Set(categories.map((category) => category.parentCode));
  const live = new Set(categories.filter((category) => !category.retired).map((category) => category.code));
  const liveLeaves = [...live].filter((code) => !parents.has(code));
  // A retired category is not learnt: intake refuses it, so the model must never file under it.
  const labelled: LabelledComplaint[] = rows
    .filter((row) => live.has(row.label))
    .map((row) => ({ id: row.id, label: row.label, text: `${row.subject}\n${row.description}` }));
  const result = trainAndEvaluate(labelled, { minPerLabel: MIN_LABELLED_PER_CATEGORY, threshold: triagePolicyOf(config).threshold, labels: liveLeaves });
  const metrics: TriageModelMetrics = {
    ...result.report,
    featureSet: FEATURE_SET,
    labelledComplaints: labelled.length,
    minPerLabel: MIN_LABELLED_PER_CATEGORY,
    insufficientLabels: result.insufficientLabels,
    stayOnSuggestions: result.stayOnSuggestions,
  };
  const version = result.model ? await storeTriageModel(scope, 'category', result.model, metrics) : null;
  return { version, metrics };
}
