import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { ComplaintIntakeService } from '../../api/src/complaint/complaint-intake.service';
import { SubmitComplaintInput } from '../../api/src/complaint/complaint.inputs';
import { complaintWorkflowId, type LifecycleCaller, lifecycleUpdate } from '@complaints/tenant-config/lifecycle-contract';
import { WorkflowStarter } from '../../api/src/lifecycle/workflow-start.outbox';
import { createOrm, type Orm } from '../../api/src/app/orm';
import { withTenant } from '../../api/src/platform/db/tenant-scope';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { adminOrm, testConfig, complaintNumbers } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from '../integration/lifecycle.support';

/** A worker that dies at the worst moments: after a projection committed but before Temporal heard of it, and between actions. */
const taskQueue = uniqueTaskQueue();
const tenants = new TenantConfigService();
const STAFF: LifecycleCaller = { type: 'user', id: null, name: 'Handler', permissions: ['complaint.handle'] };
let admin: Orm;
let app: Orm;
let connection: Connection;
let client: Client;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  admin = await adminOrm();
  app = await createOrm(testConfig().appDatabaseUrl, { pool: { min: 0, max: 3 } });
  connection = await Connection.connect({ address: testConfig().temporal.address });
  client = new Client({ connection });
}, 60_000);

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  await connection?.close();
  await app?.close();
  await admin?.close();
});

it('a worker crashing after each commit and then replaced mid-workflow writes every event and notification exactly once', async () => {
  const tenantId = (await admin.em.fork().transactional((em) => tenants.createTenant(em, `t-${randomUUID().slice(0, 12)}`, 'Crash', roundTheClockConfig()))).id;
  const complaintId = await withTenant(app.em, tenantId, async (scope) => {
    const input = Object.assign(new SubmitComplaintInput(), {
      channel: 'web',
      subject: 'Crash',
      description: 'Crash test',
      contact: { name: 'Di', email: 'di@example.com' },
    });
    return (
      await new ComplaintIntakeService(complaintNumbers()).submit(
        scope,
        { type: 'system', id: null, name: null },
        await tenants.current(scope),
        input,
        `key-${randomUUID()}`,
      )
    ).complaint.id;
  });

  // Worker 1 commits every projection, then "crashes" before reporting it: Temporal retries the activity.
  let crashes = 0;
  const crashed = new Set<string>();
  const crashy = await startWorker(taskQueue, {
    wrapActivities: (activities) => ({
      ...activities,
      async projectTransition(projection) {
        const result = await activities.projectTransition(projection);
        const marker = projection.events[0].dedupeKey;
        if (!crashed.has(marker)) {
          crashed.add(marker);
          crashes++;
          throw new Error('worker died after commit');
        }
        return result;
      },
    }),
  });
  workers.push(crashy);
  await new WorkflowStarter(app.em, client, taskQueue).relayPending(0, { tenantId });
  const handle = client.workflow.getHandle(complaintWorkflowId(tenantId, complaintId));
  await handle.executeUpdate(lifecycleUpdate('acknowledge'), { args: [STAFF, { note: 'On it' }] });
  expect(crashes).toBeGreaterThanOrEqual(2);

  // Worker 1 goes away for good; an action sent meanwhile waits and completes on worker 2, which replays history.
  await crashy.stop();
  const pending = handle.executeUpdate(lifecycleUpdate('startInvestigation'), { args: [STAFF, {}] });
  const replacement = await startWorker(taskQueue);
  workers.push(replacement);
  await pending;
  await handle.executeUpdate(lifecycleUpdate('recordFindings'), { args: [STAFF, { findings: 'Overcharged' }] });
  await handle.executeUpdate(lifecycleUpdate('proposeSolution'), { args: [STAFF, { text: 'Refund', compensationType: 'refund', compensationAmount: 50 }] });
  await handle.executeUpdate(lifecycleUpdate('sendFeedback'), { args: [STAFF, { message: 'Refunded' }] });

  const events = await eventually(
    () =>
      admin.em
        .getConnection()
        .execute<{ kind: string; dedupe_key: string | null }[]>('select kind, dedupe_key from complaint_events where complaint_id = ? order by seq', [
          complaintId,
        ]),
    (rows) => rows.some((r) => r.kind === 'feedback.sent'),
  );
  expect(events.map((e) => e.kind)).toEqual([
    'complaint.created',
    'complaint.routed',
    'lifecycle.started',
    'stage.entered',
    'complaint.acknowledged',
    'stage.entered',
    'findings.recorded',
    'stage.entered',
    'solution.proposed',
    'approval.skipped',
    'stage.entered',
    'feedback.sent',
    'sla.paused',
  ]);
  const keys = events.map((e) => e.dedupe_key).filter(Boolean);
  expect(new Set(keys).size).toBe(keys.length);
  const notifications = await admin.em
    .getConnection()
    .execute<{ kind: string }[]>('select kind from notification_outbox where complaint_id = ? order by created_at', [complaintId]);
  expect(notifications.map((n) => n.kind)).toEqual(['complaint.acknowledged', 'feedback.sent']);
});
