import { CUSTOMER, DAY, HOUR, MINUTE, STAFF, T0, VERSION, roundTheClockConfig, kinds, walk, withoutStage } from '../testing/lifecycle-fixtures';
import { viewOf } from './lifecycle-view';

/** What the workflow's timer loop sees (nextDueAt) and what firing a due instant does to the state (fireDue). */
const iso = (ms: number) => new Date(ms).toISOString();

describe('SLA reminders and breach', () => {
  it('a new stage is next due at its first reminder', () => {
    const { s } = walk('intake');
    expect(s.nextDueAt()).toBe(T0 + 5 * MINUTE);
    expect(viewOf(s, T0).nextReminderAt).toBe(iso(T0 + 5 * MINUTE));
  });

  it('nothing fires before the first reminder', () => {
    const { s } = walk('intake');
    expect(s.fireDue(T0 + 5 * MINUTE - 1, roundTheClockConfig(), VERSION)).toBeNull();
    expect(s.reminders).toHaveLength(2);
  });

  it('a reminder tells the owning team how much of the SLA has elapsed', () => {
    const { s } = walk('intake');
    const p = s.fireDue(T0 + 5 * MINUTE, roundTheClockConfig(), VERSION)!;
    const data = { stage: 'intake', round: 1, fraction: 0.5, dueAt: iso(T0 + 10 * MINUTE) };
    expect(p.events).toEqual([
      { kind: 'sla.reminder', actor: { type: 'system', id: null, name: null }, note: '50% of the intake SLA has elapsed', data, dedupeKey: 'wf-1:3' },
    ]);
    expect(p.notifications).toEqual([{ kind: 'sla.reminder', recipientKind: 'team', recipient: 'frontline', data, dedupeKey: 'wf-1:4' }]);
    expect(p.patch).toEqual({});
    expect(s.nextDueAt()).toBe(T0 + 8 * MINUTE);
  });

  it('a reminder goes to the assignee when there is one', () => {
    const { s } = walk('intake');
    s.assign(STAFF, { assigneeId: STAFF.id });
    const p = s.fireDue(T0 + 5 * MINUTE, roundTheClockConfig(), VERSION)!;
    expect(p.notifications.map((n) => [n.recipientKind, n.recipient])).toEqual([['user', STAFF.id]]);
  });

  it('reminders missed while the worker was away fire together, earliest first', () => {
    const { s } = walk('intake');
    const p = s.fireDue(T0 + 9 * MINUTE, roundTheClockConfig(), VERSION)!;
    expect(p.events.map((e) => e.note)).toEqual(['50% of the intake SLA has elapsed', '80% of the intake SLA has elapsed']);
    expect(s.nextDueAt()).toBe(T0 + 10 * MINUTE);
  });

  it('a breach raises the priority, tells the supervisors and hands the complaint to the escalation team', () => {
    const { s } = walk('intake');
    s.assign(STAFF, { assigneeId: STAFF.id });
    s.fireDue(T0 + 9 * MINUTE, roundTheClockConfig(), VERSION, true);
    const p = s.fireDue(T0 + 10 * MINUTE, roundTheClockConfig(), VERSION)!;
    expect(kinds(p)).toEqual(['sla.breached', 'complaint.escalated']);
    expect(p.patch).toEqual({ priority: 60, teamCode: 'escalation', assigneeId: null });
    expect(p.events[0]).toMatchObject({ note: 'The intake SLA was breached', data: { stage: 'intake', round: 1, dueAt: iso(T0 + 10 * MINUTE), priority: 60 } });
    expect(p.events[1]).toMatchObject({ from: STAFF.id, to: 'escalation', note: 'SLA breach in intake' });
    expect(p.notifications.map((n) => [n.kind, n.recipientKind, n.recipient])).toEqual([['sla.breached', 'team_supervisors', 'frontline']]);
    expect(s).toMatchObject({ breached: true, priority: 60, teamCode: 'escalation', assigneeId: null, stage: 'intake' });
    expect(viewOf(s, T0 + 10 * MINUTE).breached).toBe(true);
  });

  it('a stage breaches once, and then nothing is due until someone acts', () => {
    const { s } = walk('intake');
    s.fireDue(T0 + 10 * MINUTE, roundTheClockConfig(), VERSION, true);
    expect(s.nextDueAt()).toBeNull();
    expect(s.fireDue(T0 + DAY, roundTheClockConfig(), VERSION)).toBeNull();
    expect(s.priority).toBe(60);
  });

  it('a breach in the escalation team, or in a tenant without one, stays with the team', () => {
    const { s } = walk('intake');
    s.assign(STAFF, { teamCode: 'escalation' });
    expect(kinds(s.fireDue(T0 + 10 * MINUTE, roundTheClockConfig(), VERSION))).toEqual(['sla.reminder', 'sla.reminder', 'sla.breached']);

    const config = roundTheClockConfig((c) => delete c.lifecycle.escalationTeam);
    const other = walk('intake', config).s;
    expect(kinds(other.fireDue(T0 + 10 * MINUTE, config, VERSION))).toEqual(['sla.reminder', 'sla.reminder', 'sla.breached']);
    expect(other.teamCode).toBe('frontline');
  });

  it('entering the next stage re-arms the reminders and the breach', () => {
    const { s } = walk('intake');
    s.fireDue(T0 + 10 * MINUTE, roundTheClockConfig(), VERSION, true);
    s.startInvestigation(STAFF, {}, T0 + HOUR, roundTheClockConfig(), VERSION, true);
    expect(s.breached).toBe(false);
    expect(s.reminders).toEqual([
      { at: T0 + HOUR + 12 * HOUR, fraction: 0.5 },
      { at: T0 + HOUR + 0.8 * DAY, fraction: 0.8 },
    ]);
  });
});

