import { proxyActivities } from '@temporalio/workflow';
import type { TriageTrainingInput, TriageTrainingOutcome } from '@complaints/tenant-config/lifecycle-contract';
import type { TriageActivities } from '../activities/triage.activities';

// Training reads up to 100,000 complaints and spends seconds of CPU; a crashed worker's attempt is retried.
const { trainTriageModel } = proxyActivities<TriageActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', maximumAttempts: 3 },
});

/** Trains one tenant's triage model; started by the tenant's nightly schedule or on demand. */
export async function triageTraining(input: TriageTrainingInput): Promise<TriageTrainingOutcome> {
  return trainTriageModel(input.tenantId);
}
