import { CUSTOMER, DAY, HOUR, MINUTE, STAFF, T0, VERSION, roundTheClockConfig, kinds, newComplaint, walk, withoutStage } from '../testing/lifecycle-fixtures';
import { LifecycleState } from './lifecycle-state';
import { viewOf } from './lifecycle-view';

const iso = (ms: number) => new Date(ms).toISOString();
const USER_ID = STAFF.id!;

describe('start', () => {
  it('opens intake at the intake instant with the SLA and reminders of the configuration in force', () => {
    const s = newComplaint();
    const p = s.start(T0 + 3 * MINUTE, T0, roundTheClockConfig(), VERSION);
    expect(p).toEqual({
      tenantId: 't-1',
      complaintId: 'c-1',
      patch: { stage: 'intake', stageStartedAt: iso(T0), stageDueAt: iso(T0 + 10 * MINUTE), status: 'OPEN', round: 1 },
      events: [
        {
          kind: 'lifecycle.started',
          actor: { type: 'system', id: null, name: null },
          data: { workflowId: 'wf-1', configVersion: VERSION },
          dedupeKey: 'wf-1:1',
        },
        {
          kind: 'stage.entered',
          actor: { type: 'system', id: null, name: null },
          from: 'intake',
          to: 'intake',
          note: undefined,
          data: { round: 1, dueAt: iso(T0 + 10 * MINUTE), configVersion: VERSION },
          dedupeKey: 'wf-1:2',
        },
      ],
      notifications: [],
    });
    expect(s.reminders).toEqual([
      { at: T0 + 5 * MINUTE, fraction: 0.5 },
      { at: T0 + 8 * MINUTE, fraction: 0.8 },
    ]);
    expect(s.configVersion).toBe(VERSION);
    expect(viewOf(s, T0 + 3 * MINUTE).allowedActions).toEqual(['acknowledge', 'assign', 'startInvestigation']);
  });

  it('starts the clock at the workflow time when the intake instant lies after it', () => {
    const s = newComplaint();
    s.start(T0, T0 + MINUTE, roundTheClockConfig(), VERSION);
    expect(s.stageStartedAt).toBe(T0);
  });

  it('pages the supervisors of the team for a severity that starts the emergency plan', () => {
    const p = newComplaint('major').start(T0, T0, roundTheClockConfig(), VERSION);
    expect(kinds(p)).toEqual(['lifecycle.started', 'stage.entered', 'supervisor.paged']);
    expect(p.patch.stageDueAt).toBe(iso(T0 + 5 * MINUTE));
    expect(p.notifications).toEqual([
      { kind: 'supervisor.paged', recipientKind: 'team_supervisors', recipient: 'frontline', data: { severity: 'major' }, dedupeKey: 'wf-1:4' },
    ]);
  });
});

describe('acknowledge and assign', () => {
  it('acknowledging records the first response and tells the customer, once', () => {
    const { s } = walk('intake');
    const p = s.acknowledge(STAFF, { note: 'We are on it' }, T0 + 2 * MINUTE);
    expect(p.patch).toEqual({ firstRespondedAt: iso(T0 + 2 * MINUTE) });
    expect(p.events).toEqual([{ kind: 'complaint.acknowledged', actor: STAFF, note: 'We are on it', customerVisible: true, dedupeKey: 'wf-1:3' }]);
    expect(p.notifications).toEqual([
      { kind: 'complaint.acknowledged', recipientKind: 'customer', recipient: 'c-1', data: { number: 'C-2026-0001' }, dedupeKey: 'wf-1:4' },
    ]);
    expect([s.stage, s.acknowledged]).toEqual(['intake', true]);
    expect(viewOf(s, T0 + 2 * MINUTE).allowedActions).toEqual(['assign', 'startInvestigation']);
    expect(s.acknowledge(STAFF, {}, T0 + 3 * MINUTE)).toMatchObject({ patch: {}, events: [], notifications: [] });
  });

  it('assigning a user keeps the team and notifies the user', () => {
    const { s } = walk('intake');
    const p = s.assign(STAFF, { assigneeId: USER_ID });
    expect(p.patch).toEqual({ teamCode: 'frontline', assigneeId: USER_ID });
    expect(p.events).toEqual([
      {
        kind: 'complaint.assigned',
        actor: STAFF,
        from: 'frontline',
        to: USER_ID,
        note: null,
        data: { assigneeId: USER_ID, teamCode: 'frontline' },
        dedupeKey: 'wf-1:3',
      },
    ]);
    expect(p.notifications.map((n) => [n.kind, n.recipientKind, n.recipient])).toEqual([['complaint.assigned', 'user', USER_ID]]);
  });

  it('assigning a team alone keeps the assignee; a null assignee hands the complaint to the team', () => {
    const { s } = walk('intake');
    s.assign(STAFF, { assigneeId: USER_ID });
    expect(s.assign(STAFF, { teamCode: 'quality' }).patch).toEqual({ teamCode: 'quality', assigneeId: USER_ID });
    const p = s.assign(STAFF, { assigneeId: null, note: 'Back to the queue' });
    expect(p.patch).toEqual({ teamCode: 'quality', assigneeId: null });
    expect(p.events[0]).toMatchObject({ from: USER_ID, to: 'quality', note: 'Back to the queue' });
    expect(p.notifications).toEqual([]);
  });
});

