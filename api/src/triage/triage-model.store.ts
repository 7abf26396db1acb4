import type { TenantScope } from '../platform/db/tenant-scope';
import type { NaiveBayesModel } from './naive-bayes';

export type PredictedField = 'category' | 'severity';

export interface StoredTriageModel {
  version: number;
  model: NaiveBayesModel;
}

/** The tenant's active model for one field, or null while it has none trained (or rolled all back). */
export async function activeTriageModel(scope: TenantScope, field: PredictedField): Promise<StoredTriageModel | null> {
  const [row] = await scope.em.execute<{ version: number; model: NaiveBayesModel }[]>(
    'select version, model from triage_models where tenant_id = ? and field = ? and active',
    [scope.tenantId, field],
  );
  return row ? { version: row.version, model: row.model } : null;
}
