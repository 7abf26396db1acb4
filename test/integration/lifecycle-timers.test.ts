import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToFile } from '../../worker/src/testing/history-file';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TenantConfig } from '@complaints/tenant-config';
import { ComplaintIntakeService } from '../../api/src/complaint/complaint-intake.service';
import { SubmitComplaintInput } from '../../api/src/complaint/complaint.inputs';
import {
  COMPLAINT_LIFECYCLE_WORKFLOW,
  complaintWorkflowId,
  type LifecycleCaller,
  type LifecycleInput,
  lifecycleUpdate,
  stateQuery,
} from '@complaints/tenant-config/lifecycle-contract';
import { LifecycleState } from '../../worker/src/workflows/lifecycle-state';
import { WorkflowStarter } from '../../api/src/lifecycle/workflow-start.outbox';
import { createOrm, type Orm } from '../../api/src/app/orm';
import { withTenant } from '../../api/src/platform/db/tenant-scope';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { adminOrm, testConfig, complaintNumbers } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, testServerPath, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

/**
 * Timer-heavy behaviour on the time-skipping test server: hours and days pass in milliseconds, while the
 * activities write to the real PostgreSQL.
 */
const taskQueue = uniqueTaskQueue();
let env: TestWorkflowEnvironment;
let admin: Orm;
let app: Orm;
let worker: RunningWorker;
const tenants = new TenantConfigService();

const STAFF: LifecycleCaller = { type: 'user', id: null, name: 'Handler', permissions: ['complaint.handle', 'complaint.followup', 'complaint.archive'] };

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  admin = await adminOrm();
  app = await createOrm(testConfig().appDatabaseUrl, { pool: { min: 0, max: 4 } });
  worker = await startWorker(taskQueue, { connection: env.nativeConnection, namespace: env.namespace ?? 'default' });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await app?.close();
  await admin?.close();
});

/** A tenant and one complaint taken in through the real intake service; its workflow start waits in the outbox. */
async function complaintInOutbox(config: TenantConfig) {
  const tenant = await admin.em.fork().transactional((em) => tenants.createTenant(em, `t-${randomUUID().slice(0, 12)}`, 'Timers', config));
  const tenantId = tenant.id;
  const intake = new ComplaintIntakeService(complaintNumbers());
  const complaint = await withTenant(app.em, tenantId, async (scope) => {
    const versioned = await tenants.current(scope);
    const input = Object.assign(new SubmitComplaintInput(), {
      channel: 'web',
      subject: 'Late parcel',
      description: 'Two weeks late',
      categoryCode: 'other',
      contact: { name: 'Bo', email: 'bo@example.com' },
    });
    return (await intake.submit(scope, { type: 'system', id: null, name: null }, versioned, input, `key-${randomUUID()}`)).complaint;
  });
  return { tenantId, complaint };
}

/** As complaintInOutbox, with the workflow started from the outbox. */
async function complaintWithWorkflow(config: TenantConfig) {
  const { tenantId, complaint } = await complaintInOutbox(config);
  // No API here: the relay is what starts it, as after a crash between commit and start.
  await new WorkflowStarter(app.em, env.client, taskQueue).relayPending(0, { tenantId });
  const handle = env.client.workflow.getHandle(complaintWorkflowId(tenantId, complaint.id));
  return { tenantId, complaintId: complaint.id, handle };
}

async function events(tenantId: string, complaintId: string): Promise<{ kind: string; data: Record<string, unknown> | null }[]> {
  return admin.em
    .getConnection()
    .execute('select kind, data from complaint_events where tenant_id = ? and complaint_id = ? order by seq', [tenantId, complaintId]);
}

async function complaintRow(tenantId: string, complaintId: string) {
  const [row] = await admin.em
    .getConnection()
    .execute('select stage, status, priority, team_code, closed_at from complaints where tenant_id = ? and id = ?', [tenantId, complaintId]);
  return row as { stage: string; status: string; priority: number; team_code: string | null; closed_at: Date | null };
}

const kinds = (list: { kind: string }[]) => list.map((e) => e.kind);

