import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { ComplaintIntakeService } from '../../api/src/complaint/complaint-intake.service';
import { SubmitComplaintInput } from '../../api/src/complaint/complaint.inputs';
import { COMPLAINT_LIFECYCLE_WORKFLOW, complaintWorkflowId } from '@complaints/tenant-config/lifecycle-contract';
import { StartWorkflowsAfterCommit, WorkflowStarter } from '../../api/src/lifecycle/workflow-start.outbox';
import { createOrm, type Orm } from '../../api/src/app/orm';
import { withTenant } from '../../api/src/platform/db/tenant-scope';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { adminOrm, testConfig, complaintNumbers } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from '../integration/lifecycle.support';

/**
 * The dual-write gap: a complaint row and its workflow are written to two systems. The outbox row commits
 * with the complaint; these tests break the chain at each point and show it still completes, exactly once.
 */
const taskQueue = uniqueTaskQueue();
const tenants = new TenantConfigService();
let admin: Orm;
let connection: Connection;
let client: Client;
let worker: RunningWorker;
let tenantId: string;

beforeAll(async () => {
  admin = await adminOrm();
  const config = testConfig();
  connection = await Connection.connect({ address: config.temporal.address });
  client = new Client({ connection });
  worker = await startWorker(taskQueue);
  tenantId = (await admin.em.fork().transactional((em) => tenants.createTenant(em, `t-${randomUUID().slice(0, 12)}`, 'Outbox', roundTheClockConfig()))).id;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await connection?.close();
  await admin?.close();
});

/** An application-role ORM of its own, as one API process would have. */
async function appProcess(): Promise<Orm> {
  return createOrm(testConfig().appDatabaseUrl, { pool: { min: 0, max: 3 } });
}

async function intake(orm: Orm, fail?: () => void): Promise<string> {
  return withTenant(orm.em, tenantId, async (scope) => {
    const input = Object.assign(new SubmitComplaintInput(), {
      channel: 'web',
      subject: 'Outbox',
      description: 'Testing the gap',
      contact: { name: 'Cy', email: 'cy@example.com' },
    });
    const { complaint } = await new ComplaintIntakeService(complaintNumbers()).submit(
      scope,
      { type: 'system', id: null, name: null },
      await tenants.current(scope),
      input,
      `key-${randomUUID()}`,
    );
    fail?.();
    return complaint.id;
  });
}

async function outboxRow(complaintId: string) {
  const [row] = await admin.em
    .getConnection()
    .execute<{ started_at: Date | null; attempts: number; last_error: string | null }[]>(
      'select started_at, attempts, last_error from workflow_outbox where complaint_id = ?',
      [complaintId],
    );
  return row;
}

const startedEvents = (complaintId: string) =>
  admin.em
    .getConnection()
    .execute<{ n: number }[]>(`select count(*)::int as n from complaint_events where complaint_id = ? and kind = 'lifecycle.started'`, [complaintId])
    .then(([r]) => r.n);

