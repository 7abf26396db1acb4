/**
 * The part of this package that workflow code uses: pure lifecycle and SLA functions. Temporal's workflow
 * sandbox evaluates a workflow's modules once for every workflow it runs or replays, so importing the package
 * index there would build every zod schema, the YAML parser and the templates again for each complaint.
 */
export { enabledStages, requiresApproval, SATISFACTION_RATING_MAX, type ApprovalFacts } from './lifecycle';
export { slaMinutesFor, stageDeadline, stageReminders } from './sla';
export type { StageCode } from './schema/stage';
export type { TenantConfig } from './schema/tenant-config';
