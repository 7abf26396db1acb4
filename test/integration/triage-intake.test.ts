import type { Orm } from '../../api/src/app/orm';
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

async function detail(id: string): Promise<Detail> {
  return (await gql(api.url, DETAIL, { id }, clerk)).data!.complaint as Detail;
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
