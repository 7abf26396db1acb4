import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complaintWorkflowId } from '@complaints/tenant-config/lifecycle-contract';
import { historyToFile } from '../../worker/src/testing/history-file';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

/** The lifecycle workflow is the one writer of the lifecycle columns: the API signals it after committing. */

const STAFF = [
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
];

const taskQueue = uniqueTaskQueue();
let api: RunningApi;
let admin: Orm;
let worker: RunningWorker;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig(), staff: STAFF });
  worker = await startWorker(taskQueue);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await admin?.close();
});

const token = (who: string) => tenant.tokens[`${who}@t.test`];

async function submit(): Promise<{ id: string; number: string }> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, token('clerk'));
  return res.data!.submitComplaint.complaint;
}

/** Instants as ISO text, read past the API (raw SQL answers timestamptz as text). */
async function row(id: string): Promise<{ firstRespondedAt: string | null; stage: string; status: string }> {
  const [r] = await admin.em
    .getConnection()
    .execute<{ first_responded_at: string | null; stage: string; status: string }[]>('select first_responded_at, stage, status from complaints where id = ?', [
      id,
    ]);
  return { firstRespondedAt: r.first_responded_at && new Date(r.first_responded_at).toISOString(), stage: r.stage, status: r.status };
}

async function kinds(id: string): Promise<string[]> {
  const rows = await admin.em.getConnection().execute<{ kind: string }[]>('select kind from complaint_events where complaint_id = ? order by seq', [id]);
  return rows.map((r) => r.kind);
}

const started = (id: string) =>
  eventually(
    () => kinds(id),
    (k) => k.includes('lifecycle.started'),
  );
const describeRun = (id: string) => api.temporal.workflow.getHandle(complaintWorkflowId(tenant.id, id)).describe();

/** With RECORD_HISTORIES=1, keeps the run's history as a replay fixture (worker/test-histories, replay.test.ts). */
async function recordHistory(id: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await api.temporal.workflow.getHandle(complaintWorkflowId(tenant.id, id)).fetchHistory();
  const dir = join(__dirname, '../../worker/test-histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), historyToFile(history));
}

describe('one writer for the lifecycle columns', () => {
  it('a staff message before the acknowledgement is the first response, projected by the workflow and kept by acknowledging', async () => {
    const { id } = await submit();
    await started(id);
    // With the worker away, the message commits but nothing may write the column: the API is not its writer.
    await worker.stop();
    const sent = await gql(api.url, 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"We are on it"){ id } }', { id }, token('handler'));
    expect(sent.errors).toBeUndefined();
    expect((await row(id)).firstRespondedAt).toBeNull();
    const [comment] = await admin.em.getConnection().execute<{ created_at: string }[]>('select created_at from comments where complaint_id = ?', [id]);
    const messageAt = new Date(comment.created_at).toISOString();

    worker = await startWorker(taskQueue);
    const projected = await eventually(
      () => row(id),
      (r) => r.firstRespondedAt !== null,
    );
    expect(projected.firstRespondedAt).toBe(messageAt);

    const acked = await gql(api.url, 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { firstRespondedAt } } }', { id }, token('handler'));
    expect(acked.errors).toBeUndefined();
    expect(acked.data!.acknowledgeComplaint.complaint.firstRespondedAt).toBe(messageAt);
    expect(await kinds(id)).toEqual(expect.arrayContaining(['message.customer', 'first_response.recorded', 'complaint.acknowledged']));
    await recordHistory(id, 'staff-message-before-acknowledge');
  }, 60_000);

  it('the acknowledgement is the first response when it precedes the first staff message', async () => {
    const { id } = await submit();
    await started(id);
    const acked = await gql(api.url, 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { firstRespondedAt } } }', { id }, token('handler'));
    const ackedAt = acked.data!.acknowledgeComplaint.complaint.firstRespondedAt;
    expect(ackedAt).not.toBeNull();
    await gql(api.url, 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"Update: courier contacted"){ id } }', { id }, token('handler'));
    // An action after the message returns once its projection landed, which the run writes after any the signal caused.
    const next = await gql(api.url, 'mutation($id:ID!){ startInvestigation(id:$id){ complaint { stage } } }', { id }, token('handler'));
    expect(next.errors).toBeUndefined();
    expect((await row(id)).firstRespondedAt).toBe(ackedAt);
    expect(await kinds(id)).not.toContain('first_response.recorded');
  }, 60_000);

  it('merging ends the duplicate’s workflow with the duplicate archived, while the kept complaint’s runs on', async () => {
    const kept = await submit();
    const duplicate = await submit();
    await Promise.all([started(kept.id), started(duplicate.id)]);
    const res = await gql(
      api.url,
      'mutation($d:ID!,$k:ID!){ mergeComplaints(duplicateId:$d, keepId:$k, note:"Same kettle"){ lifecycleArchived } }',
      { d: duplicate.id, k: kept.id },
      token('handler'),
    );
    expect(res.data!.mergeComplaints.lifecycleArchived).toBe(true);

    const run = await eventually(
      () => describeRun(duplicate.id),
      (d) => d.status.name !== 'RUNNING',
    );
    expect(run.status.name).toBe('COMPLETED');
    expect(await row(duplicate.id)).toMatchObject({ stage: 'archive', status: 'CLOSED' });
    expect(await kinds(duplicate.id)).toEqual(expect.arrayContaining(['complaint.merged', 'complaint.archived', 'lifecycle.completed']));
    expect((await describeRun(kept.id)).status.name).toBe('RUNNING');
    await recordHistory(duplicate.id, 'merged-duplicate-ends');
  }, 60_000);
});