describe('first response, its one writer', () => {
  it('a staff message before the acknowledgement is the first response, and acknowledging later keeps it', () => {
    const { s } = walk('intake');
    const p = s.staffResponded(STAFF, T0 + MINUTE)!;
    expect(p.patch).toEqual({ firstRespondedAt: iso(T0 + MINUTE) });
    expect(kinds(p)).toEqual(['first_response.recorded']);
    expect(s.acknowledge(STAFF, {}, T0 + 2 * MINUTE).patch).toEqual({});
    expect(s.staffResponded(STAFF, T0 + 3 * MINUTE)).toBeNull();
  });

  it('a staff message signalled after a later acknowledgement moves the first response back to the message', () => {
    const { s } = walk('intake');
    s.acknowledge(STAFF, {}, T0 + 2 * MINUTE);
    expect(s.staffResponded(STAFF, T0 + MINUTE)!.patch).toEqual({ firstRespondedAt: iso(T0 + MINUTE) });
  });

  it('ignores staff messages for a state carried from a run that acknowledged without tracking the first response', () => {
    const { s } = walk('intake');
    s.acknowledge(STAFF, {}, T0 + 2 * MINUTE);
    (s as { firstResponseAt?: number | null }).firstResponseAt = undefined;
    expect(s.staffResponded(STAFF, T0 + MINUTE)).toBeNull();
  });
});

describe('merged into another complaint', () => {
  it('archives the duplicate with no reopen window, so nothing is due and the run is finished', () => {
    const { s, at } = walk('waiting');
    const p = s.merged({ keptId: 'c-2', keptNumber: 'C-2026-0002', actor: STAFF }, at + HOUR);
    expect(kinds(p)).toEqual(['stage.entered', 'complaint.archived', 'lifecycle.completed']);
    expect(p.patch).toMatchObject({ stage: 'archive', status: 'CLOSED', closedAt: iso(at + HOUR) });
    expect([s.finished, s.nextDueAt(), s.clockRunning]).toEqual([true, null, false]);
  });

  it('ends the reopen window of a duplicate that was already archived, leaving its archive as it was', () => {
    const { s, at } = walk('closed');
    s.archive(STAFF, {});
    expect(s.finished).toBe(false);
    const p = s.merged({ keptId: 'c-2', keptNumber: 'C-2026-0002', actor: STAFF }, at + DAY);
    expect(kinds(p)).toEqual(['lifecycle.completed']);
    expect(p.patch).toEqual({});
    expect(s.finished).toBe(true);
  });
});

