/**
 * The complaint's lifecycle as plain data plus the transitions over it. Deterministic and synchronous:
 * the workflow feeds it the workflow clock and the tenant configuration, and writes the projections it
 * returns. Everything here survives continue-as-new as JSON (see `snapshot`).
 */
import {
  enabledStages,
  requiresApproval,
  stageDeadline,
  stageReminders,
  SYSTEM_ACTOR,
  type Actor,
  type AssignArgs,
  type ComplaintPatch,
  type ComplaintStatusCode,
  type CustomerResponseArgs,
  type FeedbackArgs,
  type FollowUpArgs,
  type LifecycleInput,
  type NoteArgs,
  type NotificationWrite,
  type Projection,
  type ProposeSolutionArgs,
  type ReasonArgs,
  type RecipientKind,
  type StageCode,
  type TenantConfig,
  type TimelineEntry,
} from '@complaints/tenant-config/lifecycle-contract';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Added to a complaint's priority at each SLA breach. */
const BREACH_PRIORITY_BUMP = 10;

export interface Reminder {
  at: number;
  fraction: number;
}

export interface Solution {
  text: string;
  compensationType: string;
  compensationAmount: number;
}

/** Collects what one transition writes; every event and notification gets the next dedupe sequence. */
class ProjectionDraft {
  readonly patch: ComplaintPatch = {};
  readonly events: Projection['events'] = [];
  readonly notifications: NotificationWrite[] = [];
  constructor(private readonly state: LifecycleState) {}

  event(kind: string, actor: Actor, fields: Omit<TimelineEntry, 'kind' | 'actor' | 'dedupeKey'> = {}): this {
    this.events.push({ kind, actor, ...fields, dedupeKey: this.state.nextKey() });
    return this;
  }

  notify(kind: string, recipientKind: RecipientKind, recipient: string | null, data: Record<string, unknown> = {}): this {
    this.notifications.push({ kind, recipientKind, recipient, data, dedupeKey: this.state.nextKey() });
    return this;
  }

