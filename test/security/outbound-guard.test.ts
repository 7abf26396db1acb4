import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { withTenant } from '../../api/src/platform/db/tenant-scope';
import { OutboundAllowList } from '../../api/src/platform/net/allow-list';
import { OutboundGuard } from '../../api/src/platform/net/outbound-guard';
import { SecretBox } from '../../api/src/platform/secrets/secret-box';
import { WebhookService } from '../../api/src/webhooks/webhook.service';
import { createWebhookDelivery } from '../../worker/src/delivery/webhook-delivery';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, SUBMIT, testConfig, type GqlResponse, type TestTenant } from '../support/harness';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhookSubscription(input: $input) { subscription { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookInput!) { updateWebhookSubscription(id: $id, input: $input) { id } }`;
const ATTEMPTS = `query($sub: ID) { webhookDeliveries(subscriptionId: $sub) { status attemptLog { statusCode error responseBody } } }`;

/** What a metadata service would answer: long, and secret from the first byte on. */
const METADATA_REPLY = `{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"${'s'.repeat(5_000)}"}`;

// The API's own key (the dev/test default), so the delivery below opens what the service sealed.
const secrets = SecretBox.fromConfig(testConfig());
let api: RunningApi;
let admin: Orm;
let tenant: TestTenant;
let fakeMetadata: Server;
let metadataPort: number;
const metadataHits: string[] = [];

beforeAll(async () => {
  fakeMetadata = createServer((req, res) => {
    metadataHits.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(METADATA_REPLY));
  });
  await new Promise<void>((resolve) => fakeMetadata.listen(0, '127.0.0.1', resolve));
  metadataPort = (fakeMetadata.address() as AddressInfo).port;
  // The guard as production runs it: nothing allow-listed.
  api = await startApi(testConfig({ TASK_QUEUE: `outbound-guard-${Date.now()}`, OUTBOUND_ALLOWED_HOSTS: '' }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await admin?.close();
  await new Promise((resolve) => fakeMetadata?.close(resolve));
});

const asAdmin = (query: string, vars: Record<string, unknown>) => gql(api.url, query, vars, tenant.tokens['admin@t.test']);
const urlError = (res: GqlResponse) => ({ code: res.errors?.[0]?.extensions?.code, paths: res.errors?.[0]?.extensions?.errors?.map((e) => e.path) });

/** A subscription the save-time check would refuse today: saved before the guard, or its name resolved elsewhere then. */
async function legacySubscription(url: string): Promise<string> {
  const lenient = new WebhookService(new OutboundGuard(OutboundAllowList.parse('127.0.0.1,localhost')), secrets);
  const created = await withTenant(api.orm.em, tenant.id, (scope) => lenient.create(scope, null, { url, eventKinds: ['complaint.created'] }));
  return created.subscription.id;
}

const remove = (id: string) => asAdmin('mutation($id:ID!){ deleteWebhookSubscription(id:$id) }', { id });

/** Submits a complaint, fans its events out and runs one delivery attempt with the given allow-list. */
async function deliverOnce(subscriptionId: string, allowList: string) {
  const delivery = createWebhookDelivery({
    root: api.orm.em,
    retry: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 3 },
    guard: new OutboundGuard(OutboundAllowList.parse(allowList)),
    secrets,
    timeoutMs: 2_000,
  });
  const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
  expect(submitted.data).toBeDefined();
  const deadline = Date.now() + 20_000;
  for (;;) {
    await delivery.fanOutWebhookEvents(1_000);
    const due = await delivery.dueWebhookDeliveries(10, tenant.id);
    for (const ref of due) await delivery.deliverWebhook(ref);
    const listed = (await asAdmin(ATTEMPTS, { sub: subscriptionId })).data!.webhookDeliveries;
    if (listed.length && listed[0].attemptLog.length)
      return listed[0].attemptLog[0] as { statusCode: number | null; error: string | null; responseBody: string | null };
    if (Date.now() > deadline) throw new Error('no delivery attempt within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbound guard: no server-side request forgery through webhooks', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1/',
    'http://127.1:8080/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://10.0.0.5/',
    'http://172.16.0.1/',
    'http://192.168.0.1/',
    'http://100.64.0.1/',
    'http://100.100.100.200/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://0.0.0.0/',
    'http://255.255.255.255/',
    'http://240.0.0.1/',
    'http://localhost/',
  ])('refuses %s at save time with BAD_USER_INPUT on input.url', async (url) => {
    const res = await asAdmin(CREATE, { input: { url, eventKinds: ['*'] } });
    expect(res.data).toBeNull();
    expect(urlError(res)).toEqual({ code: 'BAD_USER_INPUT', paths: ['input.url'] });
    expect(res.errors![0].message).toMatch(/only calls public addresses/);
  });

  it('refuses a private URL when an existing subscription is changed to it', async () => {
    const id = await legacySubscription('https://hooks.example.invalid/in');
    const res = await asAdmin(UPDATE, { id, input: { url: 'http://169.254.169.254/latest/meta-data/' } });
    expect(urlError(res)).toEqual({ code: 'BAD_USER_INPUT', paths: ['input.url'] });
  });

  it('refuses at delivery time a stored URL whose name resolves to loopback, without connecting', async () => {
    const id = await legacySubscription(`http://localhost:${metadataPort}/latest/meta-data/`);
    const attempt = await deliverOnce(id, '').finally(() => remove(id));
    expect(attempt).toEqual({ statusCode: null, error: expect.stringMatching(/^localhost resolves to a loopback address/), responseBody: null });
    expect(metadataHits).toEqual([]);
  });

  it('keeps only a short excerpt of an answer, even from an allow-listed host', async () => {
    const id = await legacySubscription(`http://127.0.0.1:${metadataPort}/latest/meta-data/iam/`);
    const attempt = await deliverOnce(id, '127.0.0.1').finally(() => remove(id));
    expect(attempt.statusCode).toBe(200);
    expect(attempt.responseBody!.length).toBeLessThanOrEqual(200);
    expect(METADATA_REPLY.startsWith(attempt.responseBody!)).toBe(true);
    expect(metadataHits).toEqual(['/latest/meta-data/iam/']);
  });
});
