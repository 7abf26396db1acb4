import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

const LOGIN = 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken refreshToken user { email roles } } }';
const ME = '{ me { kind permissions user { email } tenant { slug } } }';

describe('staff authentication', () => {
  it('logs in with tenant slug, email and password and answers me with the role permissions', async () => {
    const login = await gql(api.url, LOGIN, { t: tenant.slug, e: 'HANDLER@t.test', p: 'correct-horse-battery' });
    expect(login.data?.login.user).toEqual({ email: 'handler@t.test', roles: ['handler'] });
    const me = await gql(api.url, ME, {}, `Bearer ${login.data!.login.accessToken}`);
    expect(me.data?.me.tenant.slug).toBe(tenant.slug);
    expect(me.data?.me.permissions).toContain('complaint.handle');
    expect(me.data?.me.permissions).not.toContain('tenant.configure');
  });

  it.each([
    ['a wrong password', (s: string) => ({ t: s, e: 'handler@t.test', p: 'wrong-password-123' })],
    ['an unknown email', (s: string) => ({ t: s, e: 'nobody@t.test', p: 'correct-horse-battery' })],
    ['an unknown tenant', () => ({ t: 'no-such-tenant', e: 'handler@t.test', p: 'correct-horse-battery' })],
  ])('refuses %s with the same UNAUTHENTICATED answer', async (_label, vars) => {
    const res = await gql(api.url, LOGIN, vars(tenant.slug));
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toBe('Unknown tenant, email or password');
  });

  it('exchanges a refresh token for new tokens but refuses a refresh token used as access token', async () => {
    const login = await gql(api.url, LOGIN, { t: tenant.slug, e: 'admin@t.test', p: 'correct-horse-battery' });
    const refresh = login.data!.login.refreshToken;
    const renewed = await gql(api.url, 'mutation($r:String!){ refreshToken(refreshToken:$r){ accessToken user { email } } }', { r: refresh });
    expect(renewed.data?.refreshToken.user.email).toBe('admin@t.test');
    const misuse = await gql(api.url, ME, {}, `Bearer ${refresh}`);
    expect(misuse.status).toBe(401);
    expect(errorCode(misuse)).toBe('UNAUTHENTICATED');
  });

  it('rejects a forged token and an anonymous call to a protected query', async () => {
    expect(errorCode(await gql(api.url, ME, {}, 'Bearer not.a.jwt'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(api.url, '{ complaints { edges { cursor } } }'))).toBe('UNAUTHENTICATED');
  });

  it('forbids an operation the role lacks', async () => {
    const res = await gql(api.url, '{ users { email } }', {}, tenant.tokens['handler@t.test']);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('a deactivated user can no longer use an issued token', async () => {
    const admin = tenant.tokens['admin@t.test'];
    const created = await gql(
      api.url,
      'mutation($i:CreateUserInput!){ createUser(input:$i){ id } }',
      {
        i: { email: 'temp@t.test', displayName: 'Temp', password: 'temporary-pass-1', roles: ['handler'], teams: [] },
      },
      admin,
    );
    const id = created.data!.createUser.id;
    const login = await gql(api.url, LOGIN, { t: tenant.slug, e: 'temp@t.test', p: 'temporary-pass-1' });
    const token = `Bearer ${login.data!.login.accessToken}`;
    expect((await gql(api.url, ME, {}, token)).data?.me.user.email).toBe('temp@t.test');
    await gql(api.url, 'mutation($id:ID!){ updateUser(id:$id, input:{active:false}){ active } }', { id }, admin);
    expect(errorCode(await gql(api.url, ME, {}, token))).toBe('UNAUTHENTICATED');
  });
});

describe('API keys for third-party frontends', () => {
  it('creates a key whose secret is shown once, authenticates with it within its scopes, and stops after revocation', async () => {
    const admin = tenant.tokens['admin@t.test'];
    const created = await gql(
      api.url,
      'mutation{ createApiKey(input:{name:"Web shop", scopes:["complaint.create","complaint.read"]}){ secret apiKey { id prefix scopes } } }',
      {},
      admin,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(new RegExp(`^ck_${apiKey.prefix}_`));
    const listed = await gql(api.url, '{ apiKeys { id prefix lastUsedAt } }', {}, admin);
    expect(JSON.stringify(listed.data)).not.toContain(secret.split('_')[2]);

    const asKey = `ApiKey ${secret}`;
    const me = await gql(api.url, ME, {}, asKey);
    expect(me.data?.me).toMatchObject({ kind: 'api_key', user: null, permissions: ['complaint.create', 'complaint.read'] });
    expect(errorCode(await gql(api.url, '{ users { email } }', {}, asKey))).toBe('FORBIDDEN');

    const used = await gql(api.url, '{ apiKeys { id lastUsedAt } }', {}, admin);
    expect(used.data!.apiKeys.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt).not.toBeNull();

    await gql(api.url, 'mutation($id:ID!){ revokeApiKey(id:$id){ revokedAt } }', { id: apiKey.id }, admin);
    expect(errorCode(await gql(api.url, ME, {}, asKey))).toBe('UNAUTHENTICATED');
  });

  it('refuses a key with a valid prefix but a wrong secret', async () => {
    const created = await gql(api.url, 'mutation{ createApiKey(input:{name:"k", scopes:["complaint.read"]}){ secret } }', {}, tenant.tokens['admin@t.test']);
    const secret: string = created.data!.createApiKey.secret;
    const tampered = `${secret.slice(0, -4)}AAAA`;
    expect(errorCode(await gql(api.url, ME, {}, `ApiKey ${tampered}`))).toBe('UNAUTHENTICATED');
  });
});
