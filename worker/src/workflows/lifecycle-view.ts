import { iso, LIFECYCLE_ACTION_NAMES, narrowView, type LifecycleView } from '@complaints/tenant-config/lifecycle-contract';
import { stageProblem } from './lifecycle-rules';
import type { LifecycleState } from './lifecycle-state';

/** The live state for a reader; `permissions` narrows allowedActions to what that reader may do now. */
export function viewOf(s: LifecycleState, now: number, permissions?: readonly string[]): LifecycleView {
  return narrowView(storedViewOf(s, now), now, permissions);
}

/** The view a projection stores: every action the stage allows now, for readers to narrow (narrowView). */
export function storedViewOf(s: LifecycleState, now: number): LifecycleView {
  return {
    stage: s.stage,
    status: s.status,
    round: s.round,
    acknowledged: s.acknowledged,
    stageStartedAt: iso(s.stageStartedAt),
    stageDueAt: iso(s.stageDueAt),
    nextReminderAt: s.clockRunning ? iso(s.reminders[0]?.at ?? null) : null,
    breached: s.breached,
    clockPaused: s.waitingSince !== null,
    waitingOnCustomerSince: iso(s.waitingSince),
    autoCloseAt: iso(s.autoCloseAt),
    followUpAt: iso(s.followUpAt),
    reopenUntil: iso(s.reopenUntil),
    approvalRequired: s.approvalRequired,
    managementReview: s.managementReview,
    configVersion: s.configVersion,
    allowedActions: LIFECYCLE_ACTION_NAMES.filter((a) => stageProblem(a, s, now) === null),
  };
}
