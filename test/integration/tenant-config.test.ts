import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  admin = tenant.tokens['admin@t.test']!;
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

const UPDATE = 'mutation($c: JSONObject!, $n: String){ updateTenantConfig(config:$c, note:$n){ version note } }';

describe('tenant configuration', () => {
  it('returns every problem with its path and saves nothing', async () => {
    const broken = structuredClone(tenant.config) as any;
    broken.teams = [];
    broken.businessCalendar.timeZone = 'Mars/Olympus';
    const res = await gql(api.url, UPDATE, { c: broken }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const errors = res.errors![0].extensions!.errors!;
    expect(errors.length).toBeGreaterThan(1);
    expect(errors.map((e) => e.path)).toContain('businessCalendar.timeZone');
    for (const e of errors) expect(e.message).not.toMatch(/invalid_type|ZodError/);
    const t = await gql(api.url, '{ tenant { configVersion } }', {}, admin);
    expect(t.data!.tenant.configVersion).toBe(1);
  });

  it('saves a valid change as a new version and keeps the history', async () => {
    const next = structuredClone(tenant.config) as any;
    next.lifecycle.autoCloseDays = 5;
    const saved = await gql(api.url, UPDATE, { c: next, n: 'shorter auto-close' }, admin);
    expect(saved.data!.updateTenantConfig).toEqual({ version: 2, note: 'shorter auto-close' });
    const res = await gql(
      api.url,
      '{ tenant { configVersion config } tenantConfigHistory { version note } v1: tenantConfigVersion(version: 1) { config } }',
      {},
      admin,
    );
    expect(res.data!.tenant.configVersion).toBe(2);
    expect(res.data!.tenant.config.lifecycle.autoCloseDays).toBe(5);
    expect(res.data!.tenantConfigHistory.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(res.data!.v1.config.lifecycle.autoCloseDays).toBe(tenant.config.lifecycle.autoCloseDays);
  });

  it('adds a team through saveTeam as a new version, and a handler may not', async () => {
    const res = await gql(api.url, 'mutation{ saveTeam(code:"vip-desk", input:{nameZh:"贵宾组", nameEn:"VIP desk"}){ code name } }', {}, admin);
    expect(res.data!.saveTeam).toEqual({ code: 'vip-desk', name: { 'zh-CN': '贵宾组', en: 'VIP desk' } });
    const teams = await gql(api.url, '{ teams { code } tenant { config } }', {}, admin);
    expect(teams.data!.teams.map((t: { code: string }) => t.code)).toContain('vip-desk');
    expect(teams.data!.tenant.config.teams.map((t: { code: string }) => t.code)).toContain('vip-desk');
    const denied = await gql(api.url, 'mutation{ saveTeam(code:"x", input:{nameZh:"x", nameEn:"x"}){ code } }', {}, tenant.tokens['handler@t.test']);
    expect(errorCode(denied)).toBe('FORBIDDEN');
  });

  it('previews who would get a sample complaint, under the saved configuration and under a draft', async () => {
    const PREVIEW = 'query($s: RoutingSampleInput!, $d: JSONObject){ routingPreview(sample:$s, draft:$d){ ruleId teamCode strategy explanation } }';
    const sample = { severity: 'major', channel: 'web', categoryCode: 'product_quality' };
    const saved = await gql(api.url, PREVIEW, { s: sample }, admin);
    expect(saved.data!.routingPreview).toMatchObject({ ruleId: 'major-to-escalation', teamCode: 'escalation', strategy: 'least_loaded' });
    const draft = structuredClone(tenant.config) as any;
    draft.routingRules = draft.routingRules.filter((r: { id: string }) => r.id !== 'major-to-escalation');
    const previewed = await gql(api.url, PREVIEW, { s: sample, d: draft }, admin);
    expect(previewed.data!.routingPreview).toMatchObject({ ruleId: 'quality-issues', teamCode: 'quality' });
    expect(previewed.data!.routingPreview.explanation).toMatch(/quality-issues/);
  });
});
