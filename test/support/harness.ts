import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import { loadConfig, type AppConfig } from '../../api/src';
import { startApi } from '../../api/src/server';
import { createOrm, type Orm } from '../../api/src/app/orm';
import type { Logger } from '../../api/src/platform/observability/logger';
import { ComplaintNumbers } from '../../api/src/complaint/complaint-number';
import { hashPassword } from '../../api/src/identity/password';
import { User } from '../../api/src/identity/user.entity';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';

/** The database and Temporal come from the shared global setup (test/setup). */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    JWT_SECRET: 'integration-test-secret-0123456789',
    ATTACHMENTS_DIR: join(tmpdir(), 'complaints-test-attachments'),
    ...overrides,
  });
}

export interface TestApi {
  url: string;
  /** The API's own ORM (application role), e.g. to count the SQL a request runs. */
  orm: Orm;
  close: () => Promise<void>;
}

export async function startTestApi(overrides: NodeJS.ProcessEnv = {}, logger?: Logger): Promise<TestApi> {
  const api = await startApi(testConfig(overrides), 0, logger);
  return { url: api.url, orm: api.orm, close: api.close };
}

let numbers: ComplaintNumbers | undefined;

/** The complaint-number allocator for tests that drive the intake service directly. */
export const complaintNumbers = (): ComplaintNumbers => (numbers ??= new ComplaintNumbers(testConfig().appDatabaseUrl, 2));

/** An owner connection (bypasses row-level security) for arranging fixtures. */
export function adminOrm(): Promise<Orm> {
  return createOrm(testConfig().adminDatabaseUrl, { pool: { min: 0, max: 4 } });
}

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; errors?: { path: string; message: string }[]; [k: string]: unknown } }[];
}

export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth?: string,
  signal?: AbortSignal,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  return { status: res.status, ...(await res.json()) };
}

/** The one error code of a failed response (fails loudly when there is none). */
export function errorCode(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export interface StaffSpec {
  email: string;
  roles: string[];
  teams?: string[];
  password?: string;
}

export interface TestTenant {
  id: string;
  slug: string;
  config: TenantConfig;
  /** `Bearer …` for each staff email. */
  tokens: Record<string, string>;
  userIds: Record<string, string>;
}

export const DEFAULT_STAFF: StaffSpec[] = [
  { email: 'admin@t.test', roles: ['tenant_admin'] },
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
  { email: 'analyst@t.test', roles: ['analyst'] },
];

/** Each test file makes its own tenants, so no test depends on another's data. */
export async function createTestTenant(orm: Orm, api: TestApi, opts: { config?: TenantConfig; staff?: StaffSpec[] } = {}): Promise<TestTenant> {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const config = opts.config ?? defaultTenantConfig();
  const staff = opts.staff ?? DEFAULT_STAFF;
  const password = 'correct-horse-battery';
  const { tenantId, userIds } = await orm.em.fork().transactional(async (em) => {
    const tenant = await new TenantConfigService().createTenant(em, slug, `Tenant ${slug}`, config);
    const ids: Record<string, string> = {};
    for (const s of staff) {
      const user = em.create(User, {
        email: s.email,
        displayName: s.email.split('@')[0],
        roles: s.roles,
        teams: s.teams ?? [],
        passwordHash: await hashPassword(s.password ?? password),
        active: true,
      } as User);
      ids[s.email] = user.id;
    }
    await em.flush();
    return { tenantId: tenant.id, userIds: ids };
  });
  const tokens: Record<string, string> = {};
  for (const s of staff) {
    const res = await gql(api.url, 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }', {
      t: slug,
      e: s.email,
      p: s.password ?? password,
    });
    if (!res.data) throw new Error(`login failed for ${s.email}: ${JSON.stringify(res.errors)}`);
    tokens[s.email] = `Bearer ${res.data.login.accessToken}`;
  }
  return { id: tenantId, slug, config, tokens, userIds };
}

export const SUBMIT = `mutation Submit($input: SubmitComplaintInput!, $key: String!) {
  submitComplaint(input: $input, idempotencyKey: $key) { created complaint { id number stage status severity teamCode channel categoryCode } }
}`;

export function complaintInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'web',
    subject: 'Broken kettle',
    description: 'The kettle stopped heating after two days.',
    customer: { name: 'Ada', email: 'ada@example.com', externalId: `c-${randomUUID().slice(0, 8)}` },
    ...overrides,
  };
}

export const newKey = () => `key-${randomUUID()}`;
