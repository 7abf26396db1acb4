import { createHash, randomUUID } from 'node:crypto';
import {
  addBusinessMinutes,
  matchRoutingRule,
  stageDeadline,
  triagePolicyOf,
  flattenCategories,
  type Actor,
  type Channel,
  type StageCode,
  type TenantConfig,
} from '@complaints/tenant-config';
import type { TimelineEntry } from '@complaints/tenant-config/lifecycle-contract';
import { badInput, conflict } from '../platform/errors';
import type { VersionedConfig } from '../tenant/tenant-config.service';
import { User } from '../identity/user.entity';
import { Complaint } from './complaint.entity';
import { ComplaintStatus } from './complaint-status';
import type { SubmitComplaintInput } from './complaint.inputs';
import type { ComplaintNumbers, NumberedIntake } from './complaint-number';
import { validateSubmission } from './intake-validation';
import { claimUploads } from './attachment.service';
import { idempotencyLockKey, writeIntake, type CustomerUpsert, type IntakeWritten } from './intake-write';
import { rowValues, type ColumnValues } from '../platform/db/sql-rows';
import { addLogContext } from '../platform/observability/log-context';
import { intakes } from '../platform/observability/metrics';
import { noteTimelineWritten, timelineColumns } from './timeline';
import { planWorkflowStart, startAfterCommit, workflowOutboxValues } from '../lifecycle/workflow-start.outbox';
import { recordRepeatLinks, repeatCandidatesQuery, type RepeatCandidate } from './repeat-complaints';
import type { TenantScope } from '../platform/db/tenant-scope';
import { detectedLocale, raiseByRiskRules } from '../triage/intake-triage';
import { predictCategory, type CategoryPrediction } from '../triage/category-prediction';
import { activeTriageModel } from '../triage/triage-model.store';

const INTAKE_STAGE: StageCode = 'intake';

interface IntakeResult {
  complaint: Complaint;
  /** False when the idempotency key matched an earlier submission. */
  created: boolean;
}

/** Unified intake: validation, idempotency, numbering, classification defaults and routing. */
export class ComplaintIntakeService {
  constructor(private readonly numbers: ComplaintNumbers) {}

