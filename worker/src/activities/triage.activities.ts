import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantConfigService, withTenant } from '@complaints/api';
import { trainTenantModel } from '@complaints/api/triage';
import type { TriageTrainingOutcome } from '@complaints/tenant-config/lifecycle-contract';

/** The triage-training job's one activity: reads, trains and stores in the tenant's scope. */
export function createTriageActivities({ root, tenantConfig }: { root: EntityManager; tenantConfig: TenantConfigService }) {
  return {
    async trainTriageModel(tenantId: string): Promise<TriageTrainingOutcome> {
      return withTenant(root, tenantId, async (scope) => {
        const { version, metrics } = await trainTenantModel(scope, (await tenantConfig.current(scope)).config);
        return {
          version,
          labelled: metrics.labelledComplaints,
          macroF1: version === null ? null : metrics.macroF1,
          stayOnSuggestions: metrics.stayOnSuggestions,
        };
      });
    },
  };
}

export type TriageActivities = ReturnType<typeof createTriageActivities>;