describe('investigation and solution', () => {
  it('starting the investigation acknowledges a complaint not yet acknowledged', () => {
    const { s } = walk('intake');
    const p = s.startInvestigation(STAFF, { note: 'Calling the shop' }, T0 + HOUR, roundTheClockConfig(), VERSION, true);
    expect(kinds(p)).toEqual(['complaint.acknowledged', 'stage.entered']);
    expect(p.events[1]).toMatchObject({ from: 'intake', to: 'investigation', note: 'Calling the shop' });
    expect(p.patch).toEqual({
      firstRespondedAt: iso(T0 + HOUR),
      stage: 'investigation',
      stageStartedAt: iso(T0 + HOUR),
      stageDueAt: iso(T0 + HOUR + DAY),
      status: 'OPEN',
      round: 1,
    });
    expect(viewOf(s, T0 + HOUR).allowedActions).toEqual(['assign', 'recordFindings']);
  });

  it('recording the findings ends investigation and enters handling with its own deadline', () => {
    const { s, at } = walk('investigation');
    const p = s.recordFindings(STAFF, { findings: ' The courier dropped it ' }, at + HOUR, roundTheClockConfig(), VERSION);
    expect(kinds(p)).toEqual(['findings.recorded', 'stage.entered']);
    expect(p.events[0]).toMatchObject({ note: 'The courier dropped it' });
    expect(p.events[1]).toMatchObject({ from: 'investigation', to: 'handling' });
    expect(p.patch).toMatchObject({ stage: 'handling', stageStartedAt: iso(at + HOUR) });
    expect(p.patch.stageDueAt).not.toBeNull();
    expect(viewOf(s, at + HOUR).allowedActions).toEqual(['assign', 'proposeSolution']);
  });

  it('a run started before the seven-stage patch, or a desk merging investigation and handling, proposes during investigation', () => {
    const old = walk('intake').s;
    old.startInvestigation(STAFF, {}, T0 + HOUR, roundTheClockConfig(), VERSION, false);
    expect(viewOf(old, T0 + HOUR).allowedActions).toEqual(['assign', 'proposeSolution']);
    const merged = walk('intake').s;
    merged.startInvestigation(
      STAFF,
      {},
      T0 + HOUR,
      roundTheClockConfig((c) => (c.lifecycle.mergeInvestigationAndHandling = true)),
      VERSION,
      true,
    );
    expect(viewOf(merged, T0 + HOUR).allowedActions).toEqual(['assign', 'proposeSolution']);
  });

  it('starting the investigation after an acknowledgement only enters the stage', () => {
    const { s } = walk('intake');
    s.acknowledge(STAFF, {}, T0 + MINUTE);
    expect(kinds(s.startInvestigation(STAFF, {}, T0 + HOUR, roundTheClockConfig(), VERSION, true))).toEqual(['stage.entered']);
  });

  const solution = (compensationType: string, compensationAmount: number) => ({
    text: '  Replace the kettle ',
    compensationType: compensationType as 'refund',
    compensationAmount,
  });
  it.each([
    [
      'general',
      0,
      'feedback',
      'none',
      false,
      "Compensation 0 CNY is within the frontline's limit of 500 CNY and severity general does not always need approval",
    ],
    [
      'general',
      500,
      'feedback',
      'refund',
      false,
      "Compensation 500 CNY is within the frontline's limit of 500 CNY and severity general does not always need approval",
    ],
    ['general', 501, 'review', 'refund', true, 'Compensation 501 CNY exceeds the approval threshold of 500 CNY'],
    ['major', 0, 'review', 'none', true, 'Severity major always needs approval'],
  ])('a %s complaint with compensation %d goes to %s', (severity, amount, stage, type, required, why) => {
    const config = roundTheClockConfig();
    const { s } = walk('investigation', config, severity);
    const p = s.proposeSolution(STAFF, solution(type, amount), T0 + 2 * HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['solution.proposed', required ? 'approval.requested' : 'approval.skipped', 'stage.entered']);
    expect(p.events[1]).toMatchObject({ note: why, data: { compensationAmount: amount, threshold: 500 } });
    expect([s.stage, s.status, s.approvalRequired]).toEqual([stage, 'OPEN', required]);
    expect(s.solution).toEqual({ text: 'Replace the kettle', compensationType: type, compensationAmount: amount });
    expect(p.notifications.map((n) => n.kind)).toEqual(required ? ['approval.requested'] : []);
    expect(viewOf(s, T0 + 2 * HOUR).allowedActions).toEqual(required ? ['assign', 'approve', 'reject'] : ['assign', 'sendFeedback']);
  });

  it('a review asks the team supervisors and runs on the review SLA', () => {
    const { s } = walk('review');
    expect(s.stageDueAt).toBe(T0 + 2 * HOUR + 4 * HOUR);
    expect(s.approvalRequired).toBe(true);
  });

  it('a tenant without the review stage never asks for approval', () => {
    const config = roundTheClockConfig((c) => withoutStage(c, 'review'));
    const { s } = walk('investigation', config, 'major');
    const p = s.proposeSolution(STAFF, solution('refund', 10_000), T0 + 2 * HOUR, config, VERSION);
    expect(p.events[1]).toMatchObject({ kind: 'approval.skipped', note: 'The tenant has switched the approval stage off' });
    expect([s.stage, s.approvalRequired]).toEqual(['feedback', false]);
  });

  it('without severities that always need approval the reason names only the limit', () => {
    const config = roundTheClockConfig((c) => (c.approval.alwaysRequireForSeverities = []));
    const { s } = walk('investigation', config);
    const p = s.proposeSolution(STAFF, solution('voucher', 20), T0 + 2 * HOUR, config, VERSION);
    expect(p.events[1].note).toBe("Compensation 20 CNY is within the frontline's limit of 500 CNY");
  });
});