describe('workflow start outbox', () => {
  it('a process that dies right after the intake commit leaves a pending start that the relay completes', async () => {
    // No after-commit starter registered: exactly what a crash between commit and start leaves behind.
    const orm = await appProcess();
    const complaintId = await intake(orm).finally(() => orm.close());
    const handle = client.workflow.getHandle(complaintWorkflowId(tenantId, complaintId));
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await outboxRow(complaintId)).toMatchObject({ started_at: null });

    const relay = await appProcess();
    await new WorkflowStarter(relay.em, client, taskQueue).relayPending(0, { tenantId }).finally(() => relay.close());
    expect((await handle.describe()).type).toBe(COMPLAINT_LIFECYCLE_WORKFLOW);
    expect((await outboxRow(complaintId)).started_at).not.toBeNull();
    await eventually(
      () => startedEvents(complaintId),
      (n) => n === 1,
    );
  });

  it('a failing fast path is logged, not fatal: the complaint commits and the relay starts its workflow', async () => {
    const orm = await appProcess();
    const logged: string[] = [];
    const broken = { start: () => Promise.reject(new Error('Temporal is unreachable')) };
    orm.em.getEventManager().registerSubscriber(new StartWorkflowsAfterCommit(broken, (m) => logged.push(m)));
    const complaintId = await intake(orm).finally(() => orm.close());
    expect(logged).toEqual([expect.stringContaining(`complaint ${complaintId} deferred to the relay`)]);

    const relay = await appProcess();
    expect(await new WorkflowStarter(relay.em, client, taskQueue).relayPending(0, { tenantId }).finally(() => relay.close())).toBeGreaterThanOrEqual(1);
    await eventually(
      () => startedEvents(complaintId),
      (n) => n === 1,
    );
  });

  it('the relay takes a start whose fast path recorded a failure at once, and leaves a fresh one to its API for the grace period', async () => {
    const orm = await appProcess();
    const unreachable = { workflow: { start: () => Promise.reject(new Error('Temporal is unreachable')) } } as unknown as Client;
    orm.em.getEventManager().registerSubscriber(new StartWorkflowsAfterCommit(new WorkflowStarter(orm.em, unreachable, taskQueue), () => undefined));
    const failed = await intake(orm).finally(() => orm.close());
    expect(await outboxRow(failed)).toMatchObject({ started_at: null, attempts: 1, last_error: expect.stringContaining('unreachable') });
    const fresh = await appProcess().then((o) => intake(o).finally(() => o.close()));

    const relay = await appProcess();
    await new WorkflowStarter(relay.em, client, taskQueue).relayPending(60_000, { tenantId }).finally(() => relay.close());
    expect((await outboxRow(failed)).started_at).not.toBeNull();
    expect((await outboxRow(fresh)).started_at).toBeNull();
    await eventually(
      () => startedEvents(failed),
      (n) => n === 1,
    );
  });

  it('a Temporal that does not answer delays the intake by the fast-path timeout only', async () => {
    const orm = await appProcess();
    const logged: string[] = [];
    const hanging = { start: () => new Promise<'started'>(() => {}) };
    orm.em.getEventManager().registerSubscriber(new StartWorkflowsAfterCommit(hanging, (m) => logged.push(m), 200));
    const began = Date.now();
    const complaintId = await intake(orm).finally(() => orm.close());
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(logged).toEqual([expect.stringContaining(`complaint ${complaintId} deferred to the relay`)]);
    expect(await outboxRow(complaintId)).toMatchObject({ started_at: null });
  });

  it('a workflow started whose outbox mark was lost is not started twice by the relay', async () => {
    const orm = await appProcess();
    const complaintId = await intake(orm).finally(() => orm.close());
    const workflowId = complaintWorkflowId(tenantId, complaintId);
    const [row] = await admin.em.getConnection().execute<{ input: unknown }[]>('select input from workflow_outbox where complaint_id = ?', [complaintId]);
    // The fast path's start succeeded, then the process died before it marked the row.
    const first = await client.workflow.start(COMPLAINT_LIFECYCLE_WORKFLOW, { taskQueue, workflowId, args: [row.input] });

    const relay = await appProcess();
    await new WorkflowStarter(relay.em, client, taskQueue).relayPending(0, { tenantId }).finally(() => relay.close());
    expect((await outboxRow(complaintId)).started_at).not.toBeNull();
    expect((await client.workflow.getHandle(workflowId).describe()).runId).toBe(first.firstExecutionRunId);
    await eventually(
      () => startedEvents(complaintId),
      (n) => n === 1,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await startedEvents(complaintId)).toBe(1);
  });

  it('an intake that rolls back leaves neither a start obligation nor a workflow', async () => {
    const orm = await appProcess();
    const starts: string[] = [];
    orm.em
      .getEventManager()
      .registerSubscriber(new StartWorkflowsAfterCommit({ start: (p) => (starts.push(p.complaintId), Promise.resolve('started' as const)) }, () => {}));
    const crash = () => {
      throw new Error('crash before commit');
    };
    await expect(intake(orm, crash).finally(() => orm.close())).rejects.toThrow('crash before commit');
    expect(starts).toEqual([]);
    const [orphans] = await admin.em
      .getConnection()
      .execute<{ n: number }[]>(
        'select count(*)::int as n from workflow_outbox w left join complaints c on c.id = w.complaint_id where w.tenant_id = ? and c.id is null',
        [tenantId],
      );
    expect(orphans.n).toBe(0);
  });
});
