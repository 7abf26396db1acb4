/**
 * The triage-training workflow's contract: one run trains a tenant's category model on its staff-labelled
 * complaints (nightly by a Temporal schedule per tenant, or on demand) and stores it as the next version.
 */
export const TRIAGE_TRAINING_WORKFLOW = 'triageTraining';

export interface TriageTrainingInput {
  tenantId: string;
}

/** What a run stored: the new model's version and its held-out figures, or why it trained nothing. */
export interface TriageTrainingOutcome {
  version: number | null;
  labelled: number;
  macroF1: number | null;
  stayOnSuggestions: boolean;
}

/** One on-demand run per tenant at a time: a second request joins the one running. */
export const triageTrainingWorkflowId = (tenantId: string): string => `triage-training-${tenantId}`;
export const triageTrainingScheduleId = (tenantId: string): string => `triage-training-schedule-${tenantId}`;
