/**
 * The complaint's lifecycle data and the clocks that run on it: the current stage's SLA deadline and
 * reminders, the customer's auto-close clock, the scheduled follow-up and the reopen window, what is due
 * next and what firing a due instant does. The transitions people trigger are in LifecycleState, which
 * extends this. Deterministic and synchronous: instants are workflow milliseconds.
 */
import { ProjectionDraft } from './projection-draft';
import {
  iso,
  stageDeadline,
  stageReminders,
  SYSTEM_ACTOR,
  type Actor,
  type ComplaintStatusCode,
  type Projection,
  type StageCode,
  type TenantConfig,
} from '@complaints/tenant-config/lifecycle-contract';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Added to a complaint's priority at each SLA breach. */
const BREACH_PRIORITY_BUMP = 10;

/** The instant `days` calendar days after `ms` (the lifecycle's day counts are the customer's patience, not working time). */
export const daysAfter = (ms: number, days: number): number => ms + days * DAY_MS;

export interface Reminder {
  at: number;
  fraction: number;
}

export interface Solution {
  text: string;
  compensationType: string;
  compensationAmount: number;
}

export abstract class LifecycleClock {
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
  /**
   * The first response to the customer, the earliest of the acknowledgement and a staff message; null until
   * then, and absent (undefined) from states carried over from runs that did not track it.
   */
  firstResponseAt: number | null = null;
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
  /**
   * Round one records findings before handling (recordFindings); false for runs started before that patch and
   * for tenants that merge investigation and handling, where proposeSolution ends investigation directly.
   */
  findingsRequired = false;
  /**
   * A follow-up scheduled at closing shows its deadline (the matrix's follow-up SLA from the scheduled start)
   * straight away; false for runs started before that patch, which learnt it only when the follow-up began.
   */
  followUpDueWhenScheduled = false;
  /** Tells the customer when the complaint closes and sends the survey when follow-up starts (false before that patch). */
  closesTheLoop = false;
  managementReview = false;
  archived = false;
  solution: Solution | null = null;
  /** Dedupe sequence for projection writes; carried across continue-as-new so keys never repeat. */
  seq = 0;
  /** Bumped on every change, so the timer loop knows to re-plan. */
  changes = 0;

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

  protected draft(): ProjectionDraft {
    this.changes++;
    return new ProjectionDraft(this);
  }

  // ---- stages and clocks -------------------------------------------------------------------------

  /** Starts a stage's SLA clock with the configuration in force now (never rewriting earlier stages). */
  protected enterStage(d: ProjectionDraft, stage: StageCode, at: number, config: TenantConfig, configVersion: number, actor: Actor, note?: string): void {
    const from = this.stage;
    this.stage = stage;
    this.configVersion = configVersion;
    this.stageStartedAt = at;
    const due = stageDeadline(config, stage, this.severity, this.round, new Date(at));
    this.stageDueAt = due ? due.getTime() : null;
    const fractions = config.reminders.fractions;
    this.reminders = stageReminders(config, stage, this.severity, this.round, new Date(at)).map((r, i) => ({ at: r.getTime(), fraction: fractions[i] }));
    this.breached = false;
    Object.assign(d.patch, { stage, stageStartedAt: iso(at), stageDueAt: iso(this.stageDueAt), status: this.status, round: this.round });
    d.event('stage.entered', actor, { from, to: stage, note, data: { round: this.round, dueAt: iso(this.stageDueAt), configVersion } });
  }

  /**
   * The stage of a closed complaint whose clock has not started (follow-up scheduled for later); `dueAt` is
   * the deadline it will have once it starts, when known.
   */
  protected parkStage(d: ProjectionDraft, stage: StageCode, actor: Actor, dueAt: number | null = null): void {
    const from = this.stage;
    this.stage = stage;
    this.stageStartedAt = null;
    this.stageDueAt = dueAt;
    this.reminders = [];
    this.breached = false;
    Object.assign(d.patch, { stage, stageStartedAt: null, stageDueAt: iso(dueAt), status: this.status, round: this.round });
    const data = { round: this.round, scheduledFor: iso(this.followUpAt), ...(dueAt === null ? {} : { dueAt: iso(dueAt) }) };
    d.event('stage.entered', actor, { from, to: stage, data });
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
      this.startFollowUp(d, this.followUpAt, config, configVersion);
    }
    if (this.archived && this.reopenUntil !== null && this.reopenUntil <= now) {
      this.reopenUntil = null;
      d.event('lifecycle.completed', SYSTEM_ACTOR, { note: 'The reopen window has passed' });
    }
    return d.events.length ? d.build() : null;
  }

  /** The follow-up's clock starts: its owner is told, and the customer gets the survey. */
  protected startFollowUp(d: ProjectionDraft, at: number, config: TenantConfig, configVersion: number): void {
    this.enterStage(d, 'followup', at, config, configVersion, SYSTEM_ACTOR, 'Follow-up is due');
    this.notifyOwner(d, 'followup.due', {});
    if (this.closesTheLoop) d.notify('followup.survey', 'customer', this.complaintId, { number: this.number });
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

  protected handOver(d: ProjectionDraft, teamCode: string, kind: string, note: string): void {
    const from = this.assigneeId ?? this.teamCode;
    this.teamCode = teamCode;
    this.assigneeId = null;
    Object.assign(d.patch, { teamCode, assigneeId: null });
    d.event(kind, SYSTEM_ACTOR, { from, to: teamCode, note, data: { teamCode, assigneeId: null } });
  }

  protected notifyOwner(d: ProjectionDraft, kind: string, data: Record<string, unknown>): void {
    if (this.assigneeId) d.notify(kind, 'user', this.assigneeId, data);
    else d.notify(kind, 'team', this.teamCode, data);
  }

  /** Closing is a transition (LifecycleState); the auto-close clock triggers it too. */
  protected abstract close(d: ProjectionDraft, now: number, config: TenantConfig, version: number): void;
}
