import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let prod: TestApi;
let orm: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi();
  prod = await startTestApi({ NODE_ENV: 'production', JWT_SECRET: 'production-like-secret-for-tests', SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') });
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
});
afterAll(async () => {
  await api?.close();
  await prod?.close();
  await orm?.close();
});

async function post(url: string, body: string, auth?: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });
  return { status: res.status, json: await res.json() };
}

describe('request limits', () => {
  it('refuses a query deeper than the limit', async () => {
    const deep = `{ complaints(first:1){ edges { node { lastEvent { data } assignee { email } } } } me { tenant { slug } } ${'__typename '} }`;
    expect((await gql(api.url, deep, {}, tenant.tokens['admin@t.test'])).errors).toBeUndefined();
    const nested = '{ a: __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }';
    const res = await gql(api.url, nested, {}, tenant.tokens['admin@t.test']);
    expect(res.errors?.[0]?.message).toMatch(/levels deep/);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query whose estimated cost is over the limit', async () => {
    const node = `id number subject description channel severity stage status priority round locale createdAt updatedAt
      categoryCode teamCode configVersion anonymous stageStartedAt stageDueAt closedAt events { kind note } comments { body }`;
    const costly = `{ ${Array.from({ length: 8 }, (_, i) => `c${i}: complaints(first:100){ edges { node { ${node} } } }`).join(' ')} }`;
    const res = await gql(api.url, costly, {}, tenant.tokens['admin@t.test']);
    expect(res.errors?.[0]?.message).toMatch(/cost \d+ exceeds/);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.data).toBeUndefined();
  });

  it('refuses a thousand aliases before running any (HTTP 400, no data)', async () => {
    const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}:${field}`).join(' ');
    const thousand = await gql(api.url, `{ ${aliases(1000, 'me{kind}')} }`, {}, tenant.tokens['admin@t.test']);
    expect(thousand.status).toBe(400);
    expect(thousand.data).toBeUndefined();
    expect(thousand.errors?.[0]?.message).toMatch(/tokens/);
    const many = await gql(api.url, `{ ${aliases(31, 'me{kind}')} }`, {}, tenant.tokens['admin@t.test']);
    expect(many.status).toBe(400);
    expect(many.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/more than 30 aliases/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' },
    });
    const allowed = await gql(api.url, `{ ${aliases(30, 'me{kind}')} }`, {}, tenant.tokens['admin@t.test']);
    expect(allowed.errors).toBeUndefined();
  });

  it('weighs a field that queries Temporal: 21 complaintLifecycle in one query are refused before one runs', async () => {
    const lifecycles = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `l${i}: complaintLifecycle(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { stage }`).join(' ')} }`;
    const fifty = await gql(api.url, lifecycles(50), {}, tenant.tokens['admin@t.test']);
    expect(fifty.status).toBe(400);
    const over = await gql(api.url, lifecycles(21), {}, tenant.tokens['admin@t.test']);
    expect(over.status).toBe(400);
    expect(over.errors).toHaveLength(1);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20000 });
    // Within the budget they run (and find nothing: the ids are made up).
    const within = await gql(api.url, lifecycles(3), {}, tenant.tokens['admin@t.test']);
    expect(within.status).toBe(200);
    expect(errorCode(within)).toBe('NOT_FOUND');
  });

  it('caps the operations in one batch', async () => {
    const op = { query: '{ __typename }' };
    const ok = await post(api.url, JSON.stringify(Array(10).fill(op)));
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(10);
    const tooMany = await post(api.url, JSON.stringify(Array(11).fill(op)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over 1 MiB with 413 and malformed JSON with 400', async () => {
    const big = await post(api.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }));
    expect(big.status).toBe(413);
    const bad = await post(api.url, '{"query": ');
    expect(bad.status).toBe(400);
  });

  it('a batch runs each operation in its own transaction: one failure does not undo a neighbour', async () => {
    const admin = tenant.tokens['admin@t.test'];
    const create = (email: string) => ({
      query: `mutation { createUser(input:{email:"${email}", displayName:"X", password:"long-enough-pass", roles:["handler"], teams:[]}){ id } }`,
    });
    const res = await post(api.url, JSON.stringify([create('batch-ok@t.test'), create('not-an-email')]), admin);
    expect(res.json[0].data.createUser.id).toBeDefined();
    expect(res.json[1].errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const users = await gql(api.url, '{ users { email } }', {}, admin);
    expect(users.data!.users.map((u: { email: string }) => u.email)).toContain('batch-ok@t.test');
  });

  it('an operation that answers with any error commits nothing, not even the root fields that ran before it', async () => {
    const admin = tenant.tokens['admin@t.test'];
    const user = (alias: string, email: string) =>
      `${alias}: createUser(input:{email:"${email}", displayName:"X", password:"long-enough-pass", roles:["handler"], teams:[]}){ id }`;
    const res = await gql(api.url, `mutation { ${user('first', 'partial-ok@t.test')} ${user('second', 'not-an-email')} }`, {}, admin);
    // Mutation root fields run in order: `first` created its user before `second` failed.
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const users = await gql(api.url, '{ users { email } }', {}, admin);
    expect(users.data!.users.map((u: { email: string }) => u.email)).not.toContain('partial-ok@t.test');
  });
});

describe('production mode', () => {
  it('turns introspection off', async () => {
    const res = await gql(prod.url, '{ __schema { types { name } } }');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('never returns a stack trace', async () => {
    const res = await gql(prod.url, '{ complaint(id: "x") { id } }');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:/);
  });
});
