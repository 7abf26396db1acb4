import type { Orm } from '../../api/src/app/orm';
import { createLogger } from '../../api/src/platform/observability/logger';
import { capturingLogger } from '../support/log-capture';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

/** `api` has the default grace period; `strict` none, so a second use of a token is always reuse. */
let api: TestApi;
let strict: TestApi;
let orm: Orm;
let tenant: TestTenant;
const strictLog = capturingLogger(createLogger, 'api');

const PASSWORD = 'correct-horse-battery';
const LOGIN = 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken refreshToken } }';
const REFRESH = 'mutation($r:String!){ refreshToken(refreshToken:$r){ accessToken refreshToken } }';
const ME = '{ me { user { email } } }';

interface Pair {
  accessToken: string;
  refreshToken: string;
}

beforeAll(async () => {
  [api, strict] = await Promise.all([startTestApi(), startTestApi({ REFRESH_TOKEN_REUSE_GRACE_SECONDS: '0' }, strictLog.logger)]);
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api, {
    staff: [
      { email: 'admin@t.test', roles: ['tenant_admin'] },
      { email: 'ann@t.test', roles: ['handler'] },
      { email: 'ben@t.test', roles: ['handler'] },
      { email: 'cat@t.test', roles: ['handler'] },
      { email: 'dan@t.test', roles: ['handler'] },
    ],
  });
});
afterAll(async () => {
  await Promise.all([api?.close(), strict?.close()]);
  await orm?.close();
});

async function login(email: string, password = PASSWORD, on: TestApi = api): Promise<Pair> {
  const res = await gql(on.url, LOGIN, { t: tenant.slug, e: email, p: password });
  if (!res.data) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return res.data.login as Pair;
}

const refresh = (token: string, on: TestApi = api) => gql(on.url, REFRESH, { r: token });
const works = async (pair: Pair, on: TestApi = api) => (await gql(on.url, ME, {}, `Bearer ${pair.accessToken}`)).data?.me?.user?.email !== undefined;

describe('refresh token rotation', () => {
  it('hands out a new refresh token on each use; using a rotated one ends the whole family and is logged without the token', async () => {
    const first = await login('ann@t.test', PASSWORD, strict);
    const second = (await refresh(first.refreshToken, strict)).data!.refreshToken as Pair;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await refresh(second.refreshToken, strict)).data!.refreshToken as Pair;
    expect(await works(third, strict)).toBe(true);

    const replay = await refresh(first.refreshToken, strict);
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    // The thief's use ended the family: the legitimate holder's tokens stop working too.
    expect(errorCode(await refresh(third.refreshToken, strict))).toBe('UNAUTHENTICATED');
    expect(await works(third, strict)).toBe(false);

    const logged = strictLog.lines.filter((line) => line.event === 'auth.refresh_token_reused');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'warn', userId: tenant.userIds['ann@t.test'], presentedGeneration: 0, currentGeneration: 2 });
    for (const token of [first, second, third].flatMap((p) => [p.accessToken, p.refreshToken])) expect(JSON.stringify(logged[0])).not.toContain(token);
  });

  it('lets exactly one of two racing refreshes rotate the token', async () => {
    const { refreshToken } = await login('ben@t.test', PASSWORD, strict);
    const answers = await Promise.all([refresh(refreshToken, strict), refresh(refreshToken, strict)]);
    expect(answers.filter((a) => a.data?.refreshToken).length).toBe(1);
    expect(answers.filter((a) => errorCode(a) === 'UNAUTHENTICATED').length).toBe(1);
  });

  it('within the grace period gives a retried refresh the same successor, which then rotates once more as usual', async () => {
    const { refreshToken } = await login('cat@t.test');
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken), refresh(refreshToken)]);
    const successors = new Set(answers.map((a) => (a.data?.refreshToken as Pair | undefined)?.refreshToken));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(successor).toBeDefined();
    expect(successor).not.toBe(refreshToken);
    const next = (await refresh(successor!)).data!.refreshToken as Pair;
    expect(await works(next)).toBe(true);
  });
});

describe('ending sessions', () => {
  it('logout ends the current session only', async () => {
    const here = await login('dan@t.test');
    const elsewhere = await login('dan@t.test');
    const out = await gql(api.url, 'mutation{ logout }', {}, `Bearer ${here.accessToken}`);
    expect(out.data?.logout).toBe(true);
    expect(await works(here)).toBe(false);
    expect(errorCode(await refresh(here.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(elsewhere)).toBe(true);
    expect((await refresh(elsewhere.refreshToken)).data?.refreshToken.accessToken).toBeDefined();
  });

  it('sign out everywhere ends every session of the user and no one else', async () => {
    const sessions = [await login('dan@t.test'), await login('dan@t.test'), await login('dan@t.test')];
    const other = await login('ann@t.test');
    const out = await gql(api.url, 'mutation{ signOutEverywhere }', {}, `Bearer ${sessions[0].accessToken}`);
    expect(out.data?.signOutEverywhere).toBeGreaterThanOrEqual(3);
    for (const pair of sessions) {
      expect(await works(pair)).toBe(false);
      expect(errorCode(await refresh(pair.refreshToken))).toBe('UNAUTHENTICATED');
    }
    expect(await works(other)).toBe(true);
  });

  it('an API key has no session to end', async () => {
    const created = await gql(api.url, 'mutation{ createApiKey(input:{name:"shop", scopes:["complaint.read"]}){ secret } }', {}, tenant.tokens['admin@t.test']);
    const res = await gql(api.url, 'mutation{ logout }', {}, `ApiKey ${created.data!.createApiKey.secret}`);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('a password change ends every session of that user', async () => {
    const before = await login('ben@t.test');
    const changed = await gql(
      api.url,
      'mutation($id:ID!){ updateUser(id:$id, input:{password:"another-long-pass"}){ id } }',
      { id: tenant.userIds['ben@t.test'] },
      tenant.tokens['admin@t.test'],
    );
    expect(changed.errors).toBeUndefined();
    expect(await works(before)).toBe(false);
    expect(errorCode(await refresh(before.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(await login('ben@t.test', 'another-long-pass'))).toBe(true);
  });

  it('deactivation ends every session for good: reactivating the account brings none back', async () => {
    const before = await login('cat@t.test');
    const setActive = (active: boolean) =>
      gql(
        api.url,
        'mutation($id:ID!,$a:Boolean!){ updateUser(id:$id, input:{active:$a}){ active } }',
        { id: tenant.userIds['cat@t.test'], a: active },
        tenant.tokens['admin@t.test'],
      );
    await setActive(false);
    await setActive(true);
    expect(await works(before)).toBe(false);
    expect(errorCode(await refresh(before.refreshToken))).toBe('UNAUTHENTICATED');
  });
});
