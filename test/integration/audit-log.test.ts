import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let admin: Orm;
let tenant: TestTenant;
let other: TestTenant;

const AUDIT = `query($f:AuditFilterInput,$first:Int,$after:String){ auditLog(filter:$f, first:$first, after:$after){
  edges { cursor node { action targetType targetId before after actor { type id name } at } } pageInfo { hasNextPage endCursor } } }`;
const CSV = 'query($f:AuditFilterInput){ auditLogCsv(filter:$f) }';
const CREATE_USER = 'mutation($i:CreateUserInput!){ createUser(input:$i){ id email } }';
const UPDATE_USER = 'mutation($id:ID!,$i:UpdateUserInput!){ updateUser(id:$id, input:$i){ id active } }';
const CREATE_KEY = 'mutation($i:CreateApiKeyInput!){ createApiKey(input:$i){ apiKey { id } secret } }';
const REVOKE_KEY = 'mutation($id:ID!){ revokeApiKey(id:$id){ id } }';

type Entry = {
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  actor: { type: string; id: string | null; name: string | null };
};
const entries = (res: { data?: any }): Entry[] => res.data.auditLog.edges.map((e: { node: Entry }) => e.node);

beforeAll(async () => {
  api = await startTestApi();
  admin = await adminOrm();
  tenant = await createTestTenant(admin, api);
  other = await createTestTenant(admin, api);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await admin?.close();
});

const as = (t: TestTenant, email = 'admin@t.test') => t.tokens[email];

test('administrative mutations are recorded with their actor, target and change, newest first', async () => {
  const adminToken = as(tenant);
  const created = await gql(
    api.url,
    CREATE_USER,
    { i: { email: 'new.agent@t.test', displayName: 'New Agent', password: 'long-enough-pass', roles: ['handler'], teams: [] } },
    adminToken,
  );
  const userId = created.data!.createUser.id;
  expect(errorCode(await gql(api.url, UPDATE_USER, { id: userId, i: { active: false } }, adminToken))).toBeUndefined();
  const key = await gql(api.url, CREATE_KEY, { i: { name: 'shop frontend', scopes: ['complaint.create'] } }, adminToken);
  const keyId = key.data!.createApiKey.apiKey.id;
  expect(errorCode(await gql(api.url, REVOKE_KEY, { id: keyId }, adminToken))).toBeUndefined();

  const log = entries(await gql(api.url, AUDIT, {}, adminToken));
  expect(log.slice(0, 4).map((e) => e.action)).toEqual(['apikey_revoked', 'apikey_created', 'user_updated', 'user_created']);
  expect(log[0]).toMatchObject({ targetType: 'api_key', targetId: keyId, actor: { type: 'user', id: tenant.userIds['admin@t.test'] } });
  const update = log[2];
  expect(update).toMatchObject({ targetType: 'user', targetId: userId });
  expect(update.before).toMatchObject({ active: true });
  expect(update.after).toMatchObject({ active: false });
  expect(JSON.stringify(log)).not.toContain('long-enough-pass');
  expect(JSON.stringify(log)).not.toContain(key.data!.createApiKey.secret);
});

test('a mutation that fails records nothing', async () => {
  const before = entries(await gql(api.url, AUDIT, {}, as(tenant))).length;
  const bad = await gql(
    api.url,
    CREATE_USER,
    { i: { email: 'short@t.test', displayName: 'Short', password: 'short', roles: ['handler'], teams: [] } },
    as(tenant),
  );
  expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  expect(entries(await gql(api.url, AUDIT, {}, as(tenant)))).toHaveLength(before);
});

test('filters by action and target, pages with a cursor, and exports the same rows as CSV', async () => {
  const adminToken = as(tenant);
  const byAction = entries(await gql(api.url, AUDIT, { f: { actions: ['user_created'] } }, adminToken));
  expect(byAction.length).toBeGreaterThanOrEqual(1);
  expect(byAction.every((e) => e.action === 'user_created')).toBe(true);

  const first = await gql(api.url, AUDIT, { first: 2 }, adminToken);
  expect(first.data!.auditLog.pageInfo.hasNextPage).toBe(true);
  const second = await gql(api.url, AUDIT, { first: 2, after: first.data!.auditLog.pageInfo.endCursor }, adminToken);
  const all = entries(await gql(api.url, AUDIT, { first: 4 }, adminToken));
  expect([...entries(first), ...entries(second)]).toEqual(all);

  const csv = (await gql(api.url, CSV, { f: { actions: ['apikey_created', 'apikey_revoked'] } }, adminToken)).data!.auditLogCsv as string;
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/action/);
  expect(lines.slice(1).map((l) => l.match(/apikey_(created|revoked)/)?.[0])).toEqual(['apikey_revoked', 'apikey_created']);
});

test('the log is the caller tenant’s alone and needs the configuration permission', async () => {
  expect(entries(await gql(api.url, AUDIT, {}, as(other)))).toEqual([]);
  expect(errorCode(await gql(api.url, AUDIT, {}, as(tenant, 'handler@t.test')))).toBe('FORBIDDEN');
  expect(errorCode(await gql(api.url, AUDIT, {}))).toBe('UNAUTHENTICATED');
});

test('the application role can append to the log but never change or delete an entry', async () => {
  const conn = admin.em.getConnection();
  const rows = await conn.execute<{ id: string }[]>('select id from audit_log where tenant_id = ? limit 1', [tenant.id]);
  expect(rows).toHaveLength(1);
  const privileges = await conn.execute<{ privilege_type: string }[]>(
    "select privilege_type from information_schema.role_table_grants where grantee = 'complaints_app' and table_name = 'audit_log'",
  );
  expect(privileges.map((p) => p.privilege_type).sort()).toEqual(['INSERT', 'SELECT']);
});
