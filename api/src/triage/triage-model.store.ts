import type { TenantScope } from '../platform/db/tenant-scope';
import type { NaiveBayesModel } from './naive-bayes';

export type PredictedField = 'category' | 'severity';

export interface StoredTriageModel {
  version: number;
  model: NaiveBayesModel;
  /**
   * Trained while some label had too few labelled complaints: it ranks suggestions but never files a
   * complaint on its own, whatever the tenant's mode.
   */
  suggestOnly: boolean;
}

/** The tenant's active model for one field, or null while it has none trained (or rolled all back). */
export async function activeTriageModel(scope: TenantScope, field: PredictedField): Promise<StoredTriageModel | null> {
  const [row] = await scope.em.execute<{ version: number; model: NaiveBayesModel; suggestOnly: boolean }[]>(
    `select version, model, coalesce((metrics->>'stayOnSuggestions')::boolean, false) as "suggestOnly"
       from triage_models where tenant_id = ? and field = ? and active`,
    [scope.tenantId, field],
  );
  return row ? { version: row.version, model: row.model, suggestOnly: row.suggestOnly } : null;
}

/** Versions are per tenant across fields: two trainings at once must not pick the same number. */
async function lockTenantModels(scope: TenantScope): Promise<void> {
  await scope.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`triage_models:${scope.tenantId}`]);
}

/** Stores a newly trained model as the next version and makes it the field's active one; returns its version. */
export async function storeTriageModel(scope: TenantScope, field: PredictedField, model: NaiveBayesModel, metrics: object): Promise<number> {
  await lockTenantModels(scope);
  const [{ version }] = await scope.em.execute<{ version: number }[]>(
    'select coalesce(max(version), 0) + 1 as version from triage_models where tenant_id = ?',
    [scope.tenantId],
  );
  // Deactivate first: the one-active-per-field index is checked statement by statement.
  await scope.em.execute('update triage_models set active = false where tenant_id = ? and field = ? and active', [scope.tenantId, field]);
  await scope.em.execute('insert into triage_models (tenant_id, version, field, model, metrics, active) values (?, ?, ?, ?, ?, true)', [
    scope.tenantId,
    version,
    field,
    JSON.stringify(model),
    JSON.stringify(metrics),
  ]);
  return version;
}

/**
 * Puts the field's previous model back: the active version is switched off and the newest older one on.
 * Returns the version now active, or null when none is (the oldest was rolled back, or none was active).
 */
export async function rollbackTriageModel(scope: TenantScope, field: PredictedField): Promise<number | null> {
  await lockTenantModels(scope);
  const [active] = await scope.em.execute<{ version: number }[]>('select version from triage_models where tenant_id = ? and field = ? and active', [
    scope.tenantId,
    field,
  ]);
  if (!active) return null;
  await scope.em.execute('update triage_models set active = false where tenant_id = ? and version = ?', [scope.tenantId, active.version]);
  const [previous] = await scope.em.execute<{ version: number }[]>(
    `update triage_models set active = true
      where tenant_id = ? and version = (select max(version) from triage_models where tenant_id = ? and field = ? and version < ?)
      returning version`,
    [scope.tenantId, scope.tenantId, field, active.version],
  );
  return previous?.version ?? null;
}

/** Every version of the field's model with its held-out figures, newest first (the model itself stays here). */
export async function listTriageModels(
  scope: TenantScope,
  field: PredictedField,
): Promise<{ version: number; field: string; active: boolean; createdAt: Date; metrics: Record<string, unknown> }[]> {
  const rows = await scope.em.execute<{ version: number; field: string; active: boolean; createdAt: string | Date; metrics: Record<string, unknown> }[]>(
    `select version, field, active, created_at as "createdAt", metrics from triage_models where tenant_id = ? and field = ? order by version desc`,
    [scope.tenantId, field],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
