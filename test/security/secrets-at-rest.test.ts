import { randomBytes, randomUUID } from 'node:crypto';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { keyIdOf, SecretBox, SecretKeyError } from '../../api/src/platform/secrets/secret-box';
import { openWebhookSecret, resealWebhookSecrets } from '../../api/src/webhooks/webhook-secret';
import { adminOrm, createTestTenant, gql, testConfig, type TestTenant } from '../support/harness';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`;

const firstKey = randomBytes(32);
let api: RunningApi;
let admin: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startApi(testConfig({ TASK_QUEUE: `secrets-${Date.now()}`, SECRETS_KEY: firstKey.toString('base64') }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await admin?.close();
});

const asAdmin = (query: string, vars: Record<string, unknown> = {}) => gql(api.url, query, vars, tenant.tokens['admin@t.test']);
const storedSecret = async (id: string) =>
  (await admin.em.fork().execute<{ secret: string }[]>('select secret from webhook_subscriptions where id = ?', [id]))[0].secret;

async function subscribe(): Promise<{ id: string; secret: string }> {
  // A name that does not resolve here: accepted at save time, checked again at delivery.
  const res = await asAdmin(CREATE, { input: { url: 'https://hooks.example.invalid/in', eventKinds: ['*'] } });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createWebhookSubscription.subscription.id, secret: res.data.createWebhookSubscription.secret };
}

describe('webhook signing secrets at rest', () => {
  it('the column holds a ciphertext under SECRETS_KEY, never the secret the tenant was shown', async () => {
    const { id, secret } = await subscribe();
    const stored = await storedSecret(id);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice('whsec_'.length, 20));
    expect(stored.startsWith(`enc:v1:${keyIdOf(firstKey)}:`)).toBe(true);
    expect(openWebhookSecret(new SecretBox(firstKey), id, stored)).toBe(secret);

    const rotated = (await asAdmin(ROTATE, { id })).data!.rotateWebhookSecret.secret as string;
    expect(rotated).not.toBe(secret);
    const storedAfterRotation = await storedSecret(id);
    expect(storedAfterRotation).not.toContain(rotated);
    expect(openWebhookSecret(new SecretBox(firstKey), id, storedAfterRotation)).toBe(rotated);
  });

  it('is readable through the API only in the answer that created it', async () => {
    const { id } = await subscribe();
    const listed = await asAdmin('{ webhookSubscriptions { id secret } }');
    expect(listed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const updated = await asAdmin('mutation($id:ID!){ updateWebhookSubscription(id:$id, input:{ description:"x" }) { id secret } }', { id });
    expect(updated.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a key rotation re-encrypts every row with the new key, after which the old key is no longer needed', async () => {
    const { id, secret } = await subscribe();
    // A row from before encryption existed, written straight into the table.
    const legacyId = randomUUID();
    await admin.em
      .fork()
      .execute(
        `insert into webhook_subscriptions (id, tenant_id, url, event_kinds, secret) values (?, ?, 'https://legacy.example.invalid/', '{*}', 'whsec_legacy_plaintext')`,
        [legacyId, tenant.id],
      );
    const secondKey = randomBytes(32);
    const rotating = new SecretBox(secondKey, firstKey);
    // Values under the previous key still open while the rotation runs.
    expect(openWebhookSecret(rotating, id, await storedSecret(id))).toBe(secret);

    expect(await resealWebhookSecrets(admin.em.fork(), rotating, tenant.id)).toBeGreaterThanOrEqual(2);
    const afterwards = new SecretBox(secondKey);
    expect(openWebhookSecret(afterwards, id, await storedSecret(id))).toBe(secret);
    expect(await storedSecret(legacyId)).not.toContain('whsec_legacy_plaintext');
    expect(openWebhookSecret(afterwards, legacyId, await storedSecret(legacyId))).toBe('whsec_legacy_plaintext');
    expect(await resealWebhookSecrets(admin.em.fork(), afterwards, tenant.id)).toBe(0);

    // Other test files' tenants run under other keys at the same time: the rotation here stays in this tenant.
    // The first key alone no longer opens them, and says which key it would need.
    const stored = await storedSecret(id);
    expect(() => openWebhookSecret(new SecretBox(firstKey), id, stored)).toThrow(SecretKeyError);
    expect(() => openWebhookSecret(new SecretBox(firstKey), id, stored)).toThrow(
      `encrypted with key ${keyIdOf(secondKey)}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`,
    );
  });
});
