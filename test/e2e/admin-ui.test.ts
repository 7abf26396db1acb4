import { flattenCategories } from '@complaints/tenant-config';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Orm } from '../../api/src/app/orm';
import { SUBMIT, adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, type TestApi, type TestTenant } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from '../integration/lifecycle.support';
import { ADMIN_DIST, ensureAdminBuild } from './support/admin-build';
import { LAPTOP, PHONE, TABLET, launchChromium, newContext, screenshot, staffLogin } from './support/browser';
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
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
  { email: 'analyst@t.test', roles: ['analyst'] },
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
    // Words are not a duration: said beside the field, and nothing of it reaches the saved version.
    const firstResponse = page.getByLabel('First response major', { exact: true });
    await firstResponse.fill('two days');
    await firstResponse.press('Enter');
    await page.getByText('Enter a duration such as 4h 30m or 16h').first().waitFor();
    expect(await firstResponse.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page
      .getByText(`Version ${before.configVersion + 1}`)
      .first()
      .waitFor();

    const after = (await gql(api.url, '{ tenant { configVersion config } }', {}, tenant.tokens['admin@t.test'])).data!.tenant;
    expect(after.configVersion).toBe(before.configVersion + 1);
    expect(after.config.sla.investigation.major).toBe(wanted);
    const major = (c: { severities: { code: string; firstResponseMinutes: number }[] }) => c.severities.find((v) => v.code === 'major')!.firstResponseMinutes;
    expect(major(after.config)).toBe(major(before.config));

    await page.getByRole('tab', { name: 'History' }).click();
    const saved = page.getByRole('row').filter({ has: page.getByRole('cell', { name: `v${after.configVersion}`, exact: true }) });
    await saved.first().waitFor();
    expect(await saved.getByRole('cell').allInnerTexts()).toContain('admin');
    await page.context().close();
  });

  it('splits a day around lunch instead of overlapping it, and asks before unsaved edits are left behind', async () => {
    const page = await staffPage('admin@t.test');
    await page.goto(`${web.url}/settings/calendar`);
    const starts = page.getByLabel('Opens at Monday');
    await starts.first().waitFor();
    const [start, end] = [await starts.first().inputValue(), await page.getByLabel('Closes at Monday').first().inputValue()];
    await page.getByRole('button', { name: 'Add a second interval (lunch break)' }).first().click();
    expect(await starts.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([start, '13:00']);
    expect(await page.getByLabel('Closes at Monday').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['12:00', end]);

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Complaints' }).click();
    await page.waitForTimeout(300);
    expect(asked).toEqual(['You have unsaved changes. Leave this page and lose them?']);
    expect(page.url()).toBe(`${web.url}/settings/calendar`);
    // Another tab of the same page keeps the draft without asking.
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.waitForURL('**/settings/roles');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('link', { name: 'Complaints' }).click();
    await page.waitForURL('**/complaints');
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

describe('triage', () => {
  it('the tenant admin trains the model, reads its held-out figures and why it only suggests, and rolls it back', async () => {
    // Two categories with enough complaints the clerk filed; the tenant's other categories have too few.
    const leaves = flattenCategories(tenant.config.categories).filter((c) => !c.retired && !tenant.config.categories.some((top) => top.code === c.code));
    const [defect, refund] = [leaves[0].code, leaves[1].code];
    const texts: [string, string[]][] = [
      [defect, ['水壶不能加热，开机就坏了', 'the kettle stopped heating after two days', '耳机没有声音，充不进电']],
      [refund, ['退款一周了还没到账', 'my refund has not arrived yet', '钱还没有退回银行卡']],
    ];
    for (const [categoryCode, phrases] of texts) {
      for (let i = 0; i < 22; i += 1) {
        const input = complaintInput({ subject: phrases[i % 3], description: `${phrases[(i + 1) % 3]} #${i}`, categoryCode });
        expect((await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test'])).errors).toBeUndefined();
      }
    }
    const page = await staffPage('admin@t.test');
    await page.getByRole('link', { name: 'Triage' }).click();
    await page.getByRole('heading', { name: 'Triage model' }).waitFor();
    await page.getByText('No model is trained yet.').waitFor();
    await page.getByRole('button', { name: 'Train now' }).click();
    await page.getByText(/Version 1 trained and active; macro-F1 [\d.]+% on held-out complaints\./).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Active model (v1) on held-out complaints' }).waitFor();
    const note = page.getByRole('note');
    await note.getByText(/only suggests, even in auto mode: these categories have fewer than 20 labelled complaints/).waitFor();
    expect(await note.textContent()).not.toContain(defect);
    await page.locator('tr', { hasText: defect }).getByText('Learnt').waitFor();
    await page.getByText(/Next nightly training:/).waitFor();
    await page.locator('tr[data-version="1"]').getByText('Active').waitFor();
    await screenshot(page, 'triage-laptop');
    await page.getByRole('button', { name: 'Roll back to the previous version' }).click();
    await page.getByText('No model is active: intake uses the rules and suggestions only.').waitFor();
    await page.locator('tr[data-version="1"] .chip').waitFor({ state: 'detached' });
    await page.getByText(/^No version is active/).waitFor();
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
    await page.getByRole('textbox', { name: 'Email' }).fill('wangfang@example.com');
    // Evidence goes with the form: a file of a refused type is named and left out, a receipt is kept.
    const evidence = page.locator('input[name="evidence"]');
    await evidence.setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByText('tool.exe: Only PNG, JPEG, WebP, PDF or plain text files can be attached.').waitFor();
    await evidence.setInputFiles({ name: 'bank-statement.txt', mimeType: 'text/plain', buffer: Buffer.from('88123 -59.00\n88123 -59.00') });
    await page.locator('.chosen-files li', { hasText: 'bank-statement.txt' }).waitFor();
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
    // The complaint page shows both ways to reach the customer, and the evidence filed with it (once).
    await page.getByRole('link', { name: 'Open it' }).click();
    await page.getByText('wangfang@example.com').waitFor();
    await page.getByText('13800138000').first().waitFor();
    await page.getByRole('button', { name: 'Download bank-statement.txt' }).waitFor();
    expect(await page.getByRole('button', { name: /^Download / }).count()).toBe(1);
    const same = await gql(api.url, '{ complaints(filter: { text: "Charged twice for one order" }) { totalCount } }', {}, tenant.tokens['admin@t.test']);
    expect(same.data!.complaints.totalCount).toBe(1);
    await page.context().close();
  });
});

describe('every role works within its permissions', () => {
  const navLinks = async (page: Page) => (await page.locator('mat-sidenav a[mat-list-item] [matListItemTitle]').allTextContents()).map((t) => t.trim());

  it('an intake clerk sees only the queue, is kept off admin pages, and may open the intake form', async () => {
    const clerk = await staffPage('clerk@t.test');
    await clerk.getByRole('link', { name: 'Record a complaint' }).waitFor();
    expect(await navLinks(clerk)).toEqual(['Complaints']);
    for (const path of ['/users', '/settings/sla', '/api-keys', '/dashboard', '/teams', '/triage']) {
      await clerk.goto(`${web.url}${path}`);
      await clerk.waitForURL('**/complaints');
    }
    await screenshot(clerk, 'queue-clerk-laptop');
    const icon = await clerk.evaluate(async () => (await fetch(document.querySelector('link[rel="icon"]')!.getAttribute('href'))).headers.get('content-type'));
    expect(icon).toBe('image/svg+xml');
    await clerk.context().close();
  });

  it('an analyst sees the dashboard but no intake button', async () => {
    const analyst = await staffPage('analyst@t.test');
    await analyst.locator('mat-sidenav a[mat-list-item]').nth(1).waitFor();
    expect(await navLinks(analyst)).toEqual(['Complaints', 'Dashboard']);
    await analyst.getByRole('heading', { name: 'Complaint queue' }).waitFor();
    expect(await analyst.getByRole('link', { name: 'Record a complaint' }).count()).toBe(0);
    await analyst.context().close();
  });

  it('finds a complaint by its number or the number’s tail in the queue search', async () => {
    const filed = await gql(api.url, SUBMIT, { input: complaintInput({ subject: 'Findable by number' }), key: newKey() }, tenant.tokens['clerk@t.test']);
    const number = filed.data!.submitComplaint.complaint.number as string;
    const page = await staffPage('handler@t.test');
    const search = page.getByRole('searchbox');
    for (const text of [number, number.slice(-6)]) {
      await search.fill(text);
      // The queue narrows once the typing pause is over: wait for exactly the one row.
      await page.waitForFunction((n) => {
        const rows = document.querySelectorAll('tr[data-number]');
        return rows.length === 1 && rows[0].getAttribute('data-number') === n;
      }, number);
    }
    await page.context().close();
  });

  it('a supervisor without user management assigns a complaint to themself from the staff picker', async () => {
    const filed = await gql(api.url, SUBMIT, { input: complaintInput({ subject: 'For the supervisor' }), key: newKey() }, tenant.tokens['clerk@t.test']);
    const { id, number } = filed.data!.submitComplaint.complaint as { id: string; number: string };
    const supervisor = await staffPage('supervisor@t.test');
    await supervisor.goto(`${web.url}/complaints/${id}`);
    const picker = supervisor.getByLabel('Assign to');
    await picker.waitFor();
    expect(await picker.locator('option').allTextContents()).toEqual(expect.arrayContaining(['handler', 'supervisor']));
    await supervisor.getByRole('button', { name: 'Assign to me' }).click();
    await supervisor.getByText('Assignment saved').first().waitFor();
    const after = await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ assignee { email } } }', { n: number }, tenant.tokens['admin@t.test']);
    expect(after.data!.complaintByNumber.assignee).toEqual({ email: 'supervisor@t.test' });
    await supervisor.context().close();
  });

  it('sorts the queue by severity and works it from the keyboard: j/k move, a assigns to me, Enter opens', async () => {
    for (const severity of tenant.config.severities.map((sv) => sv.code)) {
      await gql(api.url, SUBMIT, { input: complaintInput({ subject: `Sorted ${severity}`, severity }), key: newKey() }, tenant.tokens['clerk@t.test']);
    }
    const supervisor = await staffPage('supervisor@t.test');
    const rowNumbers = () => supervisor.locator('tbody tr[data-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
    await supervisor.locator('tbody tr[data-number]').first().waitFor();
    await supervisor.getByRole('button', { name: 'Severity' }).click();
    await supervisor.locator('th[aria-sort="descending"]', { hasText: 'Severity' }).waitFor();
    const all = await gql(api.url, '{ complaints(first: 100) { edges { node { number priority } } } }', {}, tenant.tokens['supervisor@t.test']);
    const priorityOf = new Map<string, number>(
      all.data!.complaints.edges.map((e: { node: { number: string; priority: number } }) => [e.node.number, e.node.priority]),
    );
    const highest = Math.max(...priorityOf.values());
    await supervisor.waitForFunction(
      (numbers) => numbers.includes(document.querySelector('tbody tr[data-number]')?.getAttribute('data-number') ?? ''),
      [...priorityOf].filter(([, p]) => p === highest).map(([n]) => n),
    );
    const priorities = (await rowNumbers()).map((n) => priorityOf.get(n)!);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(new Set(priorities).size).toBeGreaterThan(1);

    const shown = await rowNumbers();
    const current = supervisor.locator('tr.current');
    for (const key of ['j', 'j', 'k']) await supervisor.keyboard.press(key);
    await supervisor.locator(`tr.current[data-number="${shown[0]}"]`).waitFor();
    await supervisor.keyboard.press('j');
    const number = shown[1]!;
    await supervisor.locator(`tr.current[data-number="${number}"]`).waitFor();
    await supervisor.keyboard.press('a');
    await current.getByText('supervisor').first().waitFor();
    const assigned = await gql(
      api.url,
      'query($n:String!){ complaintByNumber(number:$n){ id assignee { email } } }',
      { n: number },
      tenant.tokens['admin@t.test'],
    );
    expect(assigned.data!.complaintByNumber.assignee).toEqual({ email: 'supervisor@t.test' });
    await supervisor.keyboard.press('Enter');
    await supervisor.waitForURL(`**/complaints/${assigned.data!.complaintByNumber.id}`);
    await supervisor.context().close();
  });

  it('an expired access token is refreshed without the user noticing', async () => {
    const page = await staffPage('admin@t.test');
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('complaints.session'));
      localStorage.setItem('complaints.session', JSON.stringify({ ...session, accessToken: 'expired.access.token' }));
    });
    await page.goto(`${web.url}/api-keys`);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(/status code 401/).count()).toBe(0);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('complaints.session')).accessToken as string);
    expect(stored).not.toBe('expired.access.token');
    expect(page.url()).toBe(`${web.url}/api-keys`);
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
    // Evidence filed with the complaint itself, in the same intake.
    await customer.locator('input[name="evidence"]').setInputFiles({ name: '物流单号.txt', mimeType: 'text/plain', buffer: Buffer.from('SF1234567890') });
    await customer.locator('.chosen-files li', { hasText: '物流单号.txt' }).waitFor();
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
    const filed = await gql(
      api.url,
      'query($n:String!){ complaintByNumber(number:$n){ attachments { fileName } } }',
      { n: number },
      tenant.tokens['admin@t.test'],
    );
    expect(filed.data!.complaintByNumber.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['快递签收截图.png', '物流单号.txt'].sort());
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
    // What is being asked about is on the page: the solution and the message sent with it.
    await customer.getByTestId('portal-solution').getByText('We will resend the parcel by express delivery.').waitFor();
    await customer.getByText('很抱歉给您带来不便，我们将用顺丰为您重新发货。').first().waitFor();
    await customer.locator('.brand', { hasText: `Tenant ${tenant.slug}` }).waitFor();
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
    // The customer's low rating shows on the staff timeline, beside the rejection.
    await zh.locator('.timeline .rating[aria-label="评分 2/5"]').waitFor();
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

  it('the customer of a closed complaint answers the follow-up survey in the portal', async () => {
    const asStaff = async (who: string, mutation: string, vars: Record<string, unknown>) => {
      const res = await gql(api.url, mutation, vars, tenant.tokens[`${who}@t.test`]);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const submitted = await asStaff('clerk', SUBMIT, { input: complaintInput({ subject: 'Survey after closing' }), key: newKey() });
    const { id, number: surveyed } = submitted.submitComplaint.complaint;
    await eventually(
      () => gql(api.url, 'query($id:ID!){ complaintLifecycle(id:$id){ allowedActions } }', { id }, tenant.tokens['handler@t.test']),
      (res) => !!res.data?.complaintLifecycle.allowedActions.includes('acknowledge'),
    );
    const step = (mutation: string, args = '', vars: Record<string, unknown> = {}) =>
      asStaff(
        'handler',
        `mutation($id: ID!${Object.keys(vars)
          .map((k) => `, $${k}: String!`)
          .join('')}) { ${mutation}(id: $id${args}) { complaint { id } } }`,
        { id, ...vars },
      );
    await step('acknowledgeComplaint');
    await step('startInvestigation');
    await step('recordFindings', ', findings: $findings', { findings: 'Checked' });
    await asStaff(
      'handler',
      'mutation($id: ID!) { proposeSolution(id: $id, input: { text: "Replaced", compensationType: none, compensationAmount: "0" }) { complaint { id } } }',
      { id },
    );
    await step('sendFeedback', ', message: $message', { message: 'Replaced it' });
    await asStaff('handler', 'mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: 5 }) { complaint { stage } } }', { id });

    const context = await newContext(browser, 'en', PHONE);
    const customer = await context.newPage();
    customer.on('pageerror', (error) => pageErrors.push(`survey customer: ${error.message}`));
    await customer.goto(`${web.url}/portal/${portalKey}`);
    await customer.getByRole('tab', { name: 'Track my complaint' }).click();
    await customer.getByLabel('Complaint number').fill(surveyed);
    await customer.getByLabel('Email or phone').fill('ada@example.com');
    await customer.getByRole('button', { name: 'Show my complaint' }).click();
    const survey = customer.getByRole('region', { name: 'How did we do?' });
    await survey.waitFor({ timeout: 20_000 });
    await survey.getByRole('button', { name: 'Send' }).click();
    await survey.getByText('Please choose a rating from 1 to 5 stars.').waitFor();
    await survey.locator('label.star').nth(3).click();
    await survey.getByText('Happy', { exact: true }).waitFor();
    await survey.getByLabel('Anything else? (optional)').fill('Quick and friendly.');
    await screenshot(customer, 'portal-survey-phone');
    await survey.getByRole('button', { name: 'Send' }).click();
    await customer.getByText('Thank you for answering our survey!').waitFor({ timeout: 20_000 });
    await survey.waitFor({ state: 'detached' });
    await context.close();

    const after = (await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ stage status } }', { n: surveyed }, tenant.tokens['admin@t.test']))
      .data!.complaintByNumber;
    expect(after).toEqual({ stage: 'archive', status: 'CLOSED' });
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
    // The survey answered above, apart from the ratings given on accepting solutions.
    const followUp = page.locator('.kpi', { hasText: 'Follow-up satisfaction' });
    expect((await followUp.locator('.kpi-value').textContent())!.trim()).toBe('100%');
    expect((await followUp.locator('.kpi-sub').textContent())!.trim()).toBe('1 answer(s), target 85.0%');
    expect(await page.locator('.error-banner').count()).toBe(0);
    await screenshot(page, 'dashboard-laptop');

    // Both export formats, as the API writes them for the current filters: units in the column names, rounded figures.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`complaint-metrics-${from}-${today}.csv`);
    const [header, ...rows] = readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',').slice(0, 4)).toEqual(['group', 'volume', 'share_pct', 'first_response_p50_min']);
    expect(rows.join('\n')).not.toMatch(/__typename|\d\.\d{3,}/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`complaint-metrics-${from}-${today}.xlsx`);
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await page.context().close();

    const zh = await staffPage('admin@t.test', 'zh-CN', TABLET);
    await zh.goto(`${web.url}/dashboard`);
    await zh.getByRole('heading', { name: '投诉数据看板' }).waitFor();
    await zh.locator('.kpi').first().waitFor();
    await screenshot(zh, 'dashboard-zh-tablet');
    await zh.context().close();
  });
});