  /**
   * One transaction (the caller's) in few round trips: the number (with the stored customer, for routing by
   * tier) on its own autocommitted statement, the assignee when a rule names one, then one round trip that
   * takes the idempotency lock and writes customer, complaint, timeline and workflow outbox together, or
   * finds the complaint filed earlier under the key.
   */
  async submit(scope: TenantScope, actor: Actor, tenant: VersionedConfig, input: SubmitComplaintInput, idempotencyKey: string): Promise<IntakeResult> {
    const { em, tenantId } = scope;
    if (!/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
      throw badInput([{ path: 'idempotencyKey', message: 'Idempotency key must be 8–128 letters, digits or . _ : -' }]);
    }
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const { config, version } = tenant;
    const errors = validateSubmission(input, config);
    if (errors.length) {
      // A retry of an accepted submission still gets its complaint, even if the configuration changed since.
      const earlier = await this.findEarlier(scope, idempotencyKey);
      if (earlier) return this.replay(earlier, requestHash);
      throw badInput(errors);
    }

    const now = new Date();
    const { number, customer: known } = await this.numbers.next(tenantId, now, config.businessCalendar.timeZone, input.customer?.externalId ?? null);
    addLogContext({ complaintNumber: number });
    const customer = input.customer ? customerUpsert(input.customer, known) : null;
    const tier = customer ? (customer.tier ?? known?.tier ?? DEFAULT_TIER) : undefined;
    const prediction = input.categoryCode ? null : await predictMissingCategory(scope, config, input);
    const classified = prediction?.applied ? { ...input, categoryCode: prediction.applied } : input;
    const { category, severity, riskEvent, rule, assignee, teamCode } = await route(scope, config, classified, tier);
    const severityDef = config.severities.find((s) => s.code === severity)!;

    const fields = {
      id: randomUUID(),
      tenantId,
      number,
      idempotencyKey,
      requestHash,
      // validateSubmission has checked it against CHANNELS.
      channel: input.channel as Channel,
      categoryCode: classified.categoryCode ?? null,
      severity,
      priority: priorityOf(config, severity, tier),
      stage: INTAKE_STAGE,
      status: ComplaintStatus.OPEN,
      customerId: customer?.id ?? null,
      contact: customer ? null : { name: input.contact?.name ?? null, email: input.contact?.email ?? null, phone: input.contact?.phone ?? null },
      anonymous: !customer,
      locale: input.locale ?? detectedLocale(input.subject, input.description) ?? 'zh-CN',
      subject: input.subject.trim(),
      description: input.description,
      productRef: input.productRef ?? null,
      orderRef: input.orderRef ?? null,
      expectedResolution: input.expectedResolution ?? null,
      amountClaimed: input.amountClaimed ?? null,
      assigneeId: assignee?.id ?? null,
      teamCode,
      round: 1,
      satisfaction: null,
      configVersion: version,
      stageStartedAt: now,
      stageDueAt: stageDeadline(config, INTAKE_STAGE, severity, 1, now) ?? null,
      firstResponseDueAt: addBusinessMinutes(config.businessCalendar, now, severityDef.firstResponseMinutes),
      firstRespondedAt: null,
      resolutionDueAt: addBusinessMinutes(config.businessCalendar, now, severityDef.resolutionMinutes),
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const events: TimelineEntry[] = [
      { kind: 'complaint.created', actor, to: INTAKE_STAGE, data: { channel: input.channel, severity }, customerVisible: true },
      ...(riskEvent ? [riskEvent] : []),
      ...(prediction ? [prediction.event] : []),
      {
        kind: 'complaint.routed',
        actor: { type: 'system', id: null, name: null },
        to: assignee?.email ?? teamCode,
        note: rule ? `Routing rule ${rule.id} matched` : category?.defaultTeam ? `Default team of category ${category.code}` : 'No routing rule matched',
        data: { ruleId: rule?.id ?? null, teamCode, assigneeId: assignee?.id ?? null, strategy: rule?.strategy ?? null },
      },
    ];
    const workflowStart = planWorkflowStart({
      tenantId,
      complaintId: fields.id,
      number,
      severity,
      priority: fields.priority,
      teamCode,
      assigneeId: assignee?.id ?? null,
      intakeAt: now.toISOString(),
    });

    const written = await writeIntake(em, {
      tenantId,
      idempotencyKey,
      customer,
      complaint: complaintValues(fields),
      events: events.map((event) => rowValues(timelineColumns(tenantId, now, event))),
      workflowOutbox: workflowOutboxValues(workflowStart),
      // A customer this intake creates has no earlier complaints: no query for its repeats.
      then: customer && !known ? null : repeatCandidatesQuery(tenantId, fields),
    });
    if (written.earlier) return this.replay(await em.findOneOrFail(Complaint, { id: written.earlier.id }), requestHash);

    noteTimelineWritten(em);
    if (input.attachmentIds?.length) await claimUploads(scope, actor, fields.id, input.attachmentIds);
    // Same transaction as the complaint: its lifecycle workflow is started after commit (or by the relay).
    startAfterCommit(em, workflowStart);
    // Registered as loaded, not new: it is written already, and later reads in this request find it here.
    const complaint = em.create(Complaint, { ...fields, customerId: written.customerId }, { managed: true, persist: false });
    await recordRepeatLinks(scope, complaint, await this.repeatCandidates(scope, complaint, customer, written));
    intakes.inc({ channel: input.channel });
    return { complaint, created: true };
  }

  /**
   * The candidates read with the write; or, when the customer this intake meant to create was created by a
   * concurrent intake first (the upsert then returns that one's id), read now, since it may have complaints.
   */
  private async repeatCandidates(
    scope: TenantScope,
    complaint: Complaint,
    customer: CustomerUpsert | null,
    written: IntakeWritten,
  ): Promise<RepeatCandidate[]> {
    const { em, tenantId } = scope;
    if (customer && written.customerId !== customer.id) {
      const query = repeatCandidatesQuery(tenantId, complaint)!;
      return em.execute<RepeatCandidate[]>(query.sql, query.params);
    }
    return written.thenRows as unknown as RepeatCandidate[];
  }

  private findEarlier(scope: TenantScope, idempotencyKey: string): Promise<Complaint | null> {
    const { em, tenantId } = scope;
    return em
      .execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [idempotencyLockKey(tenantId, idempotencyKey)])
      .then(() => em.findOne(Complaint, { tenantId, idempotencyKey }));
  }

