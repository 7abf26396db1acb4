import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Orm } from '../../api/src/app/orm';
import { SUBMIT, adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, type TestApi, type TestTenant } from '../support/harness';
import { roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from '../integration/lifecycle.support';
import { ADMIN_DIST, ensureAdminBuild } from './support/admin-build';
import { LAPTOP, TABLET, launchChromium, newContext, screenshot, staffLogin } from './support/browser';
import { serveAdminUi, type StaticServer } from './support/static-server';

/**
 * The admin UI and the customer portal in real headless Chromium against the real stack: the API and
 * a lifecycle worker in-process, PostgreSQL and Temporal from the shared global setup, and the
 * production build of the UI served with /graphql (HTTP and WebSocket) proxied to the API.
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = [
  { email: 'admin@t.test', roles: ['tenant_admin'] },
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'supervisor@t.test', roles: ['supervisor'], teams: ['frontline', 'escalation'] },
];

const taskQueue = uniqueTaskQueue();
let api: TestApi;
let orm: Orm;
let worker: RunningWorker;
let tenant: TestTenant;
let web: StaticServer;
let browser: Browser;
let portalKey: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureAdminBuild((m) => console.log(m));
  api = await startTestApi({ TASK_QUEUE: taskQueue });
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api, { config: roundTheClockConfig(), staff: STAFF });
  worker = await startWorker(taskQueue);
  web = await serveAdminUi(ADMIN_DIST, api.url);
  browser = await launchChromium();
  portalKey = (await gql(api.url, '{ tenant { publishableKey } }', {}, tenant.tokens['admin@t.test'])).data!.tenant.publishableKey;
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await worker?.stop();
  await api?.close();
  await orm?.close();
});

afterEach(() => {
  // An uncaught error in the page is a defect even when the scenario got through.
  const errors = pageErrors.splice(0);
  expect(errors).toEqual([]);
});

const staffPage = async (email: string, locale: 'en' | 'zh-CN' = 'en', viewport = LAPTOP): Promise<Page> => {
  const context = await newContext(browser, locale, viewport);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
  await staffLogin(page, web.url, tenant.slug, email, PASSWORD);
  return page;
};

describe('tenant administration', () => {
  it('a tenant admin changes one SLA matrix cell and the API holds the change in a new configuration version', async () => {
    const before = (await gql(api.url, '{ tenant { configVersion config } }', {}, tenant.tokens['admin@t.test'])).data!.tenant;
    const current = before.config.sla.investigation.major as number;
    const wanted = Math.max(30, current - 30);

    const page = await staffPage('admin@t.test');
    await page.goto(`${web.url}/settings/sla`);
    const cell = page.getByLabel('SLA for Investigation, Major');
    await cell.waitFor();
    await screenshot(page, 'config-sla-matrix-laptop');
    await cell.fill(`${wanted}m`);
    await cell.press('Enter');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page
      .getByText(`Version ${before.configVersion + 1}`)
      .first()
      .waitFor();

    const after = (await gql(api.url, '{ tenant { configVersion config } }', {}, tenant.tokens['admin@t.test'])).data!.tenant;
    expect(after.configVersion).toBe(before.configVersion + 1);
    expect(after.config.sla.investigation.major).toBe(wanted);
    await page.context().close();
  });

  it('previews who would get a complaint under an unsaved routing rule, and edits teams', async () => {
    const page = await staffPage('admin@t.test');
    await page.goto(`${web.url}/settings/routing`);
    await page.getByRole('heading', { name: 'Who would get this complaint?' }).waitFor();
    const preview = page.getByRole('complementary', { name: 'Who would get this complaint?' });
    await preview.getByLabel('Severity').selectOption('major');
    await preview.getByRole('button', { name: 'Show who gets it' }).click();
    await preview.locator('dd', { hasText: 'major-to-escalation' }).waitFor();

    // An unsaved catch-all rule tried first: the preview must route by the draft, not the saved rules.
    // Wait for the new card itself: `.last()` alone may resolve to the previous last rule before it renders.
    const rulesBefore = await page.getByRole('article').count();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const added = page.getByRole('article').nth(rulesBefore);
    await added.waitFor();
    const ruleId = await added.getByLabel('Rule id').inputValue();
    await added.getByLabel('Priority').fill('1');
    await added.getByLabel('Priority').press('Tab');
    await preview.getByRole('button', { name: 'Show who gets it' }).click();
    await preview.locator('dd', { hasText: ruleId }).waitFor();
    await preview.getByText('Based on unsaved changes.').waitFor();
    await screenshot(page, 'config-routing-laptop');
    const saved = (await gql(api.url, '{ tenant { config } }', {}, tenant.tokens['admin@t.test'])).data!.tenant.config;
    expect(saved.routingRules.map((r: { id: string }) => r.id)).not.toContain(ruleId);

    await page.goto(`${web.url}/teams`);
    await page.getByRole('heading', { name: 'Add a team' }).waitFor();
    await page.getByLabel('Code').fill('after_sales');
    await page.getByLabel('Name (Chinese)').last().fill('售后组');
    await page.getByLabel('Name (English)').last().fill('After-sales');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('code', { hasText: 'after_sales' }).first().waitFor();
    await screenshot(page, 'teams-laptop');
    const teams = (await gql(api.url, '{ teams { code } }', {}, tenant.tokens['admin@t.test'])).data!.teams.map((t: { code: string }) => t.code);
    expect(teams).toContain('after_sales');
    await page.context().close();
  });
});

describe('intake', () => {
  it('records a phone complaint once, however often the form is sent, suggesting a knowledge article as it is typed', async () => {
    const admin = tenant.tokens['admin@t.test'];
    const article = await gql(
      api.url,
      'mutation($i: KnowledgeArticleInput!){ createKnowledgeArticle(input: $i){ id } }',
      {
        i: {
          title: 'Charged twice: how duplicate card charges are refunded',
          body: 'A duplicate authorisation is released by the bank within 3 working days; a settled duplicate is refunded by us.',
          locale: 'en',
          categoryCodes: ['billing'],
          tags: ['charged twice', 'refund'],
        },
      },
      admin,
    );
    expect(article.errors).toBeUndefined();
    const published = await gql(
      api.url,
      'mutation($id: ID!){ setKnowledgeArticleStatus(id: $id, status: PUBLISHED){ status } }',
      { id: article.data!.createKnowledgeArticle.id },
      admin,
    );
    expect(published.errors).toBeUndefined();

    const page = await staffPage('supervisor@t.test');
    await page.getByRole('link', { name: 'Record a complaint' }).click();
    await page.getByRole('heading', { name: 'Record a phone or in-store complaint' }).waitFor();
    await page.locator('select[name="channel"]').selectOption('phone');
    await page.getByLabel('Customer name').fill('王芳');
    await page.getByRole('textbox', { name: 'Phone' }).fill('13800138000');
    await page.locator('select[name="categoryCode"]').selectOption('billing');
    await page.getByLabel('Subject').fill('Charged twice for one order');
    await page.locator('textarea[name="description"]').fill('The customer called: order 88123 was charged twice on her card.');
    const suggestion = page.getByRole('button', { name: /Charged twice: how duplicate card charges/ });
    await suggestion.waitFor({ timeout: 10_000 });
    await suggestion.click();
    await page.getByText('A duplicate authorisation is released').waitFor();
    await screenshot(page, 'intake-laptop');
    // A double click sends the form twice with the form's one idempotency key.
    await page.getByRole('button', { name: 'Record complaint' }).dblclick();
    const done = page.getByRole('heading', { name: /Complaint CP-.* recorded/ });
    await done.waitFor();
    const number = (await done.textContent())!.match(/CP-[\d-]+/)![0];
    await screenshot(page, 'intake-recorded-laptop');
    const res = await gql(
      api.url,
      'query($n:String!){ complaintByNumber(number:$n){ channel categoryCode customer { name phone } } }',
      { n: number },
      tenant.tokens['admin@t.test'],
    );
    expect(res.data!.complaintByNumber).toEqual({ channel: 'phone', categoryCode: 'billing', customer: { name: '王芳', phone: '13800138000' } });
    const same = await gql(api.url, '{ complaints(filter: { text: "Charged twice for one order" }) { totalCount } }', {}, tenant.tokens['admin@t.test']);
    expect(same.data!.complaints.totalCount).toBe(1);
    await page.context().close();
  });
});

describe('a complaint from the portal to a second round', () => {
  let number = '';

  it('a complaint filed in the portal appears live in the handler’s queue', async () => {
    const handler = await staffPage('handler@t.test');
    await handler.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });

    const customerContext = await newContext(browser, 'zh-CN', TABLET);
    const customer = await customerContext.newPage();
    customer.on('pageerror', (error) => pageErrors.push(`customer: ${error.message}`));
    await customer.goto(`${web.url}/portal/${portalKey}`);
    await customer.getByRole('heading', { name: '我们随时为您服务' }).waitFor();
    await screenshot(customer, 'portal-home-tablet');
    await customer.getByLabel('您的姓名').fill('梅女士');
    await customer.getByLabel('邮箱').fill('mei@example.com');
    await customer.getByLabel('问题概述').fill('快递丢失');
    await customer.getByLabel('详细经过').fill('包裹显示已签收但我没有收到，请尽快核实。');
    await customer.getByRole('button', { name: '提交投诉' }).click();
    const status = customer.getByTestId('portal-status');
    await status.waitFor();
    number = (await customer.locator('.status .number').textContent())!.trim();
    expect(number).toMatch(/^CP-/);
    // Evidence from the customer's side, and a message to the team.
    await customer.locator('input[type="file"]').setInputFiles({
      name: '快递签收截图.png',
      mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    });
    await customer.getByText('已将 快递签收截图.png 添加到您的投诉。').waitFor();
    await customer.getByLabel('给我们的客服留言').fill('快递员说放在门口了，但门口没有。');
    await customer.getByRole('button', { name: '发送', exact: true }).click();
    await customer.locator('.thread li.mine', { hasText: '快递员说放在门口了' }).waitFor();
    await screenshot(customer, 'portal-submitted-tablet');
    (globalThis as Record<string, unknown>)['__customer'] = customer;

    // No reload: the row arrives through the complaintEvents subscription.
    await handler.locator(`tr[data-number="${number}"]`).waitFor({ timeout: 15_000 });
    await screenshot(handler, 'queue-live-laptop');
    (globalThis as Record<string, unknown>)['__handler'] = handler;
  });

  it('after the connection drops, the queue resumes from its last event and shows what it missed', async () => {
    const handler = (globalThis as Record<string, unknown>)['__handler'] as Page;
    web.pauseWebSockets();
    await handler
      .getByText(/Reconnecting|Connecting/)
      .first()
      .waitFor({ timeout: 10_000 });
    const missed = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ subject: 'Filed while the handler was offline' }), key: newKey() },
      tenant.tokens['supervisor@t.test'],
    );
    const missedNumber = missed.data!.submitComplaint.complaint.number as string;
    await new Promise((r) => setTimeout(r, 500));
    web.resumeWebSockets();
    await handler.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    await handler.locator(`tr[data-number="${missedNumber}"]`).waitFor({ timeout: 15_000 });
  });

  it('the handler works it through to a proposed solution and sends it to the customer', async () => {
    const handler = (globalThis as Record<string, unknown>)['__handler'] as Page;
    expect(handler).toBeDefined();
    await handler.locator(`tr[data-number="${number}"] a.number`).click();
    await handler.getByRole('heading', { name: 'Next steps' }).waitFor();

    // Evidence: upload a file and download it again.
    await handler
      .locator('input[type="file"]')
      .setInputFiles({ name: 'courier-note.txt', mimeType: 'text/plain', buffer: Buffer.from('Parcel left at the gate, no signature.') });
    const link = handler.getByRole('button', { name: 'Download courier-note.txt' });
    await link.waitFor();
    const [download] = await Promise.all([handler.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('courier-note.txt');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toBe('Parcel left at the gate, no signature.');

    const act = async (action: string, fill?: (page: Page) => Promise<void>) => {
      await handler.locator(`button[data-action="${action}"]`).click();
      const form = handler.locator(`form[data-action="${action}"]`);
      await form.waitFor();
      if (fill) await fill(handler);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: 20_000 });
    };
    await act('acknowledge');
    await act('startInvestigation');
    await handler.locator('button[data-action="recordFindings"]').waitFor();
    await act('recordFindings', (page) =>
      page.locator('form[data-action="recordFindings"] textarea[name="findings"]').fill('The courier left it at the gate.'),
    );
    await handler.locator('button[data-action="proposeSolution"]').waitFor();
    await handler.locator('button[data-action="proposeSolution"]').click();
    await handler.locator('form[data-action="proposeSolution"] textarea[name="text"]').fill('We will resend the parcel by express delivery.');
    await screenshot(handler, 'complaint-propose-laptop');
    await handler.locator('form[data-action="proposeSolution"] button[type="submit"]').click();
    await handler.locator('form[data-action="proposeSolution"]').waitFor({ state: 'detached', timeout: 20_000 });
    await act('sendFeedback', async (page) => {
      await page.locator('form[data-action="sendFeedback"] textarea[name="message"]').fill('很抱歉给您带来不便，我们将用顺丰为您重新发货。');
    });
    await handler.getByText('Waiting on customer').first().waitFor({ timeout: 20_000 });
    await screenshot(handler, 'complaint-detail-laptop');

    const id = (await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ id stage status } }', { n: number }, tenant.tokens['admin@t.test'])).data!
      .complaintByNumber;
    expect(id).toMatchObject({ stage: 'feedback', status: 'WAITING_ON_CUSTOMER' });
  });

  it('the customer rejects with a low rating in the portal and round two appears in the supervisor’s queue', async () => {
    const supervisor = await staffPage('supervisor@t.test');
    await supervisor.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await supervisor.locator(`tr[data-number="${number}"]`).waitFor();

    const customer = (globalThis as Record<string, unknown>)['__customer'] as Page;
    // The portal saw the solution arrive live: the answer form is there without a reload.
    await customer.getByRole('heading', { name: '您对处理方案满意吗？' }).waitFor({ timeout: 20_000 });
    await screenshot(customer, 'portal-answer-tablet');
    await customer.getByRole('radio', { name: '不满意' }).click();
    await customer.locator('label.star').nth(1).click();
    await customer.getByLabel('还有哪些问题没有解决？').fill('我需要的是退款，不是重新发货。');
    await customer.getByRole('button', { name: '提交', exact: true }).click();
    await customer.getByText('很抱歉方案未能让您满意').waitFor({ timeout: 20_000 });
    await screenshot(customer, 'portal-rejected-tablet');

    const row = supervisor.locator(`tr[data-number="${number}"]`);
    await row.getByText('Round 2').waitFor({ timeout: 20_000 });
    await screenshot(supervisor, 'queue-round-two-laptop');

    const complaint = (
      await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ round stage satisfaction } }', { n: number }, tenant.tokens['admin@t.test'])
    ).data!.complaintByNumber;
    expect(complaint.round).toBe(2);

    // The same workspace in Chinese at tablet width.
    const zh = await staffPage('supervisor@t.test', 'zh-CN', TABLET);
    await zh.locator(`tr[data-number="${number}"] a.number`).click();
    await zh.getByRole('heading', { name: '下一步' }).waitFor();
    await zh.waitForTimeout(500);
    await screenshot(zh, 'complaint-detail-zh-tablet');
    await zh.goto(`${web.url}/complaints`);
    await zh.locator(`tr[data-number="${number}"]`).waitFor();
    await screenshot(zh, 'queue-zh-tablet');
    await zh.context().close();
    await supervisor.context().close();
    await customer.context().close();
    await ((globalThis as Record<string, unknown>)['__handler'] as Page).context().close();
  });

  it('the dashboard shows the period’s figures as the analytics API reports them, in both languages', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 29 * 86_400_000));
    const metrics = await gql(
      api.url,
      'query($f: AnalyticsFilter!){ complaintMetrics(filter: $f) { volume } }',
      { f: { from, to: today } },
      tenant.tokens['admin@t.test'],
    );
    expect(metrics.errors).toBeUndefined();
    const volume = metrics.data!.complaintMetrics[0]?.volume ?? 0;

    const page = await staffPage('admin@t.test');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Complaint dashboard' }).waitFor();
    const kpi = page.locator('.kpi').first().locator('.kpi-value');
    await kpi.waitFor();
    expect((await kpi.textContent())!.trim()).toBe(String(volume));
    expect(await page.locator('.error-banner').count()).toBe(0);
    await screenshot(page, 'dashboard-laptop');
    await page.context().close();

    const zh = await staffPage('admin@t.test', 'zh-CN', TABLET);
    await zh.goto(`${web.url}/dashboard`);
    await zh.getByRole('heading', { name: '投诉数据看板' }).waitFor();
    await zh.locator('.kpi').first().waitFor();
    await screenshot(zh, 'dashboard-zh-tablet');
    await zh.context().close();
  });
});
