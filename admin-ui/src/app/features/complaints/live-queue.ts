import type { ComplaintRowFragment, LiveUpdateFragment } from '../../graphql/generated';

/** Applies a live update to a row already on screen; the fields the feed carries replace the old ones. */
export function patchRow(row: ComplaintRowFragment, update: LiveUpdateFragment): ComplaintRowFragment {
  const c = update.complaint;
  return {
    ...row,
    stage: c.stage,
    status: c.status,
    severity: c.severity,
    priority: c.priority,
    round: c.round,
    subject: c.subject,
    teamCode: c.teamCode ?? null,
    stageDueAt: c.stageDueAt ?? null,
    assignee: c.assigneeId ? { id: c.assigneeId, displayName: c.assigneeName ?? row.assignee?.displayName ?? '' } : null,
  };
}
