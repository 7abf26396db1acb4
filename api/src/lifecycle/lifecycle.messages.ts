/**
 * The complaint workflow's contract, shared by the API (client side) and the worker (workflow side).
 *
 * It lives in the api package because the worker depends on the api, never the other way round. The
 * workflow bundle imports this file by its compiled path (`@complaints/api/dist/lifecycle/lifecycle.messages`),
 * so it must stay free of side effects: only `@temporalio/workflow`'s pure `define*` helpers and types.
 * A guard test in worker/src/workflows checks that.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const COMPLAINT_LIFECYCLE_WORKFLOW = 'complaintLifecycle';

/** One workflow per complaint; the id makes a second start of the same complaint impossible. */
export function complaintWorkflowId(tenantId: string, complaintId: string): string {
  return `complaint-${tenantId}-${complaintId}`;
}

/** Failure types the update validators throw; the API maps each to a GraphQL error code. */
export const LifecycleRejection = {
  FORBIDDEN: 'LifecycleForbidden',
  WRONG_STAGE: 'LifecycleWrongStage',
  INVALID_INPUT: 'LifecycleInvalidInput',
} as const;

/** Who acts, as the workflow sees it: the API passes the caller's permissions so validators can check them. */
export interface LifecycleCaller {
  type: 'user' | 'api_key' | 'customer' | 'system';
  id: string | null;
  name: string | null;
  permissions: string[];
  /** The tenant's configuration version in force when the caller acted; absent from older callers. */
  configVersion?: number;
}

export interface LifecycleInput {
  tenantId: string;
  complaintId: string;
  number: string;
  severity: string;
  priority: number;
  teamCode: string | null;
  assigneeId: string | null;
  /** ISO instant of intake. */
  intakeAt: string;
  /** Set only when the workflow continues as new: the state it carries over. */
  carried?: unknown;
}

export type CompensationType = 'none' | 'refund' | 'voucher' | 'replacement' | 'repair' | 'other';
export const COMPENSATION_TYPES: readonly CompensationType[] = ['none', 'refund', 'voucher', 'replacement', 'repair', 'other'];

export interface NoteArgs {
  note?: string | null;
}
export interface AssignArgs {
  assigneeId?: string | null;
  teamCode?: string | null;
  note?: string | null;
}
export interface ProposeSolutionArgs {
  text: string;
  compensationType: CompensationType;
  /** In the tenant's approval currency; 0 when no compensation. */
  compensationAmount: number;
}
export interface ReasonArgs {
  reason: string;
}
export interface FeedbackArgs {
  message: string;
}
export interface CustomerResponseArgs {
  accepted: boolean;
  /** 1–5, required when accepted. */
  rating?: number | null;
  comment?: string | null;
  /** Required when not accepted. */
  reason?: string | null;
}
export interface FollowUpArgs {
  note: string;
  rating?: number | null;
}

/** Every action a caller can take, in the words the API and the UI use. */
export type LifecycleAction =
  | 'acknowledge'
  | 'assign'
  | 'startInvestigation'
  | 'proposeSolution'
  | 'approve'
  | 'reject'
  | 'sendFeedback'
  | 'customerResponse'
  | 'recordFollowUp'
  | 'archive'
  | 'reopen';

/** The live state, as the query and every update return it. Instants are ISO strings. */
export interface LifecycleView {
  stage: string;
  status: 'OPEN' | 'WAITING_ON_CUSTOMER' | 'RESOLVED' | 'CLOSED';
  round: number;
  acknowledged: boolean;
  stageStartedAt: string | null;
  stageDueAt: string | null;
  nextReminderAt: string | null;
  breached: boolean;
  clockPaused: boolean;
  waitingOnCustomerSince: string | null;
  autoCloseAt: string | null;
  followUpAt: string | null;
  reopenUntil: string | null;
  approvalRequired: boolean | null;
  managementReview: boolean;
  configVersion: number;
  allowedActions: LifecycleAction[];
}

export interface StateQueryArgs {
  /** The permissions of the reader; allowedActions lists what they may do now. Omitted: every action open now. */
  permissions?: string[];
}

export const acknowledgeUpdate = defineUpdate<LifecycleView, [LifecycleCaller, NoteArgs]>('acknowledge');
export const assignUpdate = defineUpdate<LifecycleView, [LifecycleCaller, AssignArgs]>('assign');
export const startInvestigationUpdate = defineUpdate<LifecycleView, [LifecycleCaller, NoteArgs]>('startInvestigation');
export const proposeSolutionUpdate = defineUpdate<LifecycleView, [LifecycleCaller, ProposeSolutionArgs]>('proposeSolution');
export const approveUpdate = defineUpdate<LifecycleView, [LifecycleCaller, NoteArgs]>('approve');
export const rejectUpdate = defineUpdate<LifecycleView, [LifecycleCaller, ReasonArgs]>('reject');
export const sendFeedbackUpdate = defineUpdate<LifecycleView, [LifecycleCaller, FeedbackArgs]>('sendFeedback');
export const customerResponseUpdate = defineUpdate<LifecycleView, [LifecycleCaller, CustomerResponseArgs]>('customerResponse');
export const recordFollowUpUpdate = defineUpdate<LifecycleView, [LifecycleCaller, FollowUpArgs]>('recordFollowUp');
export const archiveUpdate = defineUpdate<LifecycleView, [LifecycleCaller, NoteArgs]>('archive');
export const reopenUpdate = defineUpdate<LifecycleView, [LifecycleCaller, ReasonArgs]>('reopen');

export const stateQuery = defineQuery<LifecycleView, [StateQueryArgs]>('state');

/** The permission each action needs; the workflow's validators and the API's @Authorized agree on this table. */
export const ACTION_PERMISSION: Record<LifecycleAction, string> = {
  acknowledge: 'complaint.handle',
  assign: 'complaint.assign',
  startInvestigation: 'complaint.handle',
  proposeSolution: 'complaint.handle',
  approve: 'complaint.approve',
  reject: 'complaint.approve',
  sendFeedback: 'complaint.handle',
  // Staff record what the customer said on the phone; a complainant portal caller is type 'customer'.
  customerResponse: 'complaint.handle',
  recordFollowUp: 'complaint.followup',
  archive: 'complaint.archive',
  reopen: 'complaint.reopen',
};
