/**
 * The lifecycle view as readers get it. The workflow stores one view per projection with every action its
 * stage allows (`complaints.lifecycle_view`); each reader gets that view narrowed by the same rules the
 * workflow's own query applies, so the API answers from PostgreSQL what the workflow would have answered.
 */
import { LIFECYCLE_ACTIONS, type LifecycleAction, type LifecycleCaller, type LifecycleView } from './lifecycle-messages';

/** What complainants do on their own complaint: answer the solution, reopen it, answer the follow-up survey. */
const CUSTOMER_ACTIONS: readonly LifecycleAction[] = ['customerResponse', 'recordFollowUp', 'reopen'];

/** Complainants act for themselves on their own complaint; everyone else needs the action's permission. */
export function mayAct(action: LifecycleAction, permissions: readonly string[], callerType?: LifecycleCaller['type']): boolean {
  if (callerType === 'customer') return CUSTOMER_ACTIONS.includes(action);
  return permissions.includes(LIFECYCLE_ACTIONS[action].permission);
}

/** A closed complaint can be reopened until its window ends (milliseconds; null: no window). */
export const reopenWindowOpen = (reopenUntil: number | null, now: number): boolean => reopenUntil !== null && now < reopenUntil;

/**
 * The view for one reader at `now`: the stored actions that reader may take, less those whose time passed
 * since the view was written (only the reopen window closes without a transition). No permissions: every
 * action still open.
 */
export function narrowView(view: LifecycleView, now: number, permissions?: readonly string[], callerType?: LifecycleCaller['type']): LifecycleView {
  const reopenUntil = view.reopenUntil === null ? null : Date.parse(view.reopenUntil);
  return {
    ...view,
    allowedActions: view.allowedActions.filter(
      (a) => (a !== 'reopen' || reopenWindowOpen(reopenUntil, now)) && (!permissions || mayAct(a, permissions, callerType)),
    ),
  };
}

/** What a complainant's portal sees: their own actions, without the desk's internal clocks and reviews. */
export function customerView(view: LifecycleView, now: number): LifecycleView {
  return {
    ...narrowView(view, now, [], 'customer'),
    nextReminderAt: null,
    breached: false,
    approvalRequired: null,
    managementReview: false,
  };
}