  build(): Projection {
    return { tenantId: this.state.tenantId, complaintId: this.state.complaintId, patch: this.patch, events: this.events, notifications: this.notifications };
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class LifecycleState {
  workflowId = '';
  tenantId = '';
  complaintId = '';
  number = '';
  severity = '';
  priority = 0;
  teamCode: string | null = null;
  assigneeId: string | null = null;

  stage: StageCode = 'intake';
  status: ComplaintStatusCode = 'OPEN';
  round = 1;
  acknowledged = false;
  configVersion = 0;
  stageStartedAt: number | null = null;
  stageDueAt: number | null = null;
  /** Reminders of the current stage not yet sent, earliest first. */
  reminders: Reminder[] = [];
  breached = false;
  /** Set while feedback waits on the customer: the stage clock is paused, the auto-close clock runs. */
  waitingSince: number | null = null;
  autoCloseAt: number | null = null;
  closedAt: number | null = null;
  /** When the follow-up stage's clock starts (the survey is scheduled some days after closing). */
  followUpAt: number | null = null;
  reopenUntil: number | null = null;
  approvalRequired: boolean | null = null;
  managementReview = false;
  archived = false;
  solution: Solution | null = null;
  /** Dedupe sequence for projection writes; carried across continue-as-new so keys never repeat. */
  seq = 0;
  /** Bumped on every change, so the timer loop knows to re-plan. */
  changes = 0;

  static fromInput(input: LifecycleInput, workflowId: string): LifecycleState {
    const s = new LifecycleState();
    if (input.carried) return Object.assign(s, input.carried as Partial<LifecycleState>);
    Object.assign(s, {
      workflowId,
      tenantId: input.tenantId,
      complaintId: input.complaintId,
      number: input.number,
      severity: input.severity,
      priority: input.priority,
      teamCode: input.teamCode,
      assigneeId: input.assigneeId,
    });
    return s;
  }

  snapshot(): Record<string, unknown> {
    return { ...this } as Record<string, unknown>;
  }

  nextKey(): string {
    return `${this.workflowId}:${++this.seq}`;
  }

  /** The clock of the current stage runs unless it waits on the customer or has not started yet. */
  get clockRunning(): boolean {
    return this.stageStartedAt !== null && this.waitingSince === null && !this.archived && this.stage !== 'archive';
  }

  /** Archived and past the reopen window: nothing can happen any more. */
  get finished(): boolean {
    return this.archived && this.reopenUntil === null;
  }

  private draft(): ProjectionDraft {
    this.changes++;
    return new ProjectionDraft(this);
  }

  // ---- stages and clocks -------------------------------------------------------------------------

  /** Starts a stage's SLA clock with the configuration in force now (never rewriting earlier stages). */
  private enterStage(d: ProjectionDraft, stage: StageCode, at: number, config: TenantConfig, configVersion: number, actor: Actor, note?: string): void {
    const from = this.stage;
    this.stage = stage;
    this.configVersion = configVersion;
    this.stageStartedAt = at;
    const due = stageDeadline(config, stage, this.severity, this.round, new Date(at));
    this.stageDueAt = due ? due.getTime() : null;
    const fractions = config.reminders.fractions;
    this.reminders = stageReminders(config, stage, this.severity, this.round, new Date(at)).map((r, i) => ({ at: r.getTime(), fraction: fractions[i]! }));
    this.breached = false;
    Object.assign(d.patch, { stage, stageStartedAt: iso(at), stageDueAt: iso(this.stageDueAt), status: this.status, round: this.round });
    d.event('stage.entered', actor, { from, to: stage, note, data: { round: this.round, dueAt: iso(this.stageDueAt), configVersion } });
  }

  /** The stage of a closed complaint whose clock has not started (follow-up scheduled for later). */
  private parkStage(d: ProjectionDraft, stage: StageCode, actor: Actor): void {
    const from = this.stage;
    this.stage = stage;
    this.stageStartedAt = null;
    this.stageDueAt = null;
    this.reminders = [];
    this.breached = false;
    Object.assign(d.patch, { stage, stageStartedAt: null, stageDueAt: null, status: this.status, round: this.round });
    d.event('stage.entered', actor, { from, to: stage, data: { round: this.round, scheduledFor: iso(this.followUpAt) } });
  }

  /** The earliest instant at which something is due, or null when only people can move the complaint. */
  nextDueAt(): number | null {
    const candidates: number[] = [];
    if (this.clockRunning) {
      if (this.reminders[0]) candidates.push(this.reminders[0].at);
      if (!this.breached && this.stageDueAt !== null) candidates.push(this.stageDueAt);
    }
    if (this.autoCloseAt !== null) candidates.push(this.autoCloseAt);
    if (this.followUpAt !== null && this.stage === 'followup' && this.stageStartedAt === null) candidates.push(this.followUpAt);
    if (this.archived && this.reopenUntil !== null) candidates.push(this.reopenUntil);
    return candidates.length ? Math.min(...candidates) : null;
  }

  /** Everything due at `now`: reminders, breach, auto-close, follow-up start, end of the reopen window. */
  fireDue(now: number, config: TenantConfig, configVersion: number): Projection | null {
    const d = this.draft();
    if (this.clockRunning) {
      while (this.reminders[0] && this.reminders[0].at <= now) {
        const reminder = this.reminders.shift()!;
        const data = { stage: this.stage, round: this.round, fraction: reminder.fraction, dueAt: iso(this.stageDueAt) };
        d.event('sla.reminder', SYSTEM_ACTOR, { note: `${Math.round(reminder.fraction * 100)}% of the ${this.stage} SLA has elapsed`, data });
        this.notifyOwner(d, 'sla.reminder', data);
      }
      if (!this.breached && this.stageDueAt !== null && this.stageDueAt <= now) this.breach(d, config);
    }
    if (this.autoCloseAt !== null && this.autoCloseAt <= now) {
      d.event('complaint.auto_closed', SYSTEM_ACTOR, {
        note: `No answer from the customer within ${config.lifecycle.autoCloseDays} days: resolved without response`,
        data: { outcome: 'resolved_without_response' },
        customerVisible: true,
      });
      this.close(d, now, config, configVersion);
    }
    if (this.stage === 'followup' && this.stageStartedAt === null && this.followUpAt !== null && this.followUpAt <= now) {
      this.enterStage(d, 'followup', this.followUpAt, config, configVersion, SYSTEM_ACTOR, 'Follow-up is due');
      this.notifyOwner(d, 'followup.due', {});
    }
    if (this.archived && this.reopenUntil !== null && this.reopenUntil <= now) {
      this.reopenUntil = null;
      d.event('lifecycle.completed', SYSTEM_ACTOR, { note: 'The reopen window has passed' });
    }
    return d.events.length ? d.build() : null;
  }

  private breach(d: ProjectionDraft, config: TenantConfig): void {
    this.breached = true;
    this.priority += BREACH_PRIORITY_BUMP;
    d.patch.priority = this.priority;
    const data = { stage: this.stage, round: this.round, dueAt: iso(this.stageDueAt), priority: this.priority };
    d.event('sla.breached', SYSTEM_ACTOR, { note: `The ${this.stage} SLA was breached`, data });
    d.notify('sla.breached', 'team_supervisors', this.teamCode, data);
    const escalation = config.lifecycle.escalationTeam;
    if (escalation && escalation !== this.teamCode) this.handOver(d, escalation, 'complaint.escalated', `SLA breach in ${this.stage}`);
  }

  private handOver(d: ProjectionDraft, teamCode: string, kind: string, note: string): void {
    const from = this.assigneeId ?? this.teamCode;
    this.teamCode = teamCode;
    this.assigneeId = null;
    Object.assign(d.patch, { teamCode, assigneeId: null });
    d.event(kind, SYSTEM_ACTOR, { from, to: teamCode, note, data: { teamCode, assigneeId: null } });
  }

  private notifyOwner(d: ProjectionDraft, kind: string, data: Record<string, unknown>): void {
    if (this.assigneeId) d.notify(kind, 'user', this.assigneeId, data);
    else d.notify(kind, 'team', this.teamCode, data);
  }

  // ---- transitions -------------------------------------------------------------------------------

  start(now: number, intakeAt: number, config: TenantConfig, configVersion: number): Projection {
    const d = this.draft();
    d.event('lifecycle.started', SYSTEM_ACTOR, { data: { workflowId: this.workflowId, configVersion } });
    // The intake stage began at intake, not when the workflow got going.
    this.enterStage(d, 'intake', Math.min(intakeAt, now), config, configVersion, SYSTEM_ACTOR);
    const severity = config.severities.find((s) => s.code === this.severity);
    if (severity?.pagesSupervisor) {
      d.event('supervisor.paged', SYSTEM_ACTOR, { note: `Severity ${severity.code} starts the emergency plan` });
      d.notify('supervisor.paged', 'team_supervisors', this.teamCode, { severity: severity.code });
    }
    return d.build();
  }

  acknowledge(actor: Actor, args: NoteArgs, now: number): Projection {
    const d = this.draft();
    this.markAcknowledged(d, actor, now, args.note ?? null);
    return d.build();
  }

  private markAcknowledged(d: ProjectionDraft, actor: Actor, now: number, note: string | null): void {
    if (this.acknowledged) return;
    this.acknowledged = true;
    d.patch.firstRespondedAt = iso(now);
    d.event('complaint.acknowledged', actor, { note, customerVisible: true });
    d.notify('complaint.acknowledged', 'customer', this.complaintId, { number: this.number });
  }

  assign(actor: Actor, args: AssignArgs): Projection {
    const d = this.draft();
    const from = this.assigneeId ?? this.teamCode;
    if (args.teamCode != null) this.teamCode = args.teamCode;
    if (args.assigneeId !== undefined) this.assigneeId = args.assigneeId;
    Object.assign(d.patch, { teamCode: this.teamCode, assigneeId: this.assigneeId });
    d.event('complaint.assigned', actor, { from, to: this.assigneeId ?? this.teamCode, note: args.note ?? null, data: { assigneeId: this.assigneeId, teamCode: this.teamCode } });
    if (this.assigneeId) d.notify('complaint.assigned', 'user', this.assigneeId, {});
    return d.build();
  }

  startInvestigation(actor: Actor, args: NoteArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    this.markAcknowledged(d, actor, now, null);
    this.enterStage(d, 'investigation', now, config, version, actor, args.note ?? undefined);
    return d.build();
  }

  proposeSolution(actor: Actor, args: ProposeSolutionArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    this.solution = { text: args.text.trim(), compensationType: args.compensationType, compensationAmount: args.compensationAmount };
    d.event('solution.proposed', actor, { note: this.solution.text, data: { ...this.solution, round: this.round } });
    const { compensationThreshold, currency, alwaysRequireForSeverities } = config.approval;
    this.approvalRequired = requiresApproval(config, { severity: this.severity, compensationAmount: args.compensationAmount });
    if (this.approvalRequired) {
      const why = args.compensationAmount > compensationThreshold
        ? `Compensation ${args.compensationAmount} ${currency} exceeds the approval threshold of ${compensationThreshold} ${currency}`
        : `Severity ${this.severity} always needs approval`;
      d.event('approval.requested', actor, { note: why, data: { compensationAmount: args.compensationAmount, threshold: compensationThreshold } });
      d.notify('approval.requested', 'team_supervisors', this.teamCode, { compensationAmount: args.compensationAmount });
      this.enterStage(d, 'review', now, config, version, actor);
    } else {
      const why = !enabledStages(config).includes('review')
        ? 'The tenant has switched the approval stage off'
        : `Compensation ${args.compensationAmount} ${currency} is within the frontline's limit of ${compensationThreshold} ${currency}` +
          (alwaysRequireForSeverities.length ? ` and severity ${this.severity} does not always need approval` : '');
      d.event('approval.skipped', SYSTEM_ACTOR, { note: why, data: { compensationAmount: args.compensationAmount, threshold: compensationThreshold } });
      this.enterStage(d, 'feedback', now, config, version, actor);
    }
    return d.build();
  }

  approve(actor: Actor, args: NoteArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    if (this.managementReview) {
      d.event('management.decided', actor, { note: args.note ?? null, data: { round: this.round }, customerVisible: true });
      this.managementReview = false;
      this.close(d, now, config, version);
    } else {
      d.event('solution.approved', actor, { note: args.note ?? null });
      this.enterStage(d, 'feedback', now, config, version, actor);
    }
    return d.build();
  }

  reject(actor: Actor, args: ReasonArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    d.event('solution.rejected', actor, { note: args.reason });
    this.notifyOwner(d, 'solution.rejected', { reason: args.reason });
    this.enterStage(d, 'handling', now, config, version, actor, 'The supervisor sent the solution back');
    return d.build();
  }

  sendFeedback(actor: Actor, args: FeedbackArgs, now: number, config: TenantConfig): Projection {
    const d = this.draft();
    this.waitingSince = now;
    this.autoCloseAt = now + config.lifecycle.autoCloseDays * DAY_MS;
    this.status = 'WAITING_ON_CUSTOMER';
    d.patch.status = this.status;
    d.event('feedback.sent', actor, { note: args.message, customerVisible: true, data: { autoCloseAt: iso(this.autoCloseAt), solution: this.solution } });
    d.event('sla.paused', SYSTEM_ACTOR, { note: 'Waiting on the customer: the SLA clock is paused' });
    d.notify('feedback.sent', 'customer', this.complaintId, { number: this.number, message: args.message });
    return d.build();
  }

  customerResponse(actor: Actor, args: CustomerResponseArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    this.resumeFromCustomer(d);
    const threshold = config.lifecycle.rounds.unhappyRatingThreshold;
    if (args.accepted) {
      d.patch.satisfaction = args.rating!;
      d.event('customer.accepted', actor, { note: args.comment ?? null, data: { rating: args.rating }, customerVisible: true });
      if (args.rating! <= threshold) this.openNextRound(d, now, config, version, `Rating ${args.rating} is at or under ${threshold}`);
      else this.close(d, now, config, version);
    } else {
      d.event('customer.rejected', actor, { note: args.reason ?? null, customerVisible: true });
      this.openNextRound(d, now, config, version, 'The customer rejected the solution');
    }
    return d.build();
  }

  private resumeFromCustomer(d: ProjectionDraft): void {
    this.waitingSince = null;
    this.autoCloseAt = null;
    this.status = 'OPEN';
    d.patch.status = this.status;
  }

  /** Round N+1 goes to the escalation team (or the team's supervisors), with SLAs scaled by the round factor. */
  private openNextRound(d: ProjectionDraft, now: number, config: TenantConfig, version: number, why: string): void {
    const { max } = config.lifecycle.rounds;
    const owner = config.lifecycle.escalationTeam ?? this.teamCode;
    if (this.round >= max) {
      this.managementReview = true;
      d.event('lifecycle.management_review', SYSTEM_ACTOR, { note: `${why}; after ${max} round(s) management reviews the complaint` });
      d.notify('management.review', 'team_supervisors', owner, { round: this.round });
      this.enterStage(d, 'review', now, config, version, SYSTEM_ACTOR, 'Management review');
      return;
    }
    this.round++;
    d.event('round.opened', SYSTEM_ACTOR, { note: why, data: { round: this.round } });
    if (owner) this.handOver(d, owner, 'complaint.assigned', `Round ${this.round} is owned by ${owner}`);
    d.notify('round.opened', 'team_supervisors', owner, { round: this.round });
    this.enterStage(d, 'handling', now, config, version, SYSTEM_ACTOR);
  }

  private close(d: ProjectionDraft, now: number, config: TenantConfig, version: number): void {
    this.resumeFromCustomer(d);
    this.closedAt = now;
    this.reopenUntil = now + config.lifecycle.reopenWindowDays * DAY_MS;
    this.status = 'RESOLVED';
    Object.assign(d.patch, { status: this.status, closedAt: iso(now) });
    d.event('complaint.closed', SYSTEM_ACTOR, { customerVisible: true });
    if (enabledStages(config).includes('followup')) {
      this.followUpAt = now + config.lifecycle.followUpAfterDays * DAY_MS;
      d.event('followup.scheduled', SYSTEM_ACTOR, { data: { at: iso(this.followUpAt) } });
      this.parkStage(d, 'followup', SYSTEM_ACTOR);
      if (this.followUpAt <= now) this.enterStage(d, 'followup', now, config, version, SYSTEM_ACTOR, 'Follow-up is due');
    } else {
      this.toArchive(d, SYSTEM_ACTOR, 'The tenant has no follow-up stage');
    }
  }

  private toArchive(d: ProjectionDraft, actor: Actor, note: string | null): void {
    this.archived = true;
    this.followUpAt = null;
    this.status = 'CLOSED';
    this.parkStage(d, 'archive', actor);
    d.event('complaint.archived', actor, { note });
  }

  recordFollowUp(actor: Actor, args: FollowUpArgs): Projection {
    const d = this.draft();
    d.event('followup.recorded', actor, { note: args.note, data: { rating: args.rating ?? null } });
    this.toArchive(d, actor, null);
    return d.build();
  }

  archive(actor: Actor, args: NoteArgs): Projection {
    const d = this.draft();
    this.toArchive(d, actor, args.note ?? 'Archived without a follow-up survey');
    return d.build();
  }

  reopen(actor: Actor, args: ReasonArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    this.archived = false;
    this.closedAt = null;
    this.followUpAt = null;
    this.reopenUntil = null;
    this.status = 'OPEN';
    d.patch.closedAt = null;
    d.event('complaint.reopened', actor, { note: args.reason, customerVisible: true });
    this.openNextRound(d, now, config, version, 'Reopened');
    return d.build();
  }
}
