/**
 * The complaint workflow's contract, shared by the API (client side) and the worker (workflow side). The
 * workflow bundle imports it, so it stays free of side effects: only `@temporalio/workflow`'s pure `define*`
 * helpers and plain data (a test beside the entry checks that).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';
import type { CompensationType, ComplaintStatusCode, Permission, StageCode } from './closed-sets';

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
export interface LifecycleCaller extends Actor {
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

export interface NoteArgs {
  note?: string | null;
}
export interface AssignArgs {
  assigneeId?: string | null;
  teamCode?: string | null;
  note?: string | null;
}
export interface FindingsArgs {
  /** What the investigation established; the handling stage builds the solution on it. */
  findings: string;
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

/** The live state, as the query and every update return it. Instants are ISO strings. */
export interface LifecycleView {
  stage: StageCode;
  status: ComplaintStatusCode;
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

export const stateQuery = defineQuery<LifecycleView, [StateQueryArgs]>('state');

export interface StaffResponseArgs {
  /** ISO instant at which staff sent the customer a message (the comment's creation, committed before the signal). */
  at: string;
  /** Who sent the message. */
  actor: Actor;
}
/**
 * Staff answered the customer: the workflow, the only writer of `first_responded_at`, keeps the earliest of
 * this and the acknowledgement. A Signal, sent after the message committed: the message stands whether or
 * not the workflow is reachable, so the caller has nothing to wait for.
 */
export const staffResponseSignal = defineSignal<[StaffResponseArgs]>('recordStaffResponse');

export interface MergedArgs {
  keptId: string;
  keptNumber: string;
  actor: Actor;
}
/** The complaint was merged into another: its workflow archives it and ends, so its SLA clock stops. */
export const mergedSignal = defineSignal<[MergedArgs]>('mergedInto');

const update = <Args>(name: string) => defineUpdate<LifecycleView, [LifecycleCaller, Args]>(name);
/** A lifecycle action's Workflow Update: the caller and the action's arguments in, the live state out. */
export type LifecycleUpdate<Args> = ReturnType<typeof update<Args>>;

/**
 * Every action a caller can take, in the words the API and the UI use: its Workflow Update (the update's
 * name is the action's name) and the permission it needs, which the workflow's validators and the API's
 * authorization both read from here.
 */
export const LIFECYCLE_ACTIONS = {
  acknowledge: { update: update<NoteArgs>('acknowledge'), permission: 'complaint.handle' },
  assign: { update: update<AssignArgs>('assign'), permission: 'complaint.assign' },
  startInvestigation: { update: update<NoteArgs>('startInvestigation'), permission: 'complaint.handle' },
  recordFindings: { update: update<FindingsArgs>('recordFindings'), permission: 'complaint.handle' },
  proposeSolution: { update: update<ProposeSolutionArgs>('proposeSolution'), permission: 'complaint.handle' },
  approve: { update: update<NoteArgs>('approve'), permission: 'complaint.approve' },
  reject: { update: update<ReasonArgs>('reject'), permission: 'complaint.approve' },
  sendFeedback: { update: update<FeedbackArgs>('sendFeedback'), permission: 'complaint.handle' },
  // Staff record what the customer said on the phone; a complainant portal caller is type 'customer'.
  customerResponse: { update: update<CustomerResponseArgs>('customerResponse'), permission: 'complaint.handle' },
  recordFollowUp: { update: update<FollowUpArgs>('recordFollowUp'), permission: 'complaint.followup' },
  archive: { update: update<NoteArgs>('archive'), permission: 'complaint.archive' },
  reopen: { update: update<ReasonArgs>('reopen'), permission: 'complaint.reopen' },
} as const satisfies Record<string, { update: LifecycleUpdate<unknown>; permission: Permission }>;

export type LifecycleAction = keyof typeof LIFECYCLE_ACTIONS;
/** The arguments the action's update takes after the caller. */
export type LifecycleActionArgs<A extends LifecycleAction> = (typeof LIFECYCLE_ACTIONS)[A]['update'] extends LifecycleUpdate<infer Args> ? Args : never;

/** The action's update, typed by its arguments (TypeScript cannot correlate an indexed union by itself). */
export function lifecycleUpdate<A extends LifecycleAction>(action: A): LifecycleUpdate<LifecycleActionArgs<A>> {
  return LIFECYCLE_ACTIONS[action].update as LifecycleUpdate<LifecycleActionArgs<A>>;
}

/** Every action, in the order of the table above. */
export const LIFECYCLE_ACTION_NAMES = Object.keys(LIFECYCLE_ACTIONS) as LifecycleAction[];
