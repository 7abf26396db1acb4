import { defaultTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import type { Orm } from '../../api/src/app/orm';
import { withTenant, type TenantScope } from '../../api/src/platform/db/tenant-scope';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { MIN_LABELLED_PER_CATEGORY, trainTenantModel } from '../../api/src/triage/tenant-model-training';
import { activeTriageModel, rollbackTriageModel } from '../../api/src/triage/triage-model.store';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;

const DEFECTS = [
  '水壶不能加热，开机就坏了',
  '耳机没有声音，充不进电',
  'the kettle stopped heating after two days',
  '手机一直自动重启，没法用',
  'the phone will not turn on',
];
const REFUNDS = ['退款一周了还没到账', '钱还没有退回银行卡', 'my refund has not arrived yet', '退货签收了退款还没到', 'still waiting for my money back'];

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

/** Complaints a clerk files with a category: what staff labelled. */
async function fileLabelled(tenant: TestTenant, categoryCode: string, texts: string[], count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const input = complaintInput({ subject: texts[i % texts.length], description: `${texts[(i + 1) % texts.length]} #${i}`, categoryCode });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(res.errors).toBeUndefined();
  }
}

/** Runs a store function as the API does: the application role, inside the tenant's scope. */
function inTenant<T>(tenant: TestTenant, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  return withTenant(api.orm.em, tenant.id, work);
}

function train(tenant: TestTenant) {
  return inTenant(tenant, async (scope) => trainTenantModel(scope, (await new TenantConfigService().current(scope)).config));
}

function autoConfig(categories?: TenantConfig['categories']): TenantConfig {
  const config = defaultTenantConfig();
  return { ...config, categories: categories ?? config.categories, triage: { ...config.triage, mode: 'auto', threshold: 0.5 } };
}

describe('trainTenantModel', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    const categories = defaultTenantConfig().categories.flatMap((top) =>
      top.code === 'product_quality' || top.code === 'billing'
        ? [{ ...top, children: top.children?.filter((c) => c.code === 'functional_defect' || c.code === 'refund_delay') }]
        : [],
    );
    tenant = await createTestTenant(orm, api, { config: autoConfig(categories) });
    await fileLabelled(tenant, 'functional_defect', DEFECTS, 25);
    await fileLabelled(tenant, 'refund_delay', REFUNDS, 25);
  });

  it('trains on the complaints clerks filed, stores version 1 active with held-out figures, and auto intake files by it', async () => {
    const { version, metrics } = await train(tenant);
    expect(version).toBe(1);
    expect(metrics).toMatchObject({ labelledComplaints: 50, insufficientLabels: [], stayOnSuggestions: false, minPerLabel: MIN_LABELLED_PER_CATEGORY });
    expect(metrics.examples).toBeGreaterThan(0);
    expect(metrics.examples).toBe(metrics.labels.reduce((sum, label) => sum + label.support, 0));
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(metrics.labels.map((l) => [l.label, l.status, l.examples])).toEqual([
      ['functional_defect', 'trained', 25],
      ['refund_delay', 'trained', 25],
    ]);

    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<{ active: boolean; metrics: { macroF1: number } }[]>('select active, metrics from triage_models where tenant_id = ? and version = 1', [
        tenant.id,
      ]);
    expect(row).toMatchObject({ active: true, metrics: { macroF1: metrics.macroF1 } });

    const input = complaintInput({ subject: '退款', description: '我的退款还没到账' });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(res.data!.submitComplaint.complaint).toMatchObject({ categoryCode: 'refund_delay' });
  });

  it('does not learn from its own auto-filing, stores a retraining as version 2, and rolls back to 1 and then to none', async () => {
    const retrained = await train(tenant);
    expect(retrained.version).toBe(2);
    // The complaint the model filed above carries the clerk's creation event, yet is not a label.
    expect(retrained.metrics.labelledComplaints).toBe(50);
    expect((await inTenant(tenant, (scope) => activeTriageModel(scope, 'category')))?.version).toBe(2);

    expect(await inTenant(tenant, (scope) => rollbackTriageModel(scope, 'category'))).toBe(1);
    expect(await inTenant(tenant, (scope) => activeTriageModel(scope, 'category'))).toMatchObject({ version: 1, suggestOnly: false });
    expect(await inTenant(tenant, (scope) => rollbackTriageModel(scope, 'category'))).toBeNull();
    expect(await inTenant(tenant, (scope) => activeTriageModel(scope, 'category'))).toBeNull();
    expect(await inTenant(tenant, (scope) => rollbackTriageModel(scope, 'category'))).toBeNull();
  });
});

describe('a tenant with too few labelled complaints in some category', () => {
  it('names the categories short of the minimum and only suggests, even in auto mode', async () => {
    const tenant = await createTestTenant(orm, api, { config: autoConfig() });
    await fileLabelled(tenant, 'functional_defect', DEFECTS, MIN_LABELLED_PER_CATEGORY);
    await fileLabelled(tenant, 'refund_delay', REFUNDS, 3);

    const { version, metrics } = await train(tenant);
    expect(version).toBe(1);
    expect(metrics.stayOnSuggestions).toBe(true);
    expect(metrics.insufficientLabels).toEqual(['cosmetic_flaw', 'other', 'overcharge', 'refund_delay', 'slow_response', 'staff_attitude']);
    expect(metrics.labels.find((l) => l.label === 'refund_delay')).toMatchObject({ status: 'insufficient', examples: 3 });

    const input = complaintInput({ subject: '水壶坏了', description: '水壶不能加热' });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test']);
    const complaint = res.data!.submitComplaint.complaint as { id: string; categoryCode: string | null };
    expect(complaint.categoryCode).toBeNull();
    const [event] = await orm.em
      .fork()
      .getConnection()
      .execute<{ data: { applied: boolean; modelVersion: number } }[]>(
        `select data from complaint_events where tenant_id = ? and complaint_id = ? and kind = 'triage.predicted'`,
        [tenant.id, complaint.id],
      );
    expect(event?.data).toMatchObject({ applied: false, modelVersion: 1 });
  });
});
