import { complaintWorkflowId, stateQuery, type LifecycleView } from '@complaints/tenant-config/lifecycle-contract';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { connectLive, type LiveConnection } from '../support/live-client';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

/**
 * The workflow stores its view with every projection: `complaintLifecycle` and the live feed answer from
 * PostgreSQL, narrowed to each reader by the rules the workflow's own query applies.
 */

const STAFF = [
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
];
const LIFECYCLE = '{ stage round acknowledged stageDueAt breached allowedActions }';
const STATE = `query($id:ID!){ complaintLifecycle(id:$id) ${LIFECYCLE} }`;
const ACK = `mutation($id:ID!){ acknowledgeComplaint(id:$id){ lifecycle ${LIFECYCLE} } }`;
const UPDATED = `subscription($id:ID!){ complaintUpdated(id:$id){ event { kind } complaint { stage lifecycle ${LIFECYCLE} } } }`;

const taskQueue = uniqueTaskQueue();
let api: RunningApi;
let admin: Orm;
let worker: RunningWorker;
let tenant: TestTenant;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  // A minute between the tail's polls: an event that arrives sooner was woken by its writer's NOTIFY.
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue, LIVE_POLL_MS: '60000' }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig(), staff: STAFF });
  worker = await startWorker(taskQueue);
}, 120_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.dispose()));
  await worker?.stop();
  await api?.close();
  await admin?.close();
});

const token = (who: string) => tenant.tokens[`${who}@t.test`];
const live = (who: string) => {
  const connection = connectLive(api.url, token(who));
  connections.push(connection);
  return connection;
};

async function submit(): Promise<string> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, token('clerk'));
  return res.data!.submitComplaint.complaint.id;
}

const storedView = async (id: string): Promise<LifecycleView | null> =>
  (await admin.em.getConnection().execute<{ lifecycle_view: LifecycleView | null }[]>('select lifecycle_view from complaints where id = ?', [id]))[0]
    .lifecycle_view;

const started = (id: string) =>
  eventually(
    () => storedView(id),
    (v) => v !== null,
  );

const permissionsOf = async (who: string): Promise<string[]> => (await gql(api.url, '{ me { permissions } }', {}, token(who))).data!.me.permissions;

const askWorkflow = (id: string, permissions?: string[]) =>
  api.temporal.workflow.getHandle(complaintWorkflowId(tenant.id, id)).query(stateQuery, { permissions });

const pick = (v: LifecycleView) => ({ stage: v.stage, round: v.round, acknowledged: v.acknowledged, breached: v.breached, allowedActions: v.allowedActions });

describe('the stored lifecycle view', () => {
  it('is the workflow’s own view, and each caller gets it narrowed as the workflow’s query narrows it', async () => {
    const id = await submit();
    const stored = await started(id);
    expect(pick(stored!)).toEqual(pick(await askWorkflow(id)));
    expect(stored!.allowedActions).toEqual(expect.arrayContaining(['acknowledge', 'assign']));
    for (const who of ['handler', 'clerk']) {
      const answered = (await gql(api.url, STATE, { id }, token(who))).data!.complaintLifecycle;
      expect(pick(answered)).toEqual(pick(await askWorkflow(id, await permissionsOf(who))));
    }
    const handler = (await gql(api.url, STATE, { id }, token('handler'))).data!.complaintLifecycle;
    const clerk = (await gql(api.url, STATE, { id }, token('clerk'))).data!.complaintLifecycle;
    expect(handler.allowedActions).toContain('acknowledge');
    expect(clerk.allowedActions).not.toContain('acknowledge');
  });

  it('follows each action: the projection that answers the action also stores the view it produced', async () => {
    const id = await submit();
    await started(id);
    const acted = (await gql(api.url, ACK, { id }, token('handler'))).data!.acknowledgeComplaint.lifecycle;
    expect(acted.acknowledged).toBe(true);
    expect(pick((await storedView(id))!)).toEqual(pick(await askWorkflow(id)));
    expect((await gql(api.url, STATE, { id }, token('handler'))).data!.complaintLifecycle).toEqual(acted);
  });
});

describe('live updates carry the view', () => {
  it('pushes the view a staff action produced, narrowed to each subscriber, without waiting for the tail’s poll', async () => {
    const id = await submit();
    await started(id);
    const asHandler = live('handler').subscribe(UPDATED, { id });
    const asClerk = live('clerk').subscribe(UPDATED, { id });
    await new Promise((r) => setTimeout(r, 300));
    const acted = (await gql(api.url, ACK, { id }, token('handler'))).data!.acknowledgeComplaint.lifecycle;
    // The acknowledgement's events are the worker's projection: only the worker's NOTIFY wakes the tail in time.
    const pushed = (await asHandler.next(5_000)).complaintUpdated;
    expect(pushed.complaint.lifecycle).toEqual(acted);
    const toClerk = (await asClerk.next(5_000)).complaintUpdated.complaint.lifecycle;
    expect(toClerk.acknowledged).toBe(true);
    expect(toClerk.allowedActions).toEqual((await gql(api.url, STATE, { id }, token('clerk'))).data!.complaintLifecycle.allowedActions);
    expect(toClerk.allowedActions).not.toEqual(pushed.complaint.lifecycle.allowedActions);
  });
});

describe('with the worker down', () => {
  it('still answers complaintLifecycle from PostgreSQL', async () => {
    const id = await submit();
    await started(id);
    const before = (await gql(api.url, STATE, { id }, token('handler'))).data!.complaintLifecycle;
    await worker.stop();
    const res = await gql(api.url, STATE, { id }, token('handler'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.complaintLifecycle).toEqual(before);
  });
});
