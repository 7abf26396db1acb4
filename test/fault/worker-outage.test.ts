import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, SUBMIT, testConfig, type GqlResponse, type TestTenant } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from '../integration/lifecycle.support';

/**
 * The worker goes away with lifecycle actions pending. Each action holds no pooled connection while it
 * waits (the pool here is 3 connections, the stuck actions 6), so intake keeps answering; each action
 * gives up after LIFECYCLE_UPDATE_TIMEOUT_MS with SERVICE_UNAVAILABLE, and asking again once the worker
 * is back tells what happened, without a second acknowledgement on any timeline.
 */
const taskQueue = uniqueTaskQueue();
const POOL = 3;
const STUCK_ACTIONS = 6;
const UPDATE_TIMEOUT_MS = 2_000;
let api: RunningApi;
let admin: Orm;
let tenant: TestTenant;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue, API_DB_POOL_SIZE: String(POOL), LIFECYCLE_UPDATE_TIMEOUT_MS: String(UPDATE_TIMEOUT_MS) }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig() });
  workers.push(await startWorker(taskQueue));
}, 120_000);

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  await api?.close();
  await admin?.close();
});

const handler = () => tenant.tokens['handler@t.test'];
const clerk = () => tenant.tokens['clerk@t.test'];
const acknowledge = (id: string) => gql(api.url, 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { id stage } } }', { id }, handler());

async function submit(): Promise<{ res: GqlResponse; ms: number }> {
  const started = Date.now();
  const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk());
  return { res, ms: Date.now() - started };
}

it('with the worker down, stuck actions answer SERVICE_UNAVAILABLE in bounded time while intake keeps answering, and a repeat tells the truth', async () => {
  const ids: string[] = [];
  for (let i = 0; i < STUCK_ACTIONS; i++) ids.push((await submit()).res.data!.submitComplaint.complaint.id);
  const lifecycleOf = (id: string) => gql(api.url, 'query($id:ID!){ complaintLifecycle(id:$id){ stage } }', { id }, handler());
  for (const id of ids)
    await eventually(
      () => lifecycleOf(id),
      (res) => res.data?.complaintLifecycle?.stage !== undefined,
    );

  await workers[0].stop();
  const actionsStarted = Date.now();
  const stuck = Promise.all(ids.map(async (id) => ({ res: await acknowledge(id), ms: Date.now() - actionsStarted })));
  await new Promise((r) => setTimeout(r, 300));
  const intakes: { res: GqlResponse; ms: number }[] = [];
  while (Date.now() - actionsStarted < UPDATE_TIMEOUT_MS) intakes.push(await submit());
  const actions = await stuck;

  expect(intakes.length).toBeGreaterThan(2);
  expect(intakes.map((i) => i.res.errors)).toEqual(intakes.map(() => undefined));
  expect(Math.max(...intakes.map((i) => i.ms))).toBeLessThan(1_500);
  for (const { res, ms } of actions) {
    expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors![0].extensions!.retryAfter).toBeGreaterThan(0);
    expect(ms).toBeLessThan(UPDATE_TIMEOUT_MS + 3_000);
  }

  workers.push(await startWorker(taskQueue));
  for (const id of ids) {
    // Either the pending Update (same id) completes for this repeat, or it already had and the stage moved on.
    const again = await eventually(
      () => acknowledge(id),
      (res) => errorCode(res) !== 'SERVICE_UNAVAILABLE',
    );
    if (again.errors) expect(errorCode(again)).toBe('CONFLICT');
    else expect(again.data!.acknowledgeComplaint.complaint.stage).not.toBe('new');
  }
  const acknowledged = await admin.em
    .fork()
    .getConnection()
    .execute<{ complaint_id: string; n: string }[]>(
      `select complaint_id, count(*) as n from complaint_events where kind = 'complaint.acknowledged' and complaint_id in (${ids.map(() => '?').join(',')}) group by complaint_id`,
      ids,
    );
  expect(acknowledged.map((r) => Number(r.n))).toEqual(ids.map(() => 1));
}, 120_000);
