import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, startTestApi, testConfig, type TestApi, type TestTenant } from '../support/harness';
import { wsOnce } from './ws-once';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'production-like-secret-for-tests', SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') };
let api: TestApi;
let prod: TestApi;
let orm: Orm;
let tenant: TestTenant;
let prodTenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi();
  prod = await startTestApi(PRODUCTION);
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  prodTenant = await createTestTenant(orm, prod);
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

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const BAD_CREDENTIALS = [
  'garbage',
  'three garbage segments',
  'another scheme',
  'signed with another secret',
  'alg none',
  'expired',
  'refresh token as access',
] as const;

/** Credentials an attacker can make (from a genuine token's claims): none may reach any data, over HTTP or WebSocket. */
function badCredentials(): Record<(typeof BAD_CREDENTIALS)[number], string> {
  const real = jwt.decode(tenant.tokens['admin@t.test'].slice('Bearer '.length)) as Record<string, unknown>;
  const { exp: _exp, iat: _iat, ...claims } = real;
  const secret = testConfig().jwtSecret;
  const past = Math.floor(Date.now() / 1000) - 3600;
  return {
    garbage: 'Bearer not-a-token',
    'three garbage segments': 'Bearer a.b.c',
    'another scheme': 'Basic YWRtaW46YWRtaW4=',
    'signed with another secret': `Bearer ${jwt.sign(claims, 'an-attacker-secret-0123456789', { algorithm: 'HS256' })}`,
    'alg none': `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: past + 7200 })}.`,
    expired: `Bearer ${jwt.sign({ ...claims, iat: past - 3600, exp: past }, secret, { algorithm: 'HS256' })}`,
    'refresh token as access': `Bearer ${jwt.sign({ ...claims, use: 'refresh' }, secret, { algorithm: 'HS256', expiresIn: 600 })}`,
  };
}

describe('request shape', () => {
  it('an oversized body is 413 over HTTP, and an oversized message closes the WebSocket (1009)', async () => {
    const big = await post(api.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }));
    expect(big.status).toBe(413);
    expect(big.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    const socket = new WebSocket(api.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('batches are limited: 10 operations run, 11 are refused whole', async () => {
    const op = { query: '{ __typename }' };
    expect((await post(api.url, JSON.stringify(Array(10).fill(op)))).json).toHaveLength(10);
    const refused = await post(api.url, JSON.stringify(Array(11).fill(op)));
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('each operation of a batch meets the limits on its own', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { kind }`).join(' ');
    const res = await post(api.url, JSON.stringify([{ query: '{ __typename }' }, { query: `{ ${aliases} }` }]), tenant.tokens['admin@t.test']);
    expect(res.json[0].data.__typename).toBe('Query');
    expect(res.json[1].errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a fragment cycle is refused by validation, over HTTP and WebSocket', async () => {
    const cycle = 'query { ...A } fragment A on Query { me { kind } ...B } fragment B on Query { ...A }';
    const http = await gql(api.url, cycle, {}, tenant.tokens['admin@t.test']);
    expect(http.status).toBe(400);
    expect(errorCode(http)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.errors?.[0]?.message).toMatch(/Cannot spread fragment "A" within itself/);
    const ws = await wsOnce(api.url, { authorization: tenant.tokens['admin@t.test'] }, cycle);
    expect(ws.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a fragment that fans out exponentially is refused before it runs', async () => {
    // 22 spreads of the next fragment on each level: about 150 tokens, 10,648 copies of `me` once expanded.
    const levels = 4;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i + 1 < levels ? `...F${i + 1} `.repeat(22) : 'me { kind }'} }`);
    const res = await gql(api.url, `query { ...F0 } ${fragments.join(' ')}`, {}, tenant.tokens['admin@t.test']);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('is refused in production over HTTP and WebSocket, with a typed error', async () => {
    const http = await gql(prod.url, INTROSPECTION, {}, prodTenant.tokens['admin@t.test']);
    expect(http.status).toBe(400);
    expect(errorCode(http)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.errors?.[0]?.message).toMatch(/introspection/i);
    const typeProbe = await gql(prod.url, '{ __type(name: "Complaint") { fields { name } } }', {}, prodTenant.tokens['admin@t.test']);
    expect(errorCode(typeProbe)).toBe('GRAPHQL_VALIDATION_FAILED');
    const ws = await wsOnce(prod.url, { authorization: prodTenant.tokens['admin@t.test'] }, INTROSPECTION);
    expect(ws.data).toBeUndefined();
    expect(ws.errors?.[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('answers in development', async () => {
    expect((await gql(api.url, INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await wsOnce(api.url, { authorization: tenant.tokens['admin@t.test'] }, INTROSPECTION)).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});

describe('credentials an attacker can make', () => {
  it.each(BAD_CREDENTIALS)('%s: refused over HTTP with 401 UNAUTHENTICATED', async (name) => {
    const res = await gql(api.url, '{ me { kind } users { email } }', {}, badCredentials()[name]);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });

  it.each(BAD_CREDENTIALS)('%s: refused at graphql-ws connection_init (close 4401)', async (name) => {
    const res = await wsOnce(api.url, { authorization: badCredentials()[name] }, '{ users { email } }');
    expect(res).toEqual({ closeCode: 4401 });
  });

  it('the genuine token works on both (the refusals above are about the token)', async () => {
    expect((await gql(api.url, '{ me { kind } }', {}, tenant.tokens['admin@t.test'])).data).toEqual({ me: { kind: 'user' } });
    expect((await wsOnce(api.url, { authorization: tenant.tokens['admin@t.test'] }, '{ me { kind } }')).data).toEqual({ me: { kind: 'user' } });
  });
});