describe('waiting on the customer', () => {
  it('the paused stage clock fires nothing; the auto-close clock is next', () => {
    const { s, at } = walk('waiting');
    expect(s.nextDueAt()).toBe(at + 7 * DAY);
    expect(s.fireDue(at + 2 * DAY, roundTheClockConfig(), VERSION)).toBeNull();
    expect(s.reminders).toHaveLength(2);
    expect(s.breached).toBe(false);
  });

  it('no answer within the auto-close days resolves the complaint without response', () => {
    const { s, at } = walk('waiting');
    const p = s.fireDue(at + 7 * DAY, roundTheClockConfig(), VERSION)!;
    expect(kinds(p)).toEqual(['complaint.auto_closed', 'complaint.closed', 'followup.scheduled', 'stage.entered']);
    expect(p.events[0]).toMatchObject({
      note: 'No answer from the customer within 7 days: resolved without response',
      data: { outcome: 'resolved_without_response' },
      customerVisible: true,
    });
    expect(p.patch).toMatchObject({ status: 'RESOLVED', closedAt: iso(at + 7 * DAY), stage: 'followup' });
    expect(s).toMatchObject({ status: 'RESOLVED', waitingSince: null, autoCloseAt: null, followUpAt: at + 8 * DAY, reopenUntil: at + 22 * DAY });
    expect(viewOf(s, at + 7 * DAY).allowedActions).toEqual(['assign', 'recordFollowUp', 'archive', 'reopen']);
  });

  it('an answer before the auto-close instant cancels the auto-close clock', () => {
    const config = roundTheClockConfig();
    const { s, at } = walk('waiting', config);
    s.customerResponse(CUSTOMER, { accepted: false, reason: 'No' }, at + DAY, config, VERSION);
    expect(s.autoCloseAt).toBeNull();
    expect(s.nextDueAt()).toBe(s.reminders[0].at);
  });

  it('the auto-close day count comes from the configuration', () => {
    const config = roundTheClockConfig((c) => (c.lifecycle.autoCloseDays = 2));
    const { s } = walk('feedback', config);
    s.sendFeedback(STAFF, { message: 'Here' }, T0 + 3 * HOUR, config);
    expect(s.autoCloseAt).toBe(T0 + 3 * HOUR + 2 * DAY);
    expect(s.fireDue(T0 + 3 * HOUR + 2 * DAY, config, VERSION)!.events[0].note).toBe('No answer from the customer within 2 days: resolved without response');
  });
});

describe('follow-up and the reopen window', () => {
  it('a scheduled follow-up starts its stage clock at the scheduled instant and tells the owner', () => {
    const { s, at } = walk('closed');
    expect(s.nextDueAt()).toBe(at + DAY);
    const p = s.fireDue(at + DAY + HOUR, roundTheClockConfig(), VERSION)!;
    expect(kinds(p)).toEqual(['stage.entered']);
    expect(p.events[0]).toMatchObject({ from: 'followup', to: 'followup', note: 'Follow-up is due' });
    expect(p.notifications.map((n) => [n.kind, n.recipientKind, n.recipient])).toEqual([['followup.due', 'team', 'frontline']]);
    expect(s).toMatchObject({ stage: 'followup', stageStartedAt: at + DAY, stageDueAt: at + 4 * DAY });
    expect(s.nextDueAt()).toBe(at + DAY + 1.5 * DAY);
  });

  it('a closed complaint waits for its follow-up, not for the end of the reopen window', () => {
    const { s, at } = walk('closed');
    expect(s.fireDue(at + DAY - 1, roundTheClockConfig(), VERSION)).toBeNull();
    expect(s.stageStartedAt).toBeNull();
  });

  it('an archived complaint is next due when its reopen window ends, and then it is finished', () => {
    const { s, at } = walk('closed');
    s.archive(STAFF, {});
    expect(s.nextDueAt()).toBe(at + 15 * DAY);
    expect(s.fireDue(at + 15 * DAY - 1, roundTheClockConfig(), VERSION)).toBeNull();
    expect(s.finished).toBe(false);
    const p = s.fireDue(at + 15 * DAY, roundTheClockConfig(), VERSION)!;
    expect(p.events).toEqual([expect.objectContaining({ kind: 'lifecycle.completed', note: 'The reopen window has passed' })]);
    expect(s).toMatchObject({ reopenUntil: null, finished: true });
    expect(s.nextDueAt()).toBeNull();
    expect(viewOf(s, at + 15 * DAY).allowedActions).toEqual([]);
  });

  it('without a reopen window an archived complaint finishes at the next timer', () => {
    const config = roundTheClockConfig((c) => {
      c.lifecycle.reopenWindowDays = 0;
      withoutStage(c, 'followup');
    });
    const { s, at } = walk('closed', config);
    expect(s).toMatchObject({ stage: 'archive', reopenUntil: at, finished: false });
    expect(s.nextDueAt()).toBe(at);
    expect(kinds(s.fireDue(at, config, VERSION))).toEqual(['lifecycle.completed']);
    expect(s.finished).toBe(true);
  });
});