describe('review', () => {
  it('approving sends the solution on to feedback', () => {
    const { s } = walk('review');
    const p = s.approve(STAFF, { note: 'Fine' }, T0 + 3 * HOUR, roundTheClockConfig(), VERSION);
    expect(kinds(p)).toEqual(['solution.approved', 'stage.entered']);
    expect([s.stage, s.status, s.round, s.stageDueAt]).toEqual(['feedback', 'OPEN', 1, T0 + 3 * HOUR + DAY]);
  });

  it('rejecting sends the solution back to handling in the same round and tells the owner', () => {
    const { s } = walk('review');
    s.assign(STAFF, { assigneeId: USER_ID });
    const p = s.reject(STAFF, { reason: 'Too generous' }, T0 + 3 * HOUR, roundTheClockConfig(), VERSION);
    expect(kinds(p)).toEqual(['solution.rejected', 'stage.entered']);
    expect(p.events[0].note).toBe('Too generous');
    expect(p.events[1]).toMatchObject({ from: 'review', to: 'handling', note: 'The supervisor sent the solution back' });
    expect(p.notifications.map((n) => [n.kind, n.recipientKind, n.recipient, n.data])).toEqual([
      ['solution.rejected', 'user', USER_ID, { reason: 'Too generous' }],
    ]);
    expect([s.stage, s.round, s.stageDueAt]).toEqual(['handling', 1, T0 + 3 * HOUR + 2 * DAY]);
    expect(viewOf(s, T0 + 3 * HOUR).allowedActions).toEqual(['assign', 'proposeSolution']);
  });

  it('a solution proposed again after a rejection goes to review again', () => {
    const config = roundTheClockConfig();
    const { s } = walk('review', config);
    s.reject(STAFF, { reason: 'Too generous' }, T0 + 3 * HOUR, config, VERSION);
    s.proposeSolution(STAFF, { text: 'Smaller refund', compensationType: 'refund', compensationAmount: 600 }, T0 + 4 * HOUR, config, VERSION);
    expect([s.stage, s.approvalRequired, s.round]).toEqual(['review', true, 1]);
  });
});

