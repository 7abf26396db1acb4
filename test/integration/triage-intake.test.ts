import { defaultTenantConfig } from '@complaints/tenant-config';
import type { Orm } from '../../api/src/app/orm';
import { trainNaiveBayes } from '../../api/src/triage/naive-bayes';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let clerk: string;
let portalKey: string;

const PORTAL_SUBMIT =
  'mutation($k:String!,$i:PortalComplaintInput!,$key:String!){ portalSubmitComplaint(portalKey:$k, input:$i, idempotencyKey:$key){ number } }';
const DETAIL = 'query($id:ID!){ complaint(id:$id){ severity locale teamCode events { kind actorType fromValue toValue data } } }';

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  clerk = tenant.tokens['clerk@t.test']!;
  portalKey = (await gql(api.url, '{ tenant { publishableKey } }', {}, tenant.tokens['admin@t.test'])).data!.tenant.publishableKey;
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

interface Detail {
  severity: string;
  locale: string;
  teamCode: string | null;
  events: { kind: string; actorType: string; fromValue: string | null; toValue: string | null; data: Record<string, unknown> | null }[];
}

async function detail(id: string, token = clerk): Promise<Detail> {
  return (await gql(api.url, DETAIL, { id }, token)).data!.complaint as Detail;
}

async function complaintIdOf(number: string): Promise<string> {
  const [row] = await orm.em.getConnection().execute<{ id: string }[]>('select id from complaints where tenant_id = ? and number = ?', [tenant.id, number]);
  return row.id;
}

describe('risk rules at intake', () => {
  it('makes an API complaint mentioning 律师 major, whatever severity was given, routes it as major and records the terms', async () => {
    const input = complaintInput({ subject: '退款一个月没到账', description: '再不处理我就请律师起诉你们。', severity: 'general', locale: null });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, clerk);
    const complaint = res.data!.submitComplaint.complaint as { id: string; severity: string; teamCode: string };
    expect(complaint).toMatchObject({ severity: 'major', teamCode: 'escalation' });

    const { events, locale } = await detail(complaint.id);
    expect(locale).toBe('zh-CN');
    expect(events.map((e) => e.kind)).toEqual(['complaint.created', 'triage.risk_matched', 'complaint.routed']);
    expect(events[1]).toEqual({
      kind: 'triage.risk_matched',
      actorType: 'system',
      fromValue: 'general',
      toValue: 'major',
      data: { terms: ['律师', '起诉'], rules: [{ ruleId: 'legal-action', terms: ['律师', '起诉'] }] },
    });
  });

  it('makes a portal complaint mentioning 律师 major, with the event on its timeline', async () => {
    const res = await gql(api.url, PORTAL_SUBMIT, {
      k: portalKey,
      i: { subject: '商品质量问题', description: '已经咨询了律师。', contact: { name: '梅', email: 'mei@example.com' } },
      key: newKey(),
    });
    const { severity, events } = await detail(await complaintIdOf(res.data!.portalSubmitComplaint.number as string));
    expect(severity).toBe('major');
    expect(events.find((e) => e.kind === 'triage.risk_matched')?.data).toEqual({ terms: ['律师'], rules: [{ ruleId: 'legal-action', terms: ['律师'] }] });
  });

  it('leaves an ordinary complaint at its given severity, without a risk event', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ severity: 'general' }), key: newKey() }, clerk);
    const { severity, events } = await detail(res.data!.submitComplaint.complaint.id as string);
    expect(severity).toBe('general');
    expect(events.map((e) => e.kind)).toEqual(['complaint.created', 'complaint.routed']);
  });
});

