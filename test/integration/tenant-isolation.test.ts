import { Client } from 'pg';
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

let api: TestApi;
let orm: Orm;
let a: TestTenant;
let b: TestTenant;
let bComplaint: { id: string; number: string };
let bKeyId: string;

const TENANT_TABLES = [
  'tenants',
  'tenant_config_versions',
  'users',
  'teams',
  'api_keys',
  'customers',
  'complaints',
  'complaint_counters',
  'complaint_events',
  'comments',
  'attachments',
];

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  a = await createTestTenant(orm, api);
  b = await createTestTenant(orm, api);
  await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, a.tokens['admin@t.test']);
  // B files more complaints than A, so B's latest number is one A does not also have.
  for (let i = 0; i < 3; i++) {
    const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, b.tokens['admin@t.test']);
    bComplaint = res.data!.submitComplaint.complaint;
  }
  const key = await gql(api.url, 'mutation{ createApiKey(input:{name:"b", scopes:["complaint.read"]}){ apiKey { id } } }', {}, b.tokens['admin@t.test']);
  bKeyId = key.data!.createApiKey.apiKey.id;
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

describe("another tenant's ids answer NOT_FOUND", () => {
  const cases: [string, string, () => Record<string, unknown>][] = [
    ['complaint', 'query($id:ID!){ complaint(id:$id){ id } }', () => ({ id: bComplaint.id })],
    ['complaintByNumber', 'query($n:String!){ complaintByNumber(number:$n){ id } }', () => ({ n: bComplaint.number })],
    ['reassignComplaint', 'mutation($id:ID!){ reassignComplaint(id:$id, teamCode:"frontline"){ complaint { id } } }', () => ({ id: bComplaint.id })],
    ['addInternalNote', 'mutation($id:ID!){ addInternalNote(complaintId:$id, body:"x"){ id } }', () => ({ id: bComplaint.id })],
    ['sendCustomerMessage', 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"x"){ id } }', () => ({ id: bComplaint.id })],
    ['updateUser', 'mutation($id:ID!){ updateUser(id:$id, input:{active:false}){ id } }', () => ({ id: b.userIds['admin@t.test'] })],
    ['revokeApiKey', 'mutation($id:ID!){ revokeApiKey(id:$id){ id } }', () => ({ id: bKeyId })],
  ];

  it.each(cases)('%s', async (_name, query, vars) => {
    const res = await gql(api.url, query, vars(), a.tokens['admin@t.test']);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it("assigning one's complaint to the other tenant's user answers NOT_FOUND", async () => {
    const mine = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, a.tokens['admin@t.test']);
    const res = await gql(
      api.url,
      'mutation($id:ID!,$u:ID!){ reassignComplaint(id:$id, assigneeId:$u){ complaint { id } } }',
      { id: mine.data!.submitComplaint.complaint.id, u: b.userIds['handler@t.test'] },
      a.tokens['admin@t.test'],
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it("B's complaint is untouched by A's attempts", async () => {
    const res = await gql(api.url, 'query($id:ID!){ complaint(id:$id){ comments { id } events { kind } } }', { id: bComplaint.id }, b.tokens['admin@t.test']);
    expect(res.data!.complaint.comments).toEqual([]);
    expect(res.data!.complaint.events.map((e: { kind: string }) => e.kind)).toEqual(['complaint.created', 'complaint.routed']);
  });
});

describe('lists never show the other tenant', () => {
  it('complaints, users, api keys, teams and config history are all scoped', async () => {
    const token = a.tokens['admin@t.test'];
    const res = await gql(
      api.url,
      '{ complaints(first:100){ edges { node { id } } } users { id } apiKeys { id } teams { id } tenantConfigHistory { version } tenant { slug } }',
      {},
      token,
    );
    const text = JSON.stringify(res.data);
    expect(text).not.toContain(bComplaint.id);
    expect(text).not.toContain(bKeyId);
    for (const id of Object.values(b.userIds)) expect(text).not.toContain(id);
    expect(res.data!.tenant.slug).toBe(a.slug);
    expect(res.data!.complaints.edges.length).toBeGreaterThan(0);
  });
});

describe('the row-level security wall', () => {
  async function appClient(): Promise<Client> {
    const client = new Client({ connectionString: testConfig().appDatabaseUrl });
    await client.connect();
    return client;
  }

  it('the application role without a tenant setting sees no row of any tenant table', async () => {
    const client = await appClient();
    try {
      for (const table of TENANT_TABLES) {
        const { rows } = await client.query(`select count(*)::int as n from ${table}`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    } finally {
      await client.end();
    }
  });

  it('with one tenant set it sees exactly that tenant, and cannot insert into another', async () => {
    const client = await appClient();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
      const { rows } = await client.query('select distinct tenant_id from complaints');
      expect(rows.map((r) => r.tenant_id)).toEqual([a.id]);
      await expect(client.query(`insert into teams (id, tenant_id, code, name) values (gen_random_uuid(), $1, 'x', '{}')`, [b.id])).rejects.toThrow(
        /row-level security/,
      );
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('the tenant setting is transaction-local: it is gone after commit on the same connection', async () => {
    const client = await appClient();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
      await client.query('commit');
      const { rows } = await client.query(`select coalesce(current_setting('app.tenant_id', true), '') as t, (select count(*)::int from complaints) as n`);
      expect(rows[0]).toEqual({ t: '', n: 0 });
    } finally {
      await client.end();
    }
  });

  it('the catalog: app role is neither superuser nor BYPASSRLS nor owner, and every tenant table forces RLS', async () => {
    const conn = orm.em.getConnection();
    const [role] = await conn.execute<{ rolsuper: boolean; rolbypassrls: boolean }[]>(
      `select rolsuper, rolbypassrls from pg_roles where rolname = 'complaints_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    // Every table with a tenant_id column, whoever added it, plus the tenant registry itself.
    const tables = await conn.execute<{ relname: string; owner: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>(
      `select c.relname, pg_get_userbyid(c.relowner) as owner, c.relrowsecurity, c.relforcerowsecurity
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and (c.relname = 'tenants' or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped))`,
    );
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining(TENANT_TABLES));
    for (const t of tables) {
      expect({ table: t.relname, owner: t.owner === 'complaints_app', rls: t.relrowsecurity, force: t.relforcerowsecurity }).toEqual({
        table: t.relname,
        owner: false,
        rls: true,
        force: true,
      });
    }
  });
});