describe('feedback and the customer', () => {
  it('sending feedback pauses the stage clock and starts the auto-close clock', () => {
    const { s } = walk('feedback');
    const p = s.sendFeedback(STAFF, { message: 'We replace it' }, T0 + 3 * HOUR, roundTheClockConfig());
    expect(kinds(p)).toEqual(['feedback.sent', 'sla.paused']);
    expect(p.patch).toEqual({ status: 'WAITING_ON_CUSTOMER' });
    expect(p.events[0]).toMatchObject({ customerVisible: true, data: { autoCloseAt: iso(T0 + 3 * HOUR + 7 * DAY), solution: s.solution } });
    expect(p.notifications).toEqual([
      expect.objectContaining({
        kind: 'feedback.sent',
        recipientKind: 'customer',
        recipient: 'c-1',
        data: { number: 'C-2026-0001', message: 'We replace it' },
      }),
    ]);
    expect([s.stage, s.status, s.waitingSince, s.autoCloseAt, s.clockRunning]).toEqual([
      'feedback',
      'WAITING_ON_CUSTOMER',
      T0 + 3 * HOUR,
      T0 + 3 * HOUR + 7 * DAY,
      false,
    ]);
    expect(viewOf(s, T0 + 3 * HOUR)).toMatchObject({ clockPaused: true, nextReminderAt: null, allowedActions: ['assign', 'customerResponse'] });
  });

  it.each([3, 4, 5])('a rating of %d closes the complaint and schedules the follow-up', (rating) => {
    const config = roundTheClockConfig();
    const { s, at } = walk('waiting', config);
    const p = s.customerResponse(CUSTOMER, { accepted: true, rating }, at + HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['customer.accepted', 'complaint.closed', 'followup.scheduled', 'stage.entered']);
    expect(p.patch).toEqual({
      status: 'RESOLVED',
      satisfaction: rating,
      closedAt: iso(at + HOUR),
      stage: 'followup',
      stageStartedAt: null,
      stageDueAt: null,
      round: 1,
    });
    expect(p.events[3]).toMatchObject({ from: 'feedback', to: 'followup', data: { round: 1, scheduledFor: iso(at + HOUR + DAY) } });
    expect(s).toMatchObject({
      stage: 'followup',
      status: 'RESOLVED',
      closedAt: at + HOUR,
      followUpAt: at + HOUR + DAY,
      reopenUntil: at + HOUR + 15 * DAY,
      waitingSince: null,
      autoCloseAt: null,
      stageStartedAt: null,
      archived: false,
    });
    expect(viewOf(s, at + HOUR).allowedActions).toEqual(['assign', 'recordFollowUp', 'archive', 'reopen']);
  });

  it('a run with the follow-up deadline patch shows the follow-up SLA at closing, counted from the scheduled start', () => {
    const config = roundTheClockConfig();
    const { s, at } = walk('waiting', config);
    s.followUpDueWhenScheduled = true;
    const p = s.customerResponse(CUSTOMER, { accepted: true, rating: 5 }, at + HOUR, config, VERSION);
    expect(p.patch).toMatchObject({ stage: 'followup', stageStartedAt: null, stageDueAt: iso(at + HOUR + DAY + 3 * DAY) });
    expect(p.events[3]).toMatchObject({ to: 'followup', data: { dueAt: iso(at + HOUR + DAY + 3 * DAY) } });
    // The parked stage's clock does not run: no reminder before the follow-up starts.
    expect(s.nextDueAt()).toBe(at + HOUR + DAY);
    s.fireDue(at + HOUR + DAY, config, VERSION);
    expect(s).toMatchObject({ stageStartedAt: at + HOUR + DAY, stageDueAt: at + HOUR + DAY + 3 * DAY });
  });

  it('closing tells the customer, and the survey goes out when the follow-up starts (at once when it is due at once)', () => {
    const notified = (p: { notifications: { kind: string; recipientKind: string }[] } | null) =>
      (p?.notifications ?? []).filter((n) => n.recipientKind === 'customer').map((n) => n.kind);
    const later = walk('waiting');
    later.s.closesTheLoop = true;
    const closed = later.s.customerResponse(CUSTOMER, { accepted: true, rating: 5 }, later.at + HOUR, roundTheClockConfig(), VERSION);
    expect(notified(closed)).toEqual(['complaint.closed']);
    expect(notified(later.s.fireDue(later.at + HOUR + DAY, roundTheClockConfig(), VERSION))).toEqual(['followup.survey']);

    const config = roundTheClockConfig((c) => (c.lifecycle.followUpAfterDays = 0));
    const atOnce = walk('waiting', config);
    atOnce.s.closesTheLoop = true;
    expect(notified(atOnce.s.customerResponse(CUSTOMER, { accepted: true, rating: 5 }, atOnce.at + HOUR, config, VERSION))).toEqual([
      'complaint.closed',
      'followup.survey',
    ]);
  });

  it.each([1, 2])('a rating of %d opens round two owned by the escalation team, with halved SLAs', (rating) => {
    const config = roundTheClockConfig();
    const { s, at } = walk('waiting', config);
    s.assign(STAFF, { assigneeId: USER_ID });
    const p = s.customerResponse(CUSTOMER, { accepted: true, rating, comment: 'Meh' }, at + HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['customer.accepted', 'round.opened', 'complaint.assigned', 'stage.entered']);
    expect(p.events[1].note).toBe(`Rating ${rating} is at or under 2`);
    expect(p.events[2]).toMatchObject({ from: USER_ID, to: 'escalation', note: 'Round 2 is owned by escalation' });
    expect(p.notifications.map((n) => [n.kind, n.recipientKind, n.recipient, n.data])).toEqual([
      ['round.opened', 'team_supervisors', 'escalation', { round: 2 }],
    ]);
    expect(p.patch).toMatchObject({ satisfaction: rating, status: 'OPEN', stage: 'handling', round: 2, teamCode: 'escalation', assigneeId: null });
    expect(s).toMatchObject({
      stage: 'handling',
      status: 'OPEN',
      round: 2,
      teamCode: 'escalation',
      assigneeId: null,
      waitingSince: null,
      autoCloseAt: null,
      stageDueAt: at + HOUR + DAY,
    });
  });

  it('a rejection by the customer opens the next round with its reason', () => {
    const config = roundTheClockConfig();
    const { s, at } = walk('waiting', config);
    const p = s.customerResponse(CUSTOMER, { accepted: false, reason: 'Still broken' }, at + HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['customer.rejected', 'round.opened', 'complaint.assigned', 'stage.entered']);
    expect(p.events[0]).toMatchObject({ actor: CUSTOMER, note: 'Still broken', customerVisible: true });
    expect(p.events[1].note).toBe('The customer rejected the solution');
    expect(p.patch.satisfaction).toBeUndefined();
    expect([s.stage, s.round]).toEqual(['handling', 2]);
  });

  it('without an escalation team the next round stays with the team, back in its queue', () => {
    const config = roundTheClockConfig((c) => delete c.lifecycle.escalationTeam);
    const { s, at } = walk('waiting', config);
    s.assign(STAFF, { assigneeId: USER_ID });
    const p = s.customerResponse(CUSTOMER, { accepted: false, reason: 'No' }, at + HOUR, config, VERSION);
    expect(p.events[2]).toMatchObject({ kind: 'complaint.assigned', to: 'frontline', note: 'Round 2 is owned by frontline' });
    expect(p.notifications[0]).toMatchObject({ recipientKind: 'team_supervisors', recipient: 'frontline' });
    expect([s.teamCode, s.assigneeId]).toEqual(['frontline', null]);
  });

  it('after the last round management reviews and its decision closes the complaint', () => {
    const config = roundTheClockConfig((c) => (c.lifecycle.rounds.max = 2));
    const { s, at } = walk('waiting', config);
    s.customerResponse(CUSTOMER, { accepted: false, reason: 'No' }, at + HOUR, config, VERSION);
    s.proposeSolution(STAFF, { text: 'Again', compensationType: 'none', compensationAmount: 0 }, at + 2 * HOUR, config, VERSION);
    s.sendFeedback(STAFF, { message: 'Again' }, at + 3 * HOUR, config);
    const p = s.customerResponse(CUSTOMER, { accepted: true, rating: 1 }, at + 4 * HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['customer.accepted', 'lifecycle.management_review', 'stage.entered']);
    expect(p.events[1].note).toBe('Rating 1 is at or under 2; after 2 round(s) management reviews the complaint');
    expect(p.notifications.map((n) => [n.kind, n.recipient, n.data])).toEqual([['management.review', 'escalation', { round: 2 }]]);
    expect(s).toMatchObject({ stage: 'review', round: 2, managementReview: true, status: 'OPEN' });
    expect(viewOf(s, at + 4 * HOUR).allowedActions).toEqual(['assign', 'approve']);

    const decided = s.approve(STAFF, { note: 'Goodwill refund' }, at + 5 * HOUR, config, VERSION);
    expect(kinds(decided)).toEqual(['management.decided', 'complaint.closed', 'followup.scheduled', 'stage.entered']);
    expect(decided.events[0]).toMatchObject({ note: 'Goodwill refund', data: { round: 2 }, customerVisible: true });
    expect(s).toMatchObject({ stage: 'followup', status: 'RESOLVED', managementReview: false, closedAt: at + 5 * HOUR });
  });
});