describe('language at intake', () => {
  it('stores the detected language as the locale when the submitter gave none, and keeps a given one', async () => {
    const english = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ subject: 'Lost parcel', description: 'It says delivered but never came.' }), key: newKey() },
      clerk,
    );
    expect((await detail(english.data!.submitComplaint.complaint.id as string)).locale).toBe('en');

    const given = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ subject: 'Lost parcel', description: 'Never came.', locale: 'zh-CN' }), key: newKey() },
      clerk,
    );
    expect((await detail(given.data!.submitComplaint.complaint.id as string)).locale).toBe('zh-CN');

    const emoji = await gql(api.url, SUBMIT, { input: complaintInput({ subject: '😡😡', description: '🔥🔥🔥' }), key: newKey() }, clerk);
    expect((await detail(emoji.data!.submitComplaint.complaint.id as string)).locale).toBe('zh-CN');
  });

  it('files the longest description intake takes (20,000 characters of mixed scripts and emoji) without error', async () => {
    const description = '水壶坏了，完全不能烧水 kettle 😡 '.repeat(1_000).slice(0, 20_000);
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ subject: '水壶', description }), key: newKey() }, clerk);
    expect(res.errors).toBeUndefined();
    expect((await detail(res.data!.submitComplaint.complaint.id as string)).locale).toBe('zh-CN');
  });
});

describe('category prediction at intake', () => {
  let auto: TestTenant;
  let autoClerk: string;

  beforeAll(async () => {
    const config = defaultTenantConfig();
    auto = await createTestTenant(orm, api, { config: { ...config, triage: { ...config.triage, mode: 'auto', threshold: 0.6 } } });
    autoClerk = auto.tokens['clerk@t.test']!;
    const model = trainNaiveBayes([
      { label: 'functional_defect', text: '水壶不能加热，开机就坏了' },
      { label: 'functional_defect', text: 'the kettle stopped heating, broken after two days' },
      { label: 'refund_delay', text: '退款一周了还没到账' },
      { label: 'refund_delay', text: 'my refund has not arrived yet' },
    ]);
    await orm.em
      .fork()
      .getConnection()
      .execute('insert into triage_models (tenant_id, version, field, model, active) values (?, 1, ?, ?, true)', [auto.id, 'category', JSON.stringify(model)]);
  });

  it('files a complaint without a category under the predicted one in auto mode, routes by it and records the prediction', async () => {
    const input = complaintInput({ subject: '水壶坏了', description: '水壶不能加热' });
    const complaint = (await gql(api.url, SUBMIT, { input, key: newKey() }, autoClerk)).data!.submitComplaint.complaint as { id: string };
    expect(complaint).toMatchObject({ categoryCode: 'functional_defect', severity: 'urgent', teamCode: 'quality' });
    const predicted = (await detail(complaint.id, autoClerk)).events.find((e) => e.kind === 'triage.predicted');
    expect(predicted).toMatchObject({
      actorType: 'system',
      toValue: 'functional_defect',
      data: { field: 'category', applied: true, modelVersion: 1, topTerms: expect.arrayContaining(['加热']) },
    });
    expect(predicted!.data!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps a category the submitter gave, and files text the model cannot judge without one', async () => {
    const given = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ categoryCode: 'refund_delay', description: '水壶不能加热' }), key: newKey() },
      autoClerk,
    );
    expect(given.data!.submitComplaint.complaint.categoryCode).toBe('refund_delay');
    const emoji = await gql(api.url, SUBMIT, { input: complaintInput({ subject: '😡', description: '🔥🔥' }), key: newKey() }, autoClerk);
    expect(emoji.data!.submitComplaint.complaint.categoryCode).toBeNull();
    for (const id of [given.data!.submitComplaint.complaint.id as string, emoji.data!.submitComplaint.complaint.id as string]) {
      expect((await detail(id, autoClerk)).events.map((e) => e.kind)).not.toContain('triage.predicted');
    }
  });

  it('does not predict for a tenant without a trained model', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ subject: '水壶坏了', description: '水壶不能加热' }), key: newKey() }, clerk);
    expect(res.data!.submitComplaint.complaint.categoryCode).toBeNull();
  });
});
