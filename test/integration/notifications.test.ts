import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { formatDueTime } from '../../api/src/notifications/due-time';
import { SmtpSink } from '../../api/src/dev/smtp-sink';
import { createChannelAdapters } from '../../api/src/notifications/channel-adapters';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { createNotificationDelivery } from '../../worker/src/delivery/notification-delivery';
import { startDelivery } from '../../worker/src/delivery/delivery-wiring';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { HttpReceiver } from '../support/http-receiver';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

const STAFF = [
  { email: 'admin@t.test', roles: ['tenant_admin'] },
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
];

const taskQueue = uniqueTaskQueue();
const sink = new SmtpSink();
const provider = new HttpReceiver();
let api: RunningApi;
let admin: Orm;
let worker: RunningWorker;
let tenant: TestTenant;
let delivery: { stop(): Promise<void> };

beforeAll(async () => {
  await sink.start();
  await provider.start();
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig(), staff: STAFF });
  worker = await startWorker(taskQueue);
  const config = testConfig({
    SMTP_URL: sink.url,
    NOTIFY_WEBHOOK_URL: provider.url,
    DELIVERY_INTERVAL_MS: '100',
    DELIVERY_RETRY_BASE_MS: '200',
    DELIVERY_RETRY_MAX_MS: '1000',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
  });
  delivery = startDelivery(worker.orm.em, config, { log: (m, e) => console.warn(m, e ?? ''), tenantId: tenant.id });
}, 120_000);

afterAll(async () => {
  await delivery?.stop();
  await worker?.stop();
  await api?.close();
  await admin?.close();
  await sink.stop();
  await provider.stop();
});

const token = (who: string) => tenant.tokens[`${who}@t.test`];

async function submit(customer: Record<string, unknown>, locale: string): Promise<{ id: string; number: string }> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput({ customer, locale }), key: newKey() }, token('clerk'));
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitComplaint.complaint;
}

async function acknowledge(id: string): Promise<{ resolutionDueAt: string }> {
  // The workflow may still be starting: retry until its update is accepted.
  return eventually(
    async () => gql(api.url, 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { resolutionDueAt } } }', { id }, token('handler')),
    (res) => Boolean(res.data),
  ).then((res) => res.data!.acknowledgeComplaint.complaint);
}

async function deliveryLog(
  complaintId: string,
): Promise<{ kind: string; channel: string; status: string; attempt: number; message_id: string | null; error: string | null }[]> {
  return admin.em.fork().execute(
    `select o.kind, d.channel, d.status, d.attempt, d.message_id, d.error from notification_deliveries d
       join notification_outbox o on o.id = d.notification_id where o.complaint_id = ? order by d.created_at, d.channel`,
    [complaintId],
  );
}

