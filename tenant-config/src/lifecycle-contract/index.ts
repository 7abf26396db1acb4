/**
 * `@complaints/tenant-config/lifecycle-contract`: what the complaint workflow and its callers share (the
 * Workflow Update and query definitions, their argument and result types, the projection a transition
 * writes, the closed sets) and the pure lifecycle and SLA functions the workflow runs. No zod, no YAML:
 * Temporal's workflow sandbox evaluates a workflow's modules once for every workflow it runs or replays, so
 * importing the package index there would build every schema and the templates again for each complaint.
 */
export * from './closed-sets';
export * from './actor';
export * from './lifecycle-messages';
export * from './projection';
export * from './lifecycle-view';
export * from './triage-training';
export { enabledStages, requiresApproval, SATISFACTION_RATING_MAX } from '../lifecycle';
export { stageDeadline, stageReminders } from '../sla';
export type { TenantConfig } from '../schema/tenant-config';
