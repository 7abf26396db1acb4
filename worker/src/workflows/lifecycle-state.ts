/**
 * The complaint's lifecycle: its plain data and clocks (LifecycleClock) plus the transitions people
 * trigger. Deterministic and synchronous: the workflow feeds it the workflow clock and the tenant
 * configuration, and writes the projections it returns. Everything here survives continue-as-new as JSON
 * (see `snapshot`).
 */
import {
  enabledStages,
  iso,
  requiresApproval,
  stageDeadline,
  SYSTEM_ACTOR,
  type Actor,
  type AssignArgs,
  type CustomerResponseArgs,
  type FeedbackArgs,
  type FindingsArgs,
  type FollowUpArgs,
  type LifecycleInput,
  type MergedArgs,
  type NoteArgs,
  type Projection,
  type ProposeSolutionArgs,
  type ReasonArgs,
  type TenantConfig,
} from '@complaints/tenant-config/lifecycle-contract';
import { LifecycleClock, daysAfter } from './lifecycle-clock';
import type { ProjectionDraft } from './projection-draft';

export class LifecycleState extends LifecycleClock {
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
    this.markResponded(d, now);
    d.event('complaint.acknowledged', actor, { note, customerVisible: true });
    d.notify('complaint.acknowledged', 'customer', this.complaintId, { number: this.number });
  }

  /** The first response is projected once, unless an earlier one (a staff message signalled late) corrects it. */
  private markResponded(d: ProjectionDraft, at: number): void {
    if (this.firstResponseAt != null && this.firstResponseAt <= at) return;
    this.firstResponseAt = at;
    d.patch.firstRespondedAt = iso(at);
  }

  /** Staff sent the customer a message at `at`; null when an earlier response is already projected. */
  staffResponded(actor: Actor, at: number): Projection | null {
    // Acknowledged in a run that did not track the first response: that acknowledgement came first.
    const earlier = this.firstResponseAt ?? (this.acknowledged ? -Infinity : null);
    if (earlier !== null && earlier <= at) return null;
    const d = this.draft();
    this.markResponded(d, at);
    d.event('first_response.recorded', actor, { data: { at: iso(at), by: 'message.customer' } });
    return d.build();
  }

  /**
   * Merged into another complaint: archived at once, with no reopen window, so nothing is due any more and
   * the workflow ends (its SLA clock stops). The kept complaint carries on.
   */
  merged(args: MergedArgs, now: number): Projection {
    const d = this.draft();
    const note = `Merged into ${args.keptNumber}`;
    if (!this.archived) {
      this.waitingSince = null;
      this.autoCloseAt = null;
      if (this.closedAt === null) {
        this.closedAt = now;
        d.patch.closedAt = iso(now);
      }
      this.toArchive(d, args.actor, note);
    }
    this.reopenUntil = null;
    d.event('lifecycle.completed', SYSTEM_ACTOR, { note, data: { keptId: args.keptId } });
    return d.build();
  }

  assign(actor: Actor, args: AssignArgs): Projection {
    const d = this.draft();
    const from = this.assigneeId ?? this.teamCode;
    if (args.teamCode != null) this.teamCode = args.teamCode;
    if (args.assigneeId !== undefined) this.assigneeId = args.assigneeId;
    Object.assign(d.patch, { teamCode: this.teamCode, assigneeId: this.assigneeId });
    d.event('complaint.assigned', actor, {
      from,
      to: this.assigneeId ?? this.teamCode,
      note: args.note ?? null,
      data: { assigneeId: this.assigneeId, teamCode: this.teamCode },
    });
    if (this.assigneeId) d.notify('complaint.assigned', 'user', this.assigneeId, {});
    return d.build();
  }

  /** `separateHandling`: the run records findings as a step of its own (the workflow's patch decides). */
  startInvestigation(actor: Actor, args: NoteArgs, now: number, config: TenantConfig, version: number, separateHandling: boolean): Projection {
    const d = this.draft();
    this.findingsRequired = separateHandling && !config.lifecycle.mergeInvestigationAndHandling;
    this.markAcknowledged(d, actor, now, null);
    this.enterStage(d, 'investigation', now, config, version, actor, args.note ?? undefined);
    return d.build();
  }

  recordFindings(actor: Actor, args: FindingsArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    d.event('findings.recorded', actor, { note: args.findings.trim(), data: { round: this.round } });
    this.enterStage(d, 'handling', now, config, version, actor, 'Findings recorded');
    return d.build();
  }

  proposeSolution(actor: Actor, args: ProposeSolutionArgs, now: number, config: TenantConfig, version: number): Projection {
    const d = this.draft();
    this.solution = { text: args.text.trim(), compensationType: args.compensationType, compensationAmount: args.compensationAmount };
    d.event('solution.proposed', actor, { note: this.solution.text, data: { ...this.solution, round: this.round } });
    const { compensationThreshold, currency, alwaysRequireForSeverities } = config.approval;
    this.approvalRequired = requiresApproval(config, { severity: this.severity, compensationAmount: args.compensationAmount });
    if (this.approvalRequired) {
      const why =
        args.compensationAmount > compensationThreshold
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
    this.autoCloseAt = daysAfter(now, config.lifecycle.autoCloseDays);
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
      d.event('customer.rejected', actor, { note: args.reason ?? null, data: { rating: args.rating ?? null }, customerVisible: true });
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

  protected close(d: ProjectionDraft, now: number, config: TenantConfig, version: number): void {
    this.resumeFromCustomer(d);
    this.closedAt = now;
    this.reopenUntil = daysAfter(now, config.lifecycle.reopenWindowDays);
    this.status = 'RESOLVED';
    Object.assign(d.patch, { status: this.status, closedAt: iso(now) });
    d.event('complaint.closed', SYSTEM_ACTOR, { customerVisible: true });
    if (this.closesTheLoop) d.notify('complaint.closed', 'customer', this.complaintId, { number: this.number });
    if (enabledStages(config).includes('followup')) {
      this.followUpAt = daysAfter(now, config.lifecycle.followUpAfterDays);
      d.event('followup.scheduled', SYSTEM_ACTOR, { data: { at: iso(this.followUpAt) } });
      const due = this.followUpDueWhenScheduled ? stageDeadline(config, 'followup', this.severity, this.round, new Date(this.followUpAt)) : undefined;
      this.parkStage(d, 'followup', SYSTEM_ACTOR, due ? due.getTime() : null);
      if (this.followUpAt <= now) {
        if (this.closesTheLoop) this.startFollowUp(d, now, config, version);
        else this.enterStage(d, 'followup', now, config, version, SYSTEM_ACTOR, 'Follow-up is due');
      }
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