describe('notification delivery', () => {
  it('emails the complainant in Chinese with the due time in the tenant zone, and texts them through the provider', async () => {
    const email = `zh-${Date.now()}@example.com`;
    const phone = '+8613800000001';
    const complaint = await submit({ name: '王芳', email, phone, externalId: newKey() }, 'zh-CN');
    const { resolutionDueAt } = await acknowledge(complaint.id);

    const [mail] = await eventually(
      () => sink.to(email),
      (m) => m.length > 0,
    );
    const due = formatDueTime(new Date(resolutionDueAt), new Date(), 'Asia/Shanghai', 'zh-CN');
    expect(mail.subject).toBe(`投诉 ${complaint.number} 已受理`);
    expect(mail.text).toContain(`王芳，您好：`);
    expect(mail.text).toContain(`您的投诉 ${complaint.number} 已受理，预计 ${due} 前给出方案。`);
    expect(mail.text).toContain(`http://localhost:4200/portal?complaint=${complaint.number}`);
    // The outbox dedupe key (`<workflowId>:<seq>`) is the Message-ID.
    expect(mail.messageId).toMatch(new RegExp(`^<complaint-${tenant.id}-${complaint.id}\\.\\d+\\.email@`));

    const sms = await eventually(
      () => provider.requests.filter((r) => r.json.to === phone),
      (r) => r.length > 0,
    );
    expect(sms[0].json).toMatchObject({
      channel: 'sms',
      locale: 'zh-CN',
      body: `【Tenant ${tenant.slug}】您的投诉 ${complaint.number} 已受理，预计 ${due} 前给出方案。`,
    });
    expect(sms[0].headers['idempotency-key']).toBe(sms[0].json.messageId);

    const log = await eventually(
      () => deliveryLog(complaint.id),
      (rows) => rows.length >= 2,
    );
    expect(log.map((r) => [r.kind, r.channel, r.status, r.attempt])).toEqual([
      ['complaint.acknowledged', 'email', 'sent', 1],
      ['complaint.acknowledged', 'sms', 'sent', 1],
    ]);
  });

  it("writes in the complainant's own locale", async () => {
    const email = `en-${Date.now()}@example.com`;
    const complaint = await submit({ name: 'Ada', email, externalId: newKey() }, 'en');
    await acknowledge(complaint.id);
    const [mail] = await eventually(
      () => sink.to(email),
      (m) => m.length > 0,
    );
    expect(mail.subject).toBe(`Complaint ${complaint.number} received`);
    expect(mail.text).toMatch(
      new RegExp(
        `^Dear Ada,\\n\\nYour complaint ${complaint.number} has been received\\. We will propose a solution by (today|tomorrow|\\d+ \\w+) \\d\\d:\\d\\d\\.`,
      ),
    );
  });

  it('retries a failing provider with backoff and never sends the delivered email again', async () => {
    const email = `retry-${Date.now()}@example.com`;
    const phone = '+8613800000002';
    provider.failNext(2, 503);
    const complaint = await submit({ name: '李雷', email, phone, externalId: newKey() }, 'zh-CN');
    await acknowledge(complaint.id);

    const log = await eventually(
      () => deliveryLog(complaint.id),
      (rows) => rows.some((r) => r.channel === 'sms' && r.status === 'sent'),
      15_000,
    );
    expect(log.map((r) => [r.channel, r.status, r.attempt])).toEqual([
      ['email', 'sent', 1],
      ['sms', 'failed', 1],
      ['sms', 'failed', 2],
      ['sms', 'sent', 3],
    ]);
    expect(log[1].error).toContain('503');
    expect(sink.to(email)).toHaveLength(1);
    const attempts = provider.requests.filter((r) => r.json.to === phone);
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const [outbox] = await admin.em.fork().execute('select attempts, delivered_at from notification_outbox where complaint_id = ?', [complaint.id]);
    expect(outbox).toMatchObject({ attempts: 3 });
    expect(outbox.delivered_at).not.toBeNull();

    // Staff see the same log through the API.
    const res = await gql(
      api.url,
      `query($id: ID!) { complaintNotifications(complaintId: $id) { kind attempts deliveredAt
      deliveries { attempt channel status error messageId subject body } } }`,
      { id: complaint.id },
      token('handler'),
    );
    const [listed] = res.data!.complaintNotifications;
    expect(listed).toMatchObject({ kind: 'complaint.acknowledged', attempts: 3 });
    expect(listed.deliveries.map((d: any) => `${d.channel}:${d.status}:${d.attempt}`)).toEqual(['email:sent:1', 'sms:failed:1', 'sms:failed:2', 'sms:sent:3']);
    // The rendered text that was sent, as the customer read it.
    const [mail] = sink.to(email);
    expect(listed.deliveries[0]).toMatchObject({ subject: mail.subject, body: mail.text });
    expect(listed.deliveries[3].body).toContain(complaint.number);
    expect(listed.deliveries[3].body).toBe(attempts[2].json.body);
  });

  it('two workers racing over one outbox row send it once', async () => {
    // Another tenant, which the running relay does not sweep, so only the two racers below touch it.
    const other = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig(), staff: STAFF });
    const email = `race-${Date.now()}@example.com`;
    const res = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ customer: { name: 'Race', email, externalId: newKey() }, locale: 'en' }), key: newKey() },
      other.tokens['clerk@t.test'],
    );
    const complaintId = res.data!.submitComplaint.complaint.id as string;
    const [row] = await admin.em.fork().execute<{ id: string }[]>(
      `insert into notification_outbox (id, tenant_id, complaint_id, kind, recipient_kind, recipient, data, dedupe_key)
       values (gen_random_uuid(), ?, ?, 'complaint.acknowledged', 'customer', ?, '{}'::jsonb, ?) returning id`,
      [other.id, complaintId, complaintId, `race-${complaintId}:1`],
    );
    const { adapters } = createChannelAdapters({ smtpUrl: sink.url, from: 'test@complaints.local', portalUrl: 'http://portal.test' }, () => {});
    const retry = { baseMs: 100, maxMs: 100, maxAttempts: 3 };
    const racer = () =>
      createNotificationDelivery({ root: worker.orm.em, tenantConfig: new TenantConfigService(), channels: adapters, retry, portalUrl: 'http://portal.test' });
    const ref = { id: row.id, tenantId: other.id };
    const outcomes = await Promise.all([racer().deliverNotification(ref), racer().deliverNotification(ref)]);
    expect(outcomes.sort()).toEqual(['busy', 'delivered']);
    expect(await racer().deliverNotification(ref)).toBe('busy');
    expect(sink.to(email)).toHaveLength(1);
    // SMS and push had no template-and-address pair or fell back to log-only: nothing else was recorded as sent.
    const log = await admin.em.fork().execute('select channel, status from notification_deliveries where notification_id = ?', [row.id]);
    expect(log).toEqual([{ channel: 'email', status: 'sent' }]);
  });

  it('logs, without claiming to have sent, when no provider is configured', async () => {
    const lines: string[] = [];
    const { adapters, warnings } = createChannelAdapters({ from: 'x@complaints.local', portalUrl: 'http://portal.test' }, (l) => lines.push(l));
    expect(warnings).toEqual([
      'SMTP_URL is not set: email notifications are only logged, not sent',
      'NOTIFY_WEBHOOK_URL is not set: SMS and push notifications are only logged, not sent',
    ]);
    const receipt = await adapters.email.send({
      channel: 'email',
      to: 'a@b.c',
      subject: 'S',
      body: 'B',
      locale: 'en',
      messageId: 'k:1:email',
      tenantId: tenant.id,
      kind: 'x',
    });
    expect(receipt.status).toBe('logged');
    expect(lines[0]).toContain('NOT SENT');
  });
});
