import { randomUUID } from 'node:crypto';
import type { Orm } from '../../api/src/app/orm';
import { SmtpSink } from '../../api/src/dev/smtp-sink';
import { createOperator } from '../../api/src/operator/operator-accounts';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

const sink = new SmtpSink();
let api: TestApi;
let admin: Orm;
let tenant: TestTenant;
let operator: string;
const OPERATOR_EMAIL = `ops-${randomUUID().slice(0, 8)}@platform.test`;
const OPERATOR_PASSWORD = 'operator-pass-0123';

const LOGIN = 'mutation($e:String!,$p:String!){ operatorLogin(email:$e, password:$p){ accessToken expiresAt operator { email } } }';
const CREATE = `mutation($i:CreateTenantInput!){ createTenant(input:$i){ id slug status planCode displayNameZh displayNameEn industryTemplate
  usage { staffCount complaintCount openComplaintCount } } }`;
const LIST = `query($f:OperatorTenantFilter,$first:Int,$after:String){ operatorTenants(filter:$f, first:$first, after:$after){
  edges { cursor node { id slug status planCode usage { staffCount complaintCount openComplaintCount } lastActivityAt } } pageInfo { hasNextPage endCursor } } }`;
const SUSPEND = 'mutation($id:ID!){ suspendTenant(id:$id, reason:"unpaid invoice"){ status statusChangedAt } }';
const RESUME = 'mutation($id:ID!){ resumeTenant(id:$id){ status } }';
const ACCEPT = 'mutation($t:String!,$p:String!){ acceptInvitation(token:$t, password:$p){ tenantSlug email } }';
const STAFF_LOGIN = 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }';

const newTenantInput = (overrides: Record<string, unknown> = {}) => ({
  slug: `op-${randomUUID().slice(0, 10)}`,
  displayNameZh: '新租户',
  displayNameEn: 'New Tenant',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  template: 'ecommerce',
  adminEmail: `first-admin-${randomUUID().slice(0, 6)}@new.test`,
  adminName: 'First Admin',
  ...overrides,
});

/** The one-time link in the last invitation email sent to `to`. */
function invitationToken(to: string): string {
  const mail = sink.to(to).at(-1);
  const match = mail?.text.match(/token=([^\s]+)/);
  if (!match) throw new Error(`no invitation mail to ${to}`);
  return decodeURIComponent(match[1]);
}

beforeAll(async () => {
  await sink.start();
  api = await startTestApi({ SMTP_URL: sink.url });
  admin = await adminOrm();
  await createOperator(admin.em.fork(), { email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD, displayName: 'Ops' });
  tenant = await createTestTenant(admin, api);
  const res = await gql(api.url, LOGIN, { e: OPERATOR_EMAIL, p: OPERATOR_PASSWORD });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  operator = `Bearer ${res.data.operatorLogin.accessToken}`;
}, 120_000);

afterAll(async () => {
  await api?.close();
  await admin?.close();
  await sink.stop();
});

