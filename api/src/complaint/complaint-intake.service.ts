import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addBusinessMinutes, matchRoutingRule, stageDeadline, flattenCategories, type Channel, type TenantConfig } from '@complaints/tenant-config';
import type { Actor } from '../platform/auth/principal';
import { badInput, conflict } from '../platform/errors';
import type { VersionedConfig } from '../tenant/tenant-config.service';
import { User } from '../identity/user.entity';
import { Complaint, ComplaintStatus } from './complaint.entity';
import type { SubmitComplaintInput } from './complaint.inputs';
import type { ComplaintNumbers } from './complaint-number';
import { Customer } from './customer.entity';
import { validateSubmission } from './intake-validation';
import { appendEvent } from './timeline';
import { enqueueWorkflowStart } from '../lifecycle/workflow-start.outbox';
import { flagLikelyRepeats } from '../analytics/repeat-complaints';

const INTAKE_STAGE = 'intake';

export interface IntakeResult {
  complaint: Complaint;
  /** False when the idempotency key matched an earlier submission. */
  created: boolean;
}

/** Unified intake: validation, idempotency, numbering, classification defaults and routing. */
export class ComplaintIntakeService {
  constructor(private readonly numbers: ComplaintNumbers) {}

  async submit(em: EntityManager, tenantId: string, actor: Actor, tenant: VersionedConfig, input: SubmitComplaintInput, idempotencyKey: string): Promise<IntakeResult> {
    if (!/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
      throw badInput([{ path: 'idempotencyKey', message: 'Idempotency key must be 8–128 letters, digits or . _ : -' }]);
    }
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    // Concurrent retries with one key queue here; the loser then finds the winner's committed row.
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${tenantId}:${idempotencyKey}`]);
    const earlier = await em.findOne(Complaint, { tenantId, idempotencyKey }, { populate: ['requestHash'] });
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw conflict('This idempotency key was already used for a different complaint');
      return { complaint: earlier, created: false };
    }

    const { config, version } = tenant;
    const errors = validateSubmission(input, config);
    if (errors.length) throw badInput(errors);

    const now = new Date();
    const customer = input.customer ? await this.upsertCustomer(em, tenantId, input.customer) : null;
    const category = input.categoryCode ? flattenCategories(config.categories).find((c) => c.code === input.categoryCode) : undefined;
    const severity = input.severity ?? category?.defaultSeverity ?? config.severities[0]!.code;
    const severityDef = config.severities.find((s) => s.code === severity)!;
    const rule = matchRoutingRule(config, {
      // Validated above: an absent category matches only rules without a category condition.
      category: input.categoryCode ?? '',
      severity,
      channel: input.channel as Channel,
      customerTier: customer?.tier,
    });
    const assignee = rule?.target.user ? await em.findOne(User, { tenantId, email: rule.target.user, active: true }) : null;
    const teamCode = rule?.target.team ?? category?.defaultTeam ?? null;

    const complaint = em.create(Complaint, {
      number: await this.numbers.next(tenantId, now, config.businessCalendar.timeZone),
      idempotencyKey,
      requestHash,
      channel: input.channel,
      categoryCode: input.categoryCode ?? null,
      severity,
      priority: priorityOf(config, severity, customer?.tier),
      stage: INTAKE_STAGE,
      status: ComplaintStatus.OPEN,
      customerId: customer?.id ?? null,
      contact: customer ? null : { name: input.contact?.name ?? null, email: input.contact?.email ?? null, phone: input.contact?.phone ?? null },
      anonymous: !customer,
      locale: input.locale ?? 'zh-CN',
      subject: input.subject.trim(),
      description: input.description,
      productRef: input.productRef ?? null,
      orderRef: input.orderRef ?? null,
      expectedResolution: input.expectedResolution ?? null,
      amountClaimed: input.amountClaimed ?? null,
      assigneeId: assignee?.id ?? null,
      teamCode,
      round: 1,
      configVersion: version,
      stageStartedAt: now,
      stageDueAt: stageDeadline(config, INTAKE_STAGE, severity, 1, now),
      firstResponseDueAt: addBusinessMinutes(config.businessCalendar, now, severityDef.firstResponseMinutes),
      resolutionDueAt: addBusinessMinutes(config.businessCalendar, now, severityDef.resolutionMinutes),
      createdAt: now,
      updatedAt: now,
    } as Complaint);

    appendEvent(em, { complaintId: complaint.id, kind: 'complaint.created', actor, to: INTAKE_STAGE, data: { channel: input.channel, severity }, customerVisible: true });
    appendEvent(em, {
      complaintId: complaint.id,
      kind: 'complaint.routed',
      actor: { type: 'system', id: null, name: null },
      to: assignee?.email ?? teamCode,
      note: rule ? `Routing rule ${rule.id} matched` : category?.defaultTeam ? `Default team of category ${category.code}` : 'No routing rule matched',
      data: { ruleId: rule?.id ?? null, teamCode, assigneeId: assignee?.id ?? null, strategy: rule?.strategy ?? null },
    });
    await em.flush();
    await flagLikelyRepeats(em, tenantId, complaint);
    // Same transaction as the complaint: its lifecycle workflow is started after commit (or by the relay).
    await enqueueWorkflowStart(em, {
      tenantId,
      complaintId: complaint.id,
      number: complaint.number,
      severity,
      priority: complaint.priority,
      teamCode,
      assigneeId: assignee?.id ?? null,
      intakeAt: now.toISOString(),
    });
    return { complaint, created: true };
  }

  private async upsertCustomer(em: EntityManager, tenantId: string, input: NonNullable<SubmitComplaintInput['customer']>): Promise<Customer> {
    const existing = input.externalId ? await em.findOne(Customer, { tenantId, externalId: input.externalId }) : null;
    const customer = existing ?? em.create(Customer, { tenantId, name: input.name, externalId: input.externalId ?? null } as Customer);
    customer.name = input.name.trim();
    if (input.email) customer.email = input.email.trim().toLowerCase();
    if (input.phone) customer.phone = input.phone.trim();
    if (input.tier) customer.tier = input.tier;
    return customer;
  }
}

/** Severity order gives the base priority (later severities are more serious); VIPs go first. */
function priorityOf(config: TenantConfig, severity: string, tier: string | undefined): number {
  const rank = config.severities.findIndex((s) => s.code === severity);
  return rank * 10 + (tier === 'vip' ? 5 : 0);
}
