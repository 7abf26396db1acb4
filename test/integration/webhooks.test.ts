import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { verifyWebhookSignature } from '../../api/src/webhooks/webhook-signature';
import { startDelivery } from '../../worker/src/delivery/delivery-wiring';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { HttpReceiver } from '../support/http-receiver';
import { eventually } from './lifecycle.support';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhookSubscription(input: $input) { secret subscription { id url eventKinds active } } }`;
const DELIVERIES = `query($sub: ID) { webhookDeliveries(subscriptionId: $sub) { id eventKind status attempts lastStatusCode payload
  attemptLog { attempt replay statusCode error durationMs } } }`;

const receiver = new HttpReceiver();
let api: RunningApi;
let admin: Orm;
let tenant: TestTenant;
let delivery: { stop(): Promise<void> };

beforeAll(async () => {
  await receiver.start();
  // No lifecycle worker: intake's own timeline events (complaint.created, complaint.routed) are the source.
  // The receiver is on loopback, which the outbound guard refuses unless it is allow-listed.
  api = await startApi(testConfig({ TASK_QUEUE: `webhooks-no-worker-${Date.now()}`, OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close });
  const config = testConfig({
    DELIVERY_INTERVAL_MS: '100',
    DELIVERY_RETRY_BASE_MS: '200',
    DELIVERY_RETRY_MAX_MS: '1000',
    DELIVERY_MAX_ATTEMPTS: '4',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
  });
  // No SMTP or provider here: the log-only warnings are expected, so only errors are shown.
  delivery = startDelivery(api.orm.em, config, { log: (m, e) => e && console.warn(m, e), tenantId: tenant.id });
}, 120_000);

afterAll(async () => {
  await delivery?.stop();
  await api?.close();
  await admin?.close();
  await receiver.stop();
});

const asAdmin = (query: string, vars: Record<string, unknown> = {}) => gql(api.url, query, vars, tenant.tokens['admin@t.test']);

async function submit(): Promise<{ id: string; number: string }> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
  return res.data!.submitComplaint.complaint;
}

async function subscribe(kinds: string[], path: string): Promise<{ id: string; secret: string }> {
  const res = await asAdmin(CREATE, { input: { url: `${receiver.url}/${path}`, eventKinds: kinds, description: path } });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createWebhookSubscription.subscription.id, secret: res.data.createWebhookSubscription.secret };
}

describe('tenant webhooks', () => {
  it('only tenant.configure may manage subscriptions; the secret is shown once', async () => {
    const denied = await gql(api.url, CREATE, { input: { url: receiver.url, eventKinds: ['*'] } }, tenant.tokens['handler@t.test']);
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const bad = await asAdmin(CREATE, { input: { url: 'ftp://x', eventKinds: ['Not A Kind'] } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const { id, secret } = await subscribe(['complaint.routed'], 'crud');
    expect(secret).toMatch(/^whsec_/);
    const listed = await asAdmin('{ webhookSubscriptions { id url eventKinds active } }');
    expect(listed.data!.webhookSubscriptions).toContainEqual({ id, url: `${receiver.url}/crud`, eventKinds: ['complaint.routed'], active: true });
    const updated = await asAdmin('mutation($id:ID!){ updateWebhookSubscription(id:$id, input:{ active:false }){ active } }', { id });
    expect(updated.data!.updateWebhookSubscription.active).toBe(false);
    const removed = await asAdmin('mutation($id:ID!){ deleteWebhookSubscription(id:$id) }', { id });
    expect(removed.data!.deleteWebhookSubscription).toBe(true);
  });

  it('posts subscribed timeline events signed with HMAC-SHA256 over timestamp and body', async () => {
    const { id, secret } = await subscribe(['complaint.created'], 'signed');
    const complaint = await submit();
    const [req] = await eventually(
      () => receiver.requests.filter((r) => r.json.complaintId === complaint.id && r.json.type === 'complaint.created'),
      (r) => r.length > 0,
    );
    expect(verifyWebhookSignature(secret, req.headers['x-complaints-signature'] as string, req.body)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', req.headers['x-complaints-signature'] as string, req.body)).toBe(false);
    expect(req.headers['x-complaints-event']).toBe('complaint.created');
    expect(req.json).toMatchObject({ type: 'complaint.created', complaintNumber: complaint.number, tenantId: tenant.id });
    // complaint.routed was written in the same transaction but not subscribed to.
    expect(receiver.requests.some((r) => r.json.complaintId === complaint.id && r.json.type === 'complaint.routed')).toBe(false);
    // The attempt is logged in the transaction that held the row while the receiver answered.
    const mine = await eventually(
      async () => (await asAdmin(DELIVERIES, { sub: id })).data!.webhookDeliveries.filter((d: any) => d.payload.complaintId === complaint.id),
      (d: any[]) => d[0]?.status !== 'pending',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    await asAdmin('mutation($id:ID!){ deleteWebhookSubscription(id:$id) }', { id });
  });

  it('retries a failing receiver with backoff, logs each attempt, and an admin can replay a delivery', async () => {
    const { id, secret } = await subscribe(['complaint.routed'], 'retry');
    receiver.failNext(2, 500);
    const complaint = await submit();
    const delivered = await eventually(
      async () => (await asAdmin(DELIVERIES, { sub: id })).data!.webhookDeliveries.filter((d: any) => d.payload.complaintId === complaint.id),
      (d: any[]) => d[0]?.status === 'delivered',
      15_000,
    );
    expect(delivered[0].attempts).toBe(3);
    expect(delivered[0].attemptLog.map((a: any) => [a.attempt, a.statusCode, a.replay])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, false],
    ]);
    const sent = receiver.requests.filter((r) => r.json.complaintId === complaint.id && r.json.type === 'complaint.routed');
    expect(new Set(sent.map((r) => r.headers['x-complaints-delivery']))).toEqual(new Set([delivered[0].id]));

    const replayed = await asAdmin('mutation($id:ID!){ replayWebhookDelivery(id:$id){ status } }', { id: delivered[0].id });
    expect(replayed.data!.replayWebhookDelivery.status).toBe('pending');
    const again = await eventually(
      () => receiver.requests.filter((r) => r.headers['x-complaints-delivery'] === delivered[0].id && r.headers['x-complaints-replay'] === 'true'),
      (r) => r.length > 0,
    );
    expect(verifyWebhookSignature(secret, again[0].headers['x-complaints-signature'] as string, again[0].body)).toBe(true);
    const after = (await asAdmin(DELIVERIES, { sub: id })).data!.webhookDeliveries.find((d: any) => d.id === delivered[0].id);
    expect(after.status).toBe('delivered');
    expect(after.attemptLog.at(-1)).toMatchObject({ replay: true, statusCode: 200 });
  });

  it('gives up after the last attempt and says so', async () => {
    const { id } = await subscribe(['complaint.routed'], 'dead');
    receiver.failNext(10, 503);
    const complaint = await submit();
    const failed = await eventually(
      async () => (await asAdmin(DELIVERIES, { sub: id })).data!.webhookDeliveries.filter((d: any) => d.payload.complaintId === complaint.id),
      (d: any[]) => d[0]?.status === 'failed',
      15_000,
    );
    expect(failed[0].attempts).toBe(4);
    expect(failed[0].attemptLog.every((a: any) => a.statusCode === 503)).toBe(true);
    receiver.failNext(0);
  });
});
