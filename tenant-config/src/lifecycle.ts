import type { StageCode } from './schema/stage';
import type { TenantConfig } from './schema/tenant-config';

/** Satisfaction is rated 1 (very unhappy) to 5 (very happy). */
export const SATISFACTION_RATING_MAX = 5;

/** The stages a new complaint walks through, in lifecycle order. */
export function enabledStages(config: TenantConfig): StageCode[] {
  return config.stages.filter((stage) => stage.enabled).map((stage) => stage.code);
}

export interface ApprovalFacts {
  severity: string;
  /** Compensation offered to the customer, in the approval policy's currency; 0 when none. */
  compensationAmount: number;
}

/**
 * Whether a proposed solution goes to the supervisor. Low-risk cases skip approval so frontline staff can
 * act at once; a tenant that switched the review stage off never requires it.
 */
export function requiresApproval(config: TenantConfig, facts: ApprovalFacts): boolean {
  if (!enabledStages(config).includes('review')) return false;
  const { compensationThreshold, alwaysRequireForSeverities } = config.approval;
  return facts.compensationAmount > compensationThreshold || alwaysRequireForSeverities.includes(facts.severity);
}