describe('the platform operator principal', () => {
  test('creating the same operator twice leaves the first one unchanged', async () => {
    await expect(createOperator(admin.em.fork(), { email: OPERATOR_EMAIL.toUpperCase(), password: 'another-password-99' })).resolves.toBe('exists');
    expect(errorCode(await gql(api.url, LOGIN, { e: OPERATOR_EMAIL, p: OPERATOR_PASSWORD }))).toBeUndefined();
  });

  test('a wrong password, or a tenant staff account, does not sign in as operator', async () => {
    expect(errorCode(await gql(api.url, LOGIN, { e: OPERATOR_EMAIL, p: 'wrong-password-123' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(api.url, LOGIN, { e: 'admin@t.test', p: 'correct-horse-battery' }))).toBe('UNAUTHENTICATED');
  });

  test('an operator token passes no tenant-scoped check', async () => {
    for (const query of [
      '{ tenant { id } }',
      '{ users { id } }',
      '{ me { kind } }',
      '{ complaints(first: 5) { edges { cursor } } }',
      '{ auditLog { edges { cursor } } }',
    ]) {
      const res = await gql(api.url, query, {}, operator);
      expect([query, errorCode(res)]).toEqual([query, 'FORBIDDEN']);
    }
    const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, operator);
    expect(errorCode(submitted)).toBe('FORBIDDEN');
  });

  test('tenant tokens and API keys never reach operator operations', async () => {
    const key = await gql(api.url, 'mutation{ createApiKey(input:{name:"k", scopes:["complaint.read"]}){ secret } }', {}, tenant.tokens['admin@t.test']);
    const apiKey = `ApiKey ${key.data!.createApiKey.secret}`;
    for (const credential of [tenant.tokens['admin@t.test'], apiKey]) {
      expect(errorCode(await gql(api.url, LIST, {}, credential))).toBe('FORBIDDEN');
      expect(errorCode(await gql(api.url, '{ operatorMe { id } }', {}, credential))).toBe('FORBIDDEN');
      expect(errorCode(await gql(api.url, CREATE, { i: newTenantInput() }, credential))).toBe('FORBIDDEN');
      expect(errorCode(await gql(api.url, SUSPEND, { id: tenant.id }, credential))).toBe('FORBIDDEN');
    }
    expect(errorCode(await gql(api.url, LIST, {}))).toBe('UNAUTHENTICATED');
    const me = await gql(api.url, '{ operatorMe { email displayName } }', {}, operator);
    expect(me.data?.operatorMe).toEqual({ email: OPERATOR_EMAIL, displayName: 'Ops' });
  });
});

describe('provisioning a tenant', () => {
  test('creates the tenant from its template with its admin, who accepts the emailed invitation once and signs in', async () => {
    const input = newTenantInput({ template: 'financial_services', locale: 'en', timeZone: 'Europe/Berlin', planCode: 'trial' });
    const created = await gql(api.url, CREATE, { i: input }, operator);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTenant).toMatchObject({
      slug: input.slug,
      status: 'active',
      planCode: 'trial',
      displayNameZh: '新租户',
      displayNameEn: 'New Tenant',
      industryTemplate: 'financial_services',
      usage: { staffCount: 1, complaintCount: 0, openComplaintCount: 0 },
    });
    const mail = sink.to(input.adminEmail).at(-1)!;
    expect(mail.subject).toContain('New Tenant');
    const token = invitationToken(input.adminEmail);

    // Not yet accepted: no password works.
    expect(errorCode(await gql(api.url, STAFF_LOGIN, { t: input.slug, e: input.adminEmail, p: 'the-new-password-1' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(api.url, ACCEPT, { t: token, p: 'short' }))).toBe('BAD_USER_INPUT');
    const accepted = await gql(api.url, ACCEPT, { t: token, p: 'the-new-password-1' });
    expect(accepted.data?.acceptInvitation).toEqual({ tenantSlug: input.slug, email: input.adminEmail });
    expect(errorCode(await gql(api.url, ACCEPT, { t: token, p: 'the-new-password-2' }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(api.url, ACCEPT, { t: 'inv_forged', p: 'the-new-password-2' }))).toBe('NOT_FOUND');

    const login = await gql(api.url, STAFF_LOGIN, { t: input.slug, e: input.adminEmail, p: 'the-new-password-1' });
    const adminToken = `Bearer ${login.data!.login.accessToken}`;
    const own = await gql(api.url, '{ tenant { slug config } me { permissions } }', {}, adminToken);
    expect(own.data!.tenant.slug).toBe(input.slug);
    expect(own.data!.tenant.config.defaultLocale).toBe('en');
    expect(own.data!.tenant.config.businessCalendar.timeZone).toBe('Europe/Berlin');
    expect(own.data!.me.permissions).toEqual(expect.arrayContaining(['tenant.configure', 'user.manage']));
  });

  test('refuses bad input field by field and a taken slug', async () => {
    const bad = await gql(
      api.url,
      CREATE,
      { i: newTenantInput({ slug: 'No Spaces!', timeZone: 'Mars/Olympus', locale: 'fr', adminEmail: 'nope', planCode: 'gold' }) },
      operator,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.errors!.map((e) => e.path).sort()).toEqual([
      'input.adminEmail',
      'input.locale',
      'input.planCode',
      'input.slug',
      'input.timeZone',
    ]);
    const template = await gql(api.url, CREATE, { i: newTenantInput({ template: 'casino' }) }, operator);
    expect(template.errors).toBeDefined();
    expect(errorCode(await gql(api.url, CREATE, { i: newTenantInput({ slug: tenant.slug }) }, operator))).toBe('CONFLICT');
  });

  test('a failed invitation email leaves no tenant behind', async () => {
    const broken = await startTestApi({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const input = newTenantInput();
      const res = await gql(broken.url, CREATE, { i: input }, operator);
      expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
      const [row] = await admin.em.fork().execute<{ n: string }[]>('select count(*) as n from tenants where slug = ?', [input.slug]);
      expect(Number(row.n)).toBe(0);
      const [users] = await admin.em.fork().execute<{ n: string }[]>('select count(*) as n from users where email = ?', [input.adminEmail]);
      expect(Number(users.n)).toBe(0);
    } finally {
      await broken.close();
    }
  });
});

describe('listing tenants', () => {
  test('searches by slug and pages with a cursor, with usage counts', async () => {
    const prefix = `list-${randomUUID().slice(0, 6)}`;
    for (const n of [1, 2, 3]) expect((await gql(api.url, CREATE, { i: newTenantInput({ slug: `${prefix}-${n}` }) }, operator)).errors).toBeUndefined();
    const first = await gql(api.url, LIST, { f: { search: prefix }, first: 2 }, operator);
    const page = first.data!.operatorTenants;
    expect(page.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual([`${prefix}-3`, `${prefix}-2`]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await gql(api.url, LIST, { f: { search: prefix }, first: 2, after: page.pageInfo.endCursor }, operator);
    expect(second.data!.operatorTenants.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual([`${prefix}-1`]);
    expect(second.data!.operatorTenants.pageInfo.hasNextPage).toBe(false);
    expect(second.data!.operatorTenants.edges[0].node.usage).toEqual({ staffCount: 1, complaintCount: 0, openComplaintCount: 0 });
    expect(second.data!.operatorTenants.edges[0].node.lastActivityAt).not.toBeNull();

    expect(errorCode(await gql(api.url, LIST, { first: 0 }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(api.url, LIST, { after: 'garbage' }, operator))).toBe('BAD_USER_INPUT');
    // A search term is text, not a pattern.
    expect((await gql(api.url, LIST, { f: { search: '%' } }, operator)).data!.operatorTenants.edges).toEqual([]);
  });
});

describe('suspending a tenant', () => {
  test('refuses its staff, API keys and portal with TENANT_SUSPENDED and holds its notifications until resumed', async () => {
    const own = await createTestTenant(admin, api);
    const clerk = own.tokens['clerk@t.test'];
    const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const complaintId = submitted.data!.submitComplaint.complaint.id as string;
    const key = await gql(api.url, 'mutation{ createApiKey(input:{name:"k", scopes:["complaint.read"]}){ secret } }', {}, own.tokens['admin@t.test']);
    const apiKey = `ApiKey ${key.data!.createApiKey.secret}`;
    const portal = await gql(api.url, '{ tenant { publishableKey } }', {}, own.tokens['admin@t.test']);
    const portalKey = portal.data!.tenant.publishableKey as string;
    await admin.em
      .fork()
      .execute(
        `insert into notification_outbox (id, tenant_id, complaint_id, kind, recipient_kind, dedupe_key) values (?, ?, ?, 'complaint.acknowledged', 'complainant', ?)`,
        [randomUUID(), own.id, complaintId, `held-${randomUUID()}`],
      );
    const due = async () => (await admin.em.fork().execute<{ id: string }[]>('select id from notification_due_deliveries(100, ?)', [own.id])).length;
    expect(await due()).toBe(1);

    const suspended = await gql(api.url, SUSPEND, { id: own.id }, operator);
    expect(suspended.data?.suspendTenant.status).toBe('suspended');
    expect(errorCode(await gql(api.url, '{ me { kind } }', {}, clerk))).toBe('TENANT_SUSPENDED');
    expect(errorCode(await gql(api.url, '{ me { kind } }', {}, apiKey))).toBe('TENANT_SUSPENDED');
    expect(errorCode(await gql(api.url, STAFF_LOGIN, { t: own.slug, e: 'clerk@t.test', p: 'correct-horse-battery' }))).toBe('TENANT_SUSPENDED');
    expect(errorCode(await gql(api.url, 'query($k:String!){ portalInfo(portalKey:$k){ tenantName } }', { k: portalKey }))).toBe('TENANT_SUSPENDED');
    // A wrong password still says nothing about the tenant.
    expect(errorCode(await gql(api.url, STAFF_LOGIN, { t: own.slug, e: 'clerk@t.test', p: 'wrong-password-00' }))).toBe('UNAUTHENTICATED');
    expect(await due()).toBe(0);
    expect(errorCode(await gql(api.url, SUSPEND, { id: own.id }, operator))).toBe('CONFLICT');

    expect((await gql(api.url, RESUME, { id: own.id }, operator)).data?.resumeTenant.status).toBe('active');
    expect(await due()).toBe(1);
    expect((await gql(api.url, '{ me { kind } }', {}, clerk)).data?.me.kind).toBe('user');
    expect((await gql(api.url, '{ me { kind } }', {}, apiKey)).data?.me.kind).toBe('api_key');
  });

  test('an unknown tenant is NOT_FOUND', async () => {
    expect(errorCode(await gql(api.url, SUSPEND, { id: randomUUID() }, operator))).toBe('NOT_FOUND');
    expect(errorCode(await gql(api.url, SUSPEND, { id: 'not-an-id' }, operator))).toBe('NOT_FOUND');
  });
});

describe('plans', () => {
  test('the operator lists plans and changes a tenant’s plan; an unknown plan is refused', async () => {
    const plans = await gql(
      api.url,
      '{ plans { code staffSeats complaintsPerMonth apiRequestsPerMinute attachmentStorageMb webhookSubscriptions } }',
      {},
      operator,
    );
    expect(plans.data!.plans.map((p: { code: string }) => p.code)).toEqual(['trial', 'standard', 'enterprise']);
    const CHANGE = 'mutation($id:ID!,$p:String!){ changeTenantPlan(id:$id, planCode:$p){ planCode } }';
    expect((await gql(api.url, CHANGE, { id: tenant.id, p: 'enterprise' }, operator)).data?.changeTenantPlan.planCode).toBe('enterprise');
    expect(errorCode(await gql(api.url, CHANGE, { id: tenant.id, p: 'platinum' }, operator))).toBe('BAD_USER_INPUT');
  });
});