describe('SLA clocks on the time-skipping server', () => {
  it('reminds the owner at 50 % and 80 % of the SLA, then on breach raises priority, notifies the supervisor and escalates', async () => {
    const config = roundTheClockConfig((c) => {
      // Intake started on the wall clock, which may lag this server's skipped-ahead time: keep its SLA out of the way.
      c.sla.intake = { general: 30 * 1440, urgent: 30 * 1440, major: 30 * 1440 };
      c.sla.investigation = { general: 60, urgent: 60, major: 60 };
    });
    const { tenantId, complaintId, handle } = await complaintWithWorkflow(config);
    await handle.executeUpdate(lifecycleUpdate('startInvestigation'), { args: [STAFF, {}] });
    const before = await complaintRow(tenantId, complaintId);
    expect(before.stage).toBe('investigation');
    const investigationClock = (list: { kind: string; data: Record<string, unknown> | null }[]) =>
      list.filter((e) => e.kind.startsWith('sla.') && e.data?.stage === 'investigation');

    await env.sleep('31 minutes');
    const afterHalf = await eventually(
      () => events(tenantId, complaintId).then(investigationClock),
      (e) => e.length > 0,
    );
    expect(afterHalf.map((e) => [e.kind, e.data?.fraction])).toEqual([['sla.reminder', 0.5]]);

    await env.sleep('30 minutes');
    await eventually(
      () => events(tenantId, complaintId),
      (e) => kinds(e).includes('complaint.escalated'),
    );
    expect(investigationClock(await events(tenantId, complaintId)).map((e) => e.kind)).toEqual(['sla.reminder', 'sla.reminder', 'sla.breached']);
    const after = await complaintRow(tenantId, complaintId);
    expect(after.priority).toBe(before.priority + 10);
    expect(after.team_code).toBe('escalation');
    const notified = await admin.em
      .getConnection()
      .execute<{ kind: string; recipient_kind: string }[]>(
        'select kind, recipient_kind from notification_outbox where tenant_id = ? and complaint_id = ? order by created_at',
        [tenantId, complaintId],
      );
    expect(notified).toEqual(
      expect.arrayContaining([
        { kind: 'sla.reminder', recipient_kind: 'team' },
        { kind: 'sla.breached', recipient_kind: 'team_supervisors' },
      ]),
    );
    expect(await handle.query(stateQuery, {})).toMatchObject({ stage: 'investigation', breached: true });
  });

  it('a closed complaint shows its follow-up deadline from the SLA matrix, and a late follow-up is reminded, breached and escalated', async () => {
    const config = roundTheClockConfig((c) => {
      c.sla.intake = { general: 30 * 1440, urgent: 30 * 1440, major: 30 * 1440 };
      c.sla.followup = { general: 60, urgent: 60, major: 60 };
      c.lifecycle.followUpAfterDays = 1;
    });
    const { tenantId, complaintId, handle } = await complaintWithWorkflow(config);
    await handle.executeUpdate(lifecycleUpdate('startInvestigation'), { args: [STAFF, {}] });
    await handle.executeUpdate(lifecycleUpdate('recordFindings'), { args: [STAFF, { findings: 'Parcel held at customs' }] });
    await handle.executeUpdate(lifecycleUpdate('proposeSolution'), { args: [STAFF, { text: 'Release it', compensationType: 'none', compensationAmount: 0 }] });
    await handle.executeUpdate(lifecycleUpdate('sendFeedback'), { args: [STAFF, { message: 'Released' }] });
    const closed = await handle.executeUpdate(lifecycleUpdate('customerResponse'), { args: [STAFF, { accepted: true, rating: 5 }] });
    expect(closed).toMatchObject({ stage: 'followup', stageStartedAt: null });
    // Known at closing: one hour (the follow-up SLA) after the follow-up starts, a day after closing.
    expect(Date.parse(closed.stageDueAt!) - Date.parse(closed.followUpAt!)).toBe(60 * 60_000);
    const [{ stage_due_at: projected }] = await admin.em
      .getConnection()
      .execute<{ stage_due_at: Date | string }[]>('select stage_due_at from complaints where tenant_id = ? and id = ?', [tenantId, complaintId]);
    expect(new Date(projected).toISOString()).toBe(closed.stageDueAt);

    const followUpClock = (list: { kind: string; data: Record<string, unknown> | null }[]) =>
      list.filter((e) => e.kind.startsWith('sla.') && e.data?.stage === 'followup').map((e) => e.kind);
    await env.sleep('1 day');
    await env.sleep('2 hours');
    const late = await eventually(
      () => events(tenantId, complaintId),
      (e) => kinds(e).includes('complaint.escalated'),
    );
    expect(followUpClock(late)).toEqual(['sla.reminder', 'sla.reminder', 'sla.breached']);
    expect(await complaintRow(tenantId, complaintId)).toMatchObject({ stage: 'followup', team_code: 'escalation' });
    expect(await handle.query(stateQuery, {})).toMatchObject({ stage: 'followup', breached: true, stageDueAt: closed.stageDueAt });
  });

  it('ten minutes of silence after the feedback close the complaint, tell the customer and send the survey', async () => {
    const config = roundTheClockConfig((c) => {
      c.sla.intake = { general: 30 * 1440, urgent: 30 * 1440, major: 30 * 1440 };
      c.lifecycle.autoCloseDays = 10 / 1440;
      c.lifecycle.followUpAfterDays = 0;
    });
    const { tenantId, complaintId, handle } = await complaintWithWorkflow(config);
    await handle.executeUpdate(lifecycleUpdate('startInvestigation'), { args: [STAFF, {}] });
    await handle.executeUpdate(lifecycleUpdate('recordFindings'), { args: [STAFF, { findings: 'Wrong size sent' }] });
    await handle.executeUpdate(lifecycleUpdate('proposeSolution'), { args: [STAFF, { text: 'Exchange it', compensationType: 'none', compensationAmount: 0 }] });
    const waiting = await handle.executeUpdate(lifecycleUpdate('sendFeedback'), { args: [STAFF, { message: 'We exchange it' }] });
    expect(Date.parse(waiting.autoCloseAt!) - Date.parse(waiting.waitingOnCustomerSince!)).toBe(10 * 60_000);
    const toCustomer = () =>
      admin.em
        .getConnection()
        .execute<{ kind: string }[]>(
          "select kind from notification_outbox where tenant_id = ? and complaint_id = ? and recipient_kind = 'customer' order by created_at, kind",
          [tenantId, complaintId],
        )
        .then((rows) => rows.map((r) => r.kind));
    await env.sleep('9 minutes');
    expect(await toCustomer()).not.toContain('complaint.closed');

    await env.sleep('2 minutes');
    const sent = await eventually(toCustomer, (k) => k.includes('followup.survey'));
    expect(sent).toEqual(expect.arrayContaining(['complaint.closed', 'followup.survey']));
    expect(kinds(await events(tenantId, complaintId))).toEqual(expect.arrayContaining(['complaint.auto_closed', 'complaint.closed']));
    expect(await complaintRow(tenantId, complaintId)).toMatchObject({ status: 'RESOLVED', stage: 'followup' });
  });

  it('pauses the clock while waiting on the customer, auto-closes without an answer, then follows up and archives', async () => {
    const config = roundTheClockConfig((c) => {
      c.sla.intake = { general: 30 * 1440, urgent: 30 * 1440, major: 30 * 1440 };
      c.sla.feedback = { general: 60, urgent: 60, major: 60 };
      c.lifecycle.autoCloseDays = 3;
      c.lifecycle.followUpAfterDays = 1;
      c.lifecycle.reopenWindowDays = 2;
    });
    const { tenantId, complaintId, handle } = await complaintWithWorkflow(config);
    await handle.executeUpdate(lifecycleUpdate('acknowledge'), { args: [STAFF, {}] });
    await handle.executeUpdate(lifecycleUpdate('startInvestigation'), { args: [STAFF, {}] });
    await handle.executeUpdate(lifecycleUpdate('recordFindings'), { args: [STAFF, { findings: 'Lost in the depot' }] });
    await handle.executeUpdate(lifecycleUpdate('proposeSolution'), { args: [STAFF, { text: 'Resend', compensationType: 'none', compensationAmount: 0 }] });
    const waiting = await handle.executeUpdate(lifecycleUpdate('sendFeedback'), { args: [STAFF, { message: 'Resent today' }] });
    expect(waiting).toMatchObject({ clockPaused: true, status: 'WAITING_ON_CUSTOMER', nextReminderAt: null });

    // Far past the feedback SLA: paused, so no reminder and no breach for it.
    await env.sleep('2 days');
    const feedbackClock = (list: { kind: string; data: Record<string, unknown> | null }[]) =>
      list.filter((e) => e.kind.startsWith('sla.') && e.data?.stage === 'feedback');
    expect(feedbackClock(await events(tenantId, complaintId))).toEqual([]);
    expect(await handle.query(stateQuery, {})).toMatchObject({ clockPaused: true, breached: false });

    await env.sleep('1 day');
    const closed = await eventually(
      () => events(tenantId, complaintId),
      (e) => kinds(e).includes('followup.scheduled'),
    );
    expect(feedbackClock(closed)).toEqual([]);
    expect(closed.find((e) => e.kind === 'complaint.auto_closed')!.data).toEqual({ outcome: 'resolved_without_response' });
    expect(await complaintRow(tenantId, complaintId)).toMatchObject({ status: 'RESOLVED', stage: 'followup' });

    // The follow-up survey's clock starts a day after closing.
    expect((await handle.query(stateQuery, {})).stageStartedAt).toBeNull();
    await env.sleep('25 hours');
    await eventually(
      () => handle.query(stateQuery, {}),
      (s) => s.stageStartedAt !== null,
    );
    await handle.executeUpdate(lifecycleUpdate('recordFollowUp'), { args: [STAFF, { note: 'Reached by phone', rating: 4 }] });
    expect(await complaintRow(tenantId, complaintId)).toMatchObject({ status: 'CLOSED', stage: 'archive' });

    // After the reopen window the workflow ends.
    await handle.result();
    expect(kinds(await events(tenantId, complaintId))).toContain('lifecycle.completed');
    if (process.env.RECORD_HISTORIES) {
      const dir = join(__dirname, '../../worker/test-histories');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'auto-close-follow-up-archive.seven-stages.json'), historyToFile(await handle.fetchHistory()));
    }
  });

  it('a run continued as new carries its state over and keeps working without repeating a write', async () => {
    const { tenantId, complaint } = await complaintInOutbox(roundTheClockConfig());
    const [row] = await admin.em
      .getConnection()
      .execute<{ input: LifecycleInput; workflow_id: string }[]>('select input, workflow_id from workflow_outbox where complaint_id = ?', [complaint.id]);
    // Workflow time, not the wall clock: earlier tests on this server skipped days ahead.
    const now = Number(await env.currentTimeMs());
    // The state a previous run would carry: feedback sent, waiting on the customer, 40 writes made.
    const carried = Object.assign(LifecycleState.fromInput(row.input, row.workflow_id), {
      stage: 'feedback',
      status: 'WAITING_ON_CUSTOMER',
      acknowledged: true,
      stageStartedAt: now,
      waitingSince: now,
      autoCloseAt: now + 30 * 86_400_000,
      seq: 40,
    }).snapshot();
    const handle = await env.client.workflow.start(COMPLAINT_LIFECYCLE_WORKFLOW, { taskQueue, workflowId: row.workflow_id, args: [{ ...row.input, carried }] });
    expect(await handle.query(stateQuery, {})).toMatchObject({ stage: 'feedback', clockPaused: true });
    await handle.executeUpdate(lifecycleUpdate('customerResponse'), { args: [STAFF, { accepted: true, rating: 5 }] });
    const written = await admin.em
      .getConnection()
      .execute<{ kind: string; dedupe_key: string | null }[]>(
        'select kind, dedupe_key from complaint_events where tenant_id = ? and complaint_id = ? and dedupe_key is not null order by seq',
        [tenantId, complaint.id],
      );
    expect(written.map((e) => e.kind)).not.toContain('lifecycle.started');
    expect(written[0]).toEqual({ kind: 'customer.accepted', dedupe_key: `${row.workflow_id}:41` });
  });

  it('does not let a customer answer close a complaint that is not waiting for one', async () => {
    const { handle } = await complaintWithWorkflow(roundTheClockConfig());
    await expect(handle.executeUpdate(lifecycleUpdate('customerResponse'), { args: [STAFF, { accepted: true, rating: 5 }] })).rejects.toMatchObject({
      cause: { type: 'LifecycleWrongStage' },
    });
  });
});
