import type { Orm } from '../../api/src/app/orm';
import { freshLoopbackAddress, gqlFrom } from '../support/from-address';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type GqlResponse, type TestApi, type TestTenant } from '../support/harness';

/** Two API processes on the one database: every budget below is drawn on by both. */
let a: TestApi;
let b: TestApi;
let orm: Orm;
let shop: TestTenant;
let other: TestTenant;

const LIMITS = { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_LOCK_SECONDS: '600', API_KEY_REQUESTS_PER_MINUTE: '5' };
const PASSWORD = 'correct-horse-battery';
const LOGIN = 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }';
const TRACK = 'mutation($k:String!,$n:String!,$c:String!){ trackComplaint(portalKey:$k, number:$n, contact:$c){ number } }';

beforeAll(async () => {
  [a, b] = await Promise.all([startTestApi(LIMITS), startTestApi(LIMITS)]);
  orm = await adminOrm();
  const staff = [
    { email: 'admin@t.test', roles: ['tenant_admin'] },
    { email: 'eve@t.test', roles: ['handler'] },
    { email: 'fay@t.test', roles: ['handler'] },
  ];
  [shop, other] = [await createTestTenant(orm, a, { staff }), await createTestTenant(orm, a, { staff })];
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await orm?.close();
});

/** The n-th call goes to process a or b in turn. */
const either = (n: number) => (n % 2 === 0 ? a : b);

function expectLimited(res: GqlResponse & { retryAfterHeader?: string }, atLeastSeconds = 1): void {
  expect(errorCode(res)).toBe('RATE_LIMITED');
  expect(res.errors![0].extensions!.retryAfter).toBeGreaterThanOrEqual(atLeastSeconds);
}

const portalKeyOf = async (tenant: TestTenant) =>
  (await gql(a.url, '{ tenant { publishableKey } }', {}, tenant.tokens['admin@t.test'])).data!.tenant.publishableKey as string;

describe('portal tracking limit', () => {
  it('is one budget per tenant and address across API processes', async () => {
    const from = freshLoopbackAddress();
    const key = await portalKeyOf(shop);
    const answers = [];
    for (let n = 0; n < 11; n++) answers.push(await gqlFrom(from, either(n).url, TRACK, { k: key, n: 'CP-20000101-000001', c: 'x@example.com' }));
    expect(answers.slice(0, 10).map(errorCode)).toEqual(Array(10).fill('NOT_FOUND'));
    expectLimited(answers[10]);
  });

  it("does not let one tenant's traffic from an address lock out another tenant's customer at that address", async () => {
    const from = freshLoopbackAddress();
    const [shopKey, otherKey] = await Promise.all([portalKeyOf(shop), portalKeyOf(other)]);
    for (let n = 0; n < 11; n++) await gqlFrom(from, either(n).url, TRACK, { k: shopKey, n: 'CP-20000101-000001', c: 'x@example.com' });
    expectLimited(await gqlFrom(from, a.url, TRACK, { k: shopKey, n: 'CP-20000101-000001', c: 'x@example.com' }));
    expect(errorCode(await gqlFrom(from, b.url, TRACK, { k: otherKey, n: 'CP-20000101-000001', c: 'x@example.com' }))).toBe('NOT_FOUND');
  });
});

describe('sign-in brute-force protection', () => {
  const login = (from: string, n: number, tenant: TestTenant, email: string, password: string) =>
    gqlFrom(from, either(n).url, LOGIN, { t: tenant.slug, e: email, p: password });

  it('locks an account after consecutive failures counted by every process, refusing even the right password, and forgets failures on success', async () => {
    const from = freshLoopbackAddress();
    expect(errorCode(await login(from, 0, shop, 'eve@t.test', 'wrong-password-1'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(from, 1, shop, 'eve@t.test', 'wrong-password-2'))).toBe('UNAUTHENTICATED');
    expect((await login(from, 2, shop, 'eve@t.test', PASSWORD)).data?.login.accessToken).toBeDefined();
    for (let n = 0; n < 3; n++) expect(errorCode(await login(from, n, shop, 'eve@t.test', `wrong-password-${n}`))).toBe('UNAUTHENTICATED');
    const locked = await login(from, 3, shop, 'eve@t.test', PASSWORD);
    expectLimited(locked, 590);
    expect(locked.status).toBe(200);
    // Per account: the same email in another tenant, and another account from the same address, still sign in.
    expect((await login(from, 4, other, 'eve@t.test', PASSWORD)).data?.login.accessToken).toBeDefined();
    expect((await login(from, 5, shop, 'fay@t.test', PASSWORD)).data?.login.accessToken).toBeDefined();
  });

  it('locks an address after failures over many accounts, for existing and unknown accounts alike', async () => {
    const from = freshLoopbackAddress();
    for (let n = 0; n < 8; n++) expect(errorCode(await login(from, n, shop, `nobody-${n}@t.test`, 'guess-password'))).toBe('UNAUTHENTICATED');
    expectLimited(await login(from, 8, shop, 'fay@t.test', PASSWORD), 590);
    expectLimited(await login(from, 9, shop, 'nobody-9@t.test', PASSWORD), 590);
    expect((await login(freshLoopbackAddress(), 10, shop, 'fay@t.test', PASSWORD)).data?.login.accessToken).toBeDefined();
  });

  it('gives a burst of parallel guesses no more tries than sequential ones', async () => {
    const from = freshLoopbackAddress();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => login(from, n, other, 'fay@t.test', `parallel-guess-${n}`)));
    expect(answers.filter((r) => errorCode(r) === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(answers.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(3);
  });
});

describe('API key request limit', () => {
  it('allows the per-minute budget across processes, then answers 429 with Retry-After; another key keeps its own budget', async () => {
    const create = async () => {
      const res = await gql(a.url, 'mutation{ createApiKey(input:{name:"shop", scopes:["complaint.read"]}){ secret } }', {}, shop.tokens['admin@t.test']);
      return `ApiKey ${res.data!.createApiKey.secret as string}`;
    };
    const [first, second] = [await create(), await create()];
    const from = freshLoopbackAddress();
    for (let n = 0; n < 5; n++) expect((await gqlFrom(from, either(n).url, '{ me { kind } }', {}, first)).data?.me.kind).toBe('api_key');
    const limited = await gqlFrom(from, a.url, '{ me { kind } }', {}, first);
    expectLimited(limited);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfterHeader)).toBeGreaterThanOrEqual(1);
    expect((await gqlFrom(from, b.url, '{ me { kind } }', {}, second)).data?.me.kind).toBe('api_key');
  });
});