  private replay(earlier: Complaint, requestHash: string): IntakeResult {
    if (earlier.requestHash !== requestHash) throw conflict('This idempotency key was already used for a different complaint');
    return { complaint: earlier, created: false };
  }
}

/** Classification defaults, risk rules and the tenant's routing rules: severity, the rule that matched, and its target. */
async function route(scope: TenantScope, config: TenantConfig, input: SubmitComplaintInput, customerTier: string | undefined) {
  const { em, tenantId } = scope;
  const category = input.categoryCode ? flattenCategories(config.categories).find((c) => c.code === input.categoryCode) : undefined;
  // Risk rules come before routing, so a raised complaint is routed and timed as the severity it now has.
  const { severity, event: riskEvent } = raiseByRiskRules(
    config,
    input.severity ?? category?.defaultSeverity ?? config.severities[0].code,
    input.subject,
    input.description,
  );
  const rule = matchRoutingRule(config, {
    // Validated: an absent category matches only rules without a category condition.
    category: input.categoryCode ?? '',
    severity,
    channel: input.channel as Channel,
    customerTier,
  });
  const assignee = rule?.target.user ? await em.findOne(User, { tenantId, email: rule.target.user, active: true }) : null;
  const teamCode = rule?.target.team ?? category?.defaultTeam ?? null;
  return { category, severity, riskEvent, rule, assignee, teamCode };
}

/** One read, only when the category is missing and the tenant has triage on; no model, no prediction. */
async function predictMissingCategory(scope: TenantScope, config: TenantConfig, input: SubmitComplaintInput): Promise<CategoryPrediction | null> {
  if (triagePolicyOf(config).mode === 'off') return null;
  const stored = await activeTriageModel(scope, 'category');
  return stored ? predictCategory(config, stored, input.subject, input.description) : null;
}

const DEFAULT_TIER = 'standard';

/** The customer row a submission upserts: matched by external id, otherwise always a new customer. */
function customerUpsert(input: NonNullable<SubmitComplaintInput['customer']>, known: NumberedIntake['customer']): CustomerUpsert {
  return {
    id: known?.id ?? randomUUID(),
    name: input.name.trim(),
    email: input.email ? input.email.trim().toLowerCase() : null,
    phone: input.phone ? input.phone.trim() : null,
    tier: input.tier || null,
    externalId: input.externalId ?? null,
  };
}

/** The complaint's columns for `intake_write` (contact, a jsonb column, as JSON text; dates become ISO text in JSON). */
function complaintValues(c: Complaint): ColumnValues {
  return {
    id: c.id,
    tenant_id: c.tenantId,
    number: c.number,
    idempotency_key: c.idempotencyKey,
    request_hash: c.requestHash,
    channel: c.channel,
    category_code: c.categoryCode,
    severity: c.severity,
    priority: c.priority,
    stage: c.stage,
    status: c.status,
    contact: c.contact ? JSON.stringify(c.contact) : null,
    anonymous: c.anonymous,
    locale: c.locale,
    subject: c.subject,
    description: c.description,
    product_ref: c.productRef,
    order_ref: c.orderRef,
    expected_resolution: c.expectedResolution,
    amount_claimed: c.amountClaimed,
    assignee_id: c.assigneeId,
    team_code: c.teamCode,
    round: c.round,
    config_version: c.configVersion,
    stage_started_at: c.stageStartedAt,
    stage_due_at: c.stageDueAt,
    first_response_due_at: c.firstResponseDueAt,
    resolution_due_at: c.resolutionDueAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** Severity order gives the base priority (later severities are more serious); VIPs go first. */
function priorityOf(config: TenantConfig, severity: string, tier: string | undefined): number {
  const rank = config.severities.findIndex((s) => s.code === severity);
  return rank * 10 + (tier === 'vip' ? 5 : 0);
}
