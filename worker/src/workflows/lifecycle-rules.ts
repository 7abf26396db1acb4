/**
 * Which action is allowed when, and what input it needs. Pure functions over the lifecycle state, used
 * by the update validators (to reject early, before anything reaches history) and again by the handlers
 * (the state may have moved while a handler waited for an activity).
 */
import { ApplicationFailure } from '@temporalio/workflow';
import {
  COMPENSATION_TYPES,
  LIFECYCLE_ACTIONS,
  LifecycleRejection,
  mayAct,
  reopenWindowOpen,
  SATISFACTION_RATING_MAX,
  type LifecycleAction,
  type LifecycleCaller,
  type TenantConfig,
} from '@complaints/tenant-config/lifecycle-contract';
import type { LifecycleState } from './lifecycle-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 10_000;

/** Why the action is not possible in the current state, or null when it is. */
export function stageProblem(action: LifecycleAction, s: LifecycleState, now: number): string | null {
  const closed = s.stage === 'followup' || s.stage === 'archive';
  switch (action) {
    case 'acknowledge':
      if (s.stage !== 'intake') return 'Only a complaint in intake can be acknowledged';
      return s.acknowledged ? 'The complaint is already acknowledged' : null;
    case 'assign':
      return s.archived ? 'An archived complaint cannot be reassigned' : null;
    case 'startInvestigation':
      return s.stage === 'intake' ? null : 'Investigation starts from intake';
    case 'recordFindings':
      if (s.stage !== 'investigation') return 'Findings are recorded during investigation';
      return s.findingsRequired ? null : 'This desk investigates and handles in one step: propose the solution';
    case 'proposeSolution':
      if (s.stage === 'handling') return null;
      if (s.stage === 'investigation' && !s.findingsRequired) return null;
      return s.findingsRequired && s.stage === 'investigation'
        ? 'Record the findings first: the solution is proposed in handling'
        : 'A solution is proposed during investigation or handling';
    case 'approve':
      return s.stage === 'review' ? null : 'Nothing is waiting for approval';
    case 'reject':
      if (s.stage !== 'review') return 'Nothing is waiting for approval';
      return s.managementReview ? 'A management review ends with a decision (approve), not a rejection' : null;
    case 'sendFeedback':
      if (s.stage !== 'feedback') return 'Feedback is sent once the solution is approved or needs no approval';
      return s.waitingSince !== null ? 'Feedback was sent; the customer has not answered yet' : null;
    case 'customerResponse':
      return s.stage === 'feedback' && s.waitingSince !== null ? null : 'No feedback is waiting for the customer';
    case 'recordFollowUp':
      return s.stage === 'followup' ? null : 'Follow-up happens after the complaint is closed';
    case 'archive':
      return s.stage === 'followup' ? null : 'Only a closed complaint in follow-up can be archived';
    case 'reopen':
      if (!closed || s.closedAt === null) return 'Only a closed complaint can be reopened';
      return reopenWindowOpen(s.reopenUntil, now) ? null : 'The reopen window has passed';
  }
}

/** Field problems of an action's arguments, empty when valid. */
/** `config` is absent only in the first instants of a run; checks needing it then wait for the handler. */
export function inputProblems(action: LifecycleAction, args: Record<string, unknown>, config: TenantConfig | undefined): string[] {
  const problems: string[] = [];
  const text = (key: string, required: boolean) => {
    const value = args[key];
    if (value === undefined || value === null || value === '') {
      if (required) problems.push(`${key} is required`);
      return;
    }
    if (typeof value !== 'string' || !value.trim()) problems.push(`${key} must be non-empty text`);
    else if (value.length > MAX_TEXT) problems.push(`${key} is longer than ${MAX_TEXT} characters`);
  };
  const rating = (required: boolean) => {
    const value = args.rating;
    if (value === undefined || value === null) {
      if (required) problems.push('rating is required');
      return;
    }
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > SATISFACTION_RATING_MAX) {
      problems.push(`rating must be a whole number from 1 to ${SATISFACTION_RATING_MAX}`);
    }
  };
  switch (action) {
    case 'assign': {
      const { assigneeId, teamCode } = args;
      if (assigneeId == null && teamCode == null) problems.push('Give an assignee, a team or both');
      if (assigneeId != null && (typeof assigneeId !== 'string' || !UUID.test(assigneeId))) problems.push('assigneeId is not a user id');
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- unvalidated caller input, echoed as it came
      if (teamCode != null && config && !config.teams.some((t) => t.code === teamCode)) problems.push(`Unknown team "${String(teamCode)}"`);
      text('note', false);
      break;
    }
    case 'proposeSolution': {
      text('text', true);
      if (!(COMPENSATION_TYPES as readonly unknown[]).includes(args.compensationType))
        problems.push(`compensationType must be one of ${COMPENSATION_TYPES.join(', ')}`);
      const amount = args.compensationAmount;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) problems.push('compensationAmount must be a number >= 0');
      else if (args.compensationType === 'none' && amount > 0) problems.push('compensationAmount must be 0 when compensationType is none');
      break;
    }
    case 'recordFindings':
      text('findings', true);
      break;
    case 'reject':
    case 'reopen':
      text('reason', true);
      break;
    case 'sendFeedback':
      text('message', true);
      break;
    case 'customerResponse':
      if (typeof args.accepted !== 'boolean') problems.push('accepted must be true or false');
      rating(args.accepted === true);
      text('comment', false);
      text('reason', args.accepted === false);
      break;
    case 'recordFollowUp':
      text('note', true);
      rating(false);
      break;
    default:
      text('note', false);
  }
  return problems;
}

/** Throws the typed rejection the API maps to FORBIDDEN, CONFLICT or BAD_USER_INPUT. */
export function assertAllowed(
  action: LifecycleAction,
  caller: LifecycleCaller,
  args: Record<string, unknown>,
  s: LifecycleState,
  config: TenantConfig | undefined,
  now: number,
): void {
  if (!caller || !Array.isArray(caller.permissions) || !mayAct(action, caller.permissions, caller.type)) {
    throw ApplicationFailure.create({
      type: LifecycleRejection.FORBIDDEN,
      message: `Missing permission: ${LIFECYCLE_ACTIONS[action].permission}`,
      nonRetryable: true,
    });
  }
  const stage = stageProblem(action, s, now);
  if (stage) throw ApplicationFailure.create({ type: LifecycleRejection.WRONG_STAGE, message: stage, nonRetryable: true, details: [s.stage] });
  const problems = inputProblems(action, args ?? {}, config);
  if (problems.length) {
    throw ApplicationFailure.create({ type: LifecycleRejection.INVALID_INPUT, message: problems.join('; '), nonRetryable: true, details: problems });
  }
}