describe('closing, follow-up, archive and reopen', () => {
  it('a follow-up due at once starts its clock when the complaint closes', () => {
    const config = roundTheClockConfig((c) => (c.lifecycle.followUpAfterDays = 0));
    const { s, at } = walk('closed', config);
    expect(s).toMatchObject({ stage: 'followup', followUpAt: at, stageStartedAt: at, stageDueAt: at + 3 * DAY, status: 'RESOLVED' });
  });

  it('a tenant without the follow-up stage archives the complaint when it closes, within the reopen window', () => {
    const config = roundTheClockConfig((c) => withoutStage(c, 'followup'));
    const { s, at } = walk('waiting', config);
    const p = s.customerResponse(CUSTOMER, { accepted: true, rating: 5 }, at + HOUR, config, VERSION);
    expect(kinds(p)).toEqual(['customer.accepted', 'complaint.closed', 'stage.entered', 'complaint.archived']);
    expect(p.events[3]).toMatchObject({ actor: { type: 'system' }, note: 'The tenant has no follow-up stage' });
    expect(p.patch).toMatchObject({ status: 'CLOSED', stage: 'archive', stageDueAt: null });
    expect(s).toMatchObject({ stage: 'archive', status: 'CLOSED', archived: true, followUpAt: null, reopenUntil: at + HOUR + 15 * DAY, finished: false });
    expect(viewOf(s, at + HOUR).allowedActions).toEqual(['reopen']);
  });

  it('recording the follow-up archives the complaint', () => {
    const { s, at } = walk('closed');
    const p = s.recordFollowUp(STAFF, { note: 'Happy now', rating: 4 });
    expect(kinds(p)).toEqual(['followup.recorded', 'stage.entered', 'complaint.archived']);
    expect(p.events[0]).toMatchObject({ actor: STAFF, note: 'Happy now', data: { rating: 4 } });
    expect(p.events[2].note).toBeNull();
    expect(s).toMatchObject({ stage: 'archive', status: 'CLOSED', archived: true, followUpAt: null, reopenUntil: at + 15 * DAY });
    expect(s.recordFollowUp(STAFF, { note: 'No answer' }).events[0].data).toEqual({ rating: null });
  });

  it('archiving skips the survey, with a default note', () => {
    const { s } = walk('closed');
    expect(s.archive(STAFF, {}).events[1].note).toBe('Archived without a follow-up survey');
    expect(s.archive(STAFF, { note: 'Customer declined' }).events[1].note).toBe('Customer declined');
    expect([s.stage, s.status]).toEqual(['archive', 'CLOSED']);
  });

  it('reopening an archived complaint opens the next round and clears the closing', () => {
    const config = roundTheClockConfig();
    const { s, at } = walk('closed', config);
    s.archive(STAFF, {});
    const p = s.reopen(CUSTOMER, { reason: 'It broke again' }, at + 2 * DAY, config, VERSION);
    expect(kinds(p)).toEqual(['complaint.reopened', 'round.opened', 'complaint.assigned', 'stage.entered']);
    expect(p.events[0]).toMatchObject({ actor: CUSTOMER, note: 'It broke again', customerVisible: true });
    expect(p.events[1].note).toBe('Reopened');
    expect(p.patch).toMatchObject({ closedAt: null, status: 'OPEN', stage: 'handling', round: 2 });
    expect(s).toMatchObject({
      archived: false,
      closedAt: null,
      followUpAt: null,
      reopenUntil: null,
      status: 'OPEN',
      stage: 'handling',
      round: 2,
      stageDueAt: at + 2 * DAY + DAY,
    });
  });

  it('reopening in the last round goes to management review', () => {
    const config = roundTheClockConfig((c) => (c.lifecycle.rounds.max = 1));
    const { s, at } = walk('closed', config);
    s.reopen(STAFF, { reason: 'Again' }, at + DAY, config, VERSION);
    expect(s).toMatchObject({ stage: 'review', round: 1, managementReview: true, status: 'OPEN', archived: false });
  });
});

describe('bookkeeping', () => {
  it('every transition counts as a change and every write gets the next dedupe key', () => {
    const { s } = walk('intake');
    const before = s.changes;
    const p = s.assign(STAFF, { assigneeId: USER_ID });
    expect(s.changes).toBe(before + 1);
    expect([...p.events, ...p.notifications].map((w) => w.dedupeKey)).toEqual(['wf-1:3', 'wf-1:4']);
  });

  it('a snapshot carried through continue-as-new restores the state and continues the dedupe sequence', () => {
    const { s, at } = walk('waiting');
    const carried = JSON.parse(JSON.stringify(s.snapshot())) as unknown;
    const restored = LifecycleState.fromInput(
      { tenantId: 'ignored', complaintId: 'ignored', number: '', severity: '', priority: 0, teamCode: null, assigneeId: null, intakeAt: iso(T0), carried },
      'wf-2',
    );
    expect(restored.snapshot()).toEqual(s.snapshot());
    expect(viewOf(restored, at)).toEqual(viewOf(s, at));
    expect(restored.nextKey()).toBe(`wf-1:${s.seq + 1}`);
  });
});
