import { Client, Connection } from '@temporalio/client';
import { defaultTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import { triageTrainingScheduleId } from '@complaints/tenant-config/lifecycle-contract';
import type { Orm } from '../../api/src/app/orm';
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
import { startWorker, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

const TRAIN = 'mutation { trainTriageModel { workflowId running version labelledComplaints macroF1 stayOnSuggestions } }';
const MODELS = '{ triageModels { version field active createdAt metrics } triageNextTraining }';
const DEFECTS = ['水壶不能加热，开机就坏了', '耳机没有声音，充不进电', 'the kettle stopped heating after two days', 'the phone will not turn on'];
const REFUNDS = ['退款一周了还没到账', '钱还没有退回银行卡', 'my refund has not arrived yet', 'still waiting for my money back'];

const taskQueue = uniqueTaskQueue();
let api: TestApi;
let orm: Orm;
let worker: RunningWorker;
let tenant: TestTenant;
let temporal: Connection;

/** Two leaf categories, so 25 clerk-filed complaints each are enough to train on. */
function twoCategoryConfig(): TenantConfig {
  const config = defaultTenantConfig();
  const categories = config.categories.flatMap((top) =>
    top.code === 'product_quality' || top.code === 'billing'
      ? [{ ...top, children: top.children?.filter((c) => c.code === 'functional_defect' || c.code === 'refund_delay') }]
      : [],
  );
  return { ...config, categories, triage: { ...config.triage, mode: 'suggest' } };
}

beforeAll(async () => {
  api = await startTestApi({ TASK_QUEUE: taskQueue });
  orm = await adminOrm();
  worker = await startWorker(taskQueue);
  temporal = await Connection.connect({ address: testConfig().temporal.address });
  tenant = await createTestTenant(orm, api, { config: twoCategoryConfig() });
  for (const [categoryCode, texts] of [
    ['functional_defect', DEFECTS],
    ['refund_delay', REFUNDS],
  ] as const) {
    for (let i = 0; i < 25; i += 1) {
      const input = complaintInput({ subject: texts[i % texts.length], description: `${texts[(i + 1) % texts.length]} #${i}`, categoryCode });
      expect((await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test'])).errors).toBeUndefined();
    }
  }
});
afterAll(async () => {
  await worker?.stop();
  await temporal?.close();
  await api?.close();
  await orm?.close();
});

describe('triage training as a Temporal job', () => {
  it('trains on demand through the worker, stores the version with its figures, and sets up the nightly schedule', async () => {
    const admin = tenant.tokens['admin@t.test'];
    expect((await gql(api.url, MODELS, {}, admin)).data).toEqual({ triageModels: [], triageNextTraining: null });

    const run = await gql(api.url, TRAIN, {}, admin);
    expect(run.errors).toBeUndefined();
    expect(run.data!.trainTriageModel).toMatchObject({ running: false, version: 1, labelledComplaints: 50, stayOnSuggestions: false });
    expect(run.data!.trainTriageModel.macroF1).toBeGreaterThan(0.8);

    const listed = await gql(api.url, MODELS, {}, admin);
    const [model] = listed.data!.triageModels;
    expect(model).toMatchObject({ version: 1, field: 'category', active: true, metrics: { labelledComplaints: 50, insufficientLabels: [] } });
    const next = Date.parse(listed.data!.triageNextTraining);
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    const schedule = await new Client({ connection: temporal }).schedule.getHandle(triageTrainingScheduleId(tenant.id)).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'triageTraining', taskQueue });
    expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });

    // A retraining is version 2; rolling back puts 1 back, and the suggestion at intake names the active version.
    expect((await gql(api.url, TRAIN, {}, admin)).data!.trainTriageModel.version).toBe(2);
    expect((await gql(api.url, 'mutation { rollbackTriageModel }', {}, admin)).data!.rollbackTriageModel).toBe(1);
    const filed = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ subject: '退款', description: '我的退款还没到账' }), key: newKey() },
      tenant.tokens['clerk@t.test'],
    );
    const [event] = await orm.em
      .fork()
      .getConnection()
      .execute<{ data: { modelVersion: number; suggestions: { code: string }[] } }[]>(
        `select data from complaint_events where complaint_id = ? and kind = 'triage.predicted'`,
        [filed.data!.submitComplaint.complaint.id],
      );
    expect(event.data.modelVersion).toBe(1);
  });

  it('is for whoever configures the tenant: a clerk is FORBIDDEN, another tenant sees none of it', async () => {
    expect(errorCode(await gql(api.url, TRAIN, {}, tenant.tokens['clerk@t.test']))).toBe('FORBIDDEN');
    expect(errorCode(await gql(api.url, MODELS, {}, tenant.tokens['clerk@t.test']))).toBe('FORBIDDEN');
    const other = await createTestTenant(orm, api);
    expect((await gql(api.url, MODELS, {}, other.tokens['admin@t.test'])).data).toEqual({ triageModels: [], triageNextTraining: null });
  });
});
