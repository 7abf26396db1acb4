import { loadConfig } from '../../api/src';
import { startTestApi, testConfig, type TestApi } from '../support/harness';

const ADMIN = 'https://admin.example.test';
const PORTAL = 'https://portal.example.test';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ CORS_ORIGINS: ADMIN, PORTAL_URL: `${PORTAL}/portal` });
}, 60_000);

afterAll(() => api?.close());

const preflight = (origin: string) =>
  fetch(api.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('CORS and security headers', () => {
  it('allows the configured admin origin and the portal origin, and no other', async () => {
    for (const origin of [ADMIN, PORTAL]) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    }
    const evil = await preflight('https://evil.example.test');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(api.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example.test', 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('vary')).toContain('Origin');
  });

  it('answers with nosniff, no referrer, no framing and no X-Powered-By', async () => {
    const res = await fetch(api.url, { method: 'POST', headers: { origin: ADMIN, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses to start in production with a wildcard origin, and refuses what is not an origin', () => {
    const production = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'cors-test-secret-0123456789',
      SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'),
      DATABASE_URL: testConfig().adminDatabaseUrl,
    };
    expect(() => loadConfig({ ...production, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ...production, CORS_ORIGINS: `${ADMIN}, *` })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ...production, CORS_ORIGINS: `${ADMIN}/app` })).toThrow(/not an origin/);
    expect(loadConfig({ ...production, CORS_ORIGINS: `${ADMIN}/` }).corsOrigins).toEqual([ADMIN, 'http://localhost:4200']);
  });
});
