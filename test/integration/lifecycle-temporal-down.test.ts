import { Client, Connection } from '@temporalio/client';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import type { Orm } from '../../api/src/app/orm';
import { LifecycleSignalOutbox } from '../../api/src/lifecycle/lifecycle-signal.outbox';
import { WorkflowStarter } from '../../api/src/lifecycle/workflow-start.outbox';
import {
  adminOrm,
  complaintInput,
  createTestTenant,
  errorCode,
  gql,
  newKey,
  startTestApi,
  SUBMIT,
  testConfig,
  type TestApi,
  type TestTenant,
} from '../support/harness';
import { eventually, startWorker, uniqueTaskQueue } from './lifecycle.support';

/** An API whose Temporal address answers nothing: intake still works, lifecycle actions fail with a typed error. */
const taskQueue = uniqueTaskQueue();
let api: TestApi;
let admin: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await findFreePort()}`, TASK_QUEUE: taskQueue });
  admin = await adminOrm();
  tenant = await createTestTenant(admin, api);
});

afterAll(async () => {
  await api?.close();
  await admin?.close();
});

const sql = <T>(text: string, params: unknown[]) => admin.em.fork().getConnection().execute<T[]>(text, params);

describe('complaint lifecycle while Temporal is down', () => {
  it('takes the complaint, leaves its start to the relay, and answers a staff action with SERVICE_UNAVAILABLE', async () => {
    const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitComplaint.complaint.id as string;
    const [pending] = await admin.em
      .getConnection()
      .execute<{ started_at: Date | null; attempts: number }[]>('select started_at, attempts from workflow_outbox where complaint_id = ?', [id]);
    expect(pending).toMatchObject({ started_at: null, attempts: 1 });

    const acted = await gql(api.url, 'mutation($id: ID!) { acknowledgeComplaint(id: $id) { complaint { id } } }', { id }, tenant.tokens['handler@t.test']);
    expect(errorCode(acted)).toBe('SERVICE_UNAVAILABLE');
    expect(acted.errors![0].message).toMatch(/did not answer/);
  }, 60_000);
});

describe('signals owed while Temporal is down', () => {
  it('keeps a staff message’s first response in the outbox; the relay signals the workflow once Temporal is back', async () => {
    const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
    const id = submitted.data!.submitComplaint.complaint.id as string;
    const sent = await gql(
      api.url,
      'mutation($id: ID!, $b: String!) { sendCustomerMessage(complaintId: $id, body: $b) { id } }',
      { id, b: 'We are looking into it' },
      tenant.tokens['admin@t.test'],
    );
    expect(sent.errors).toBeUndefined();
    const [owed] = await sql<{ signal: string; sent_at: Date | null; attempts: number }>(
      'select signal, sent_at, attempts from lifecycle_signal_outbox where complaint_id = ?',
      [id],
    );
    expect(owed).toMatchObject({ signal: 'recordStaffResponse', sent_at: null, attempts: 1 });

    // Temporal is back, as the worker's relays see it: the start first, then the signal.
    const connection = await Connection.connect({ address: testConfig().temporal.address });
    const worker = await startWorker(taskQueue);
    try {
      const client = new Client({ connection });
      expect(await new LifecycleSignalOutbox(api.orm.em, client).relayPending(0, { tenantId: tenant.id })).toBe(0);
      // This file's earlier complaint is pending too.
      expect(await new WorkflowStarter(api.orm.em, client, taskQueue).relayPending(0, { tenantId: tenant.id })).toBe(2);
      expect(await new LifecycleSignalOutbox(api.orm.em, client).relayPending(0, { tenantId: tenant.id })).toBe(1);
      const [row] = await eventually(
        () => sql<{ first_responded_at: Date | null }>('select first_responded_at from complaints where id = ?', [id]),
        ([r]) => r.first_responded_at !== null,
      );
      expect(row.first_responded_at).not.toBeNull();
      const [after] = await sql<{ sent_at: Date | null }>('select sent_at from lifecycle_signal_outbox where complaint_id = ?', [id]);
      expect(after.sent_at).not.toBeNull();
    } finally {
      await worker.stop();
      await connection.close();
    }
  }, 60_000);
});
