/**
 * Headless screenshots of the main screens against the built app and the mock API:
 *   npx ng build && node scripts/screenshots.mjs [outDir]
 * Uses Debian's chromium (never a downloaded browser).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startMockServer } from './mock-api.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..', 'screenshots');
mkdirSync(outDir, { recursive: true });
const port = 4300;
const server = await startMockServer({ root: join(here, '..', 'dist', 'admin-ui', 'browser'), port });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** The app scrolls inside the side-nav content, so grow the viewport to the content for a full shot. */
async function shoot(page, name) {
  await page.waitForTimeout(300);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    const content = document.querySelector('mat-sidenav-content');
    return content ? content.scrollHeight + content.getBoundingClientRect().top : document.body.scrollHeight;
  });
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) });
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  await page.setViewportSize(viewport);
  console.log(`saved ${name}.png`);
}

try {
  for (const [label, viewport] of [
    ['laptop', { width: 1366, height: 820 }],
    ['tablet', { width: 820, height: 1100 }],
  ]) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`http://localhost:${port}/login`);
    await page.locator('mat-button-toggle', { hasText: 'EN' }).first().click();
    if (label === 'laptop') await shoot(page, `login-${label}`);
    await page.getByLabel('Tenant').fill('demo-shop');
    await page.getByLabel('Email').fill('admin@demo-shop.test');
    await page.getByLabel('Password', { exact: true }).fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/complaints');

    await page.goto(`http://localhost:${port}/settings/sla`);
    await page.getByText('SLA per stage').waitFor();
    await shoot(page, `sla-matrix-${label}`);

    // A value the API rejects: the message must appear next to that cell.
    const cell = page.getByLabel('SLA for Investigation, Major');
    await cell.fill('10h');
    await cell.press('Enter');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.locator('.cell-error').first().waitFor();
    await shoot(page, `sla-matrix-error-${label}`);

    if (label === 'laptop') {
      await page.locator('mat-button-toggle', { hasText: '中文' }).click();
      await shoot(page, `sla-matrix-zh-${label}`);
      await page.locator('mat-button-toggle', { hasText: 'EN' }).click();
      for (const [path, name] of [
        ['/complaints', 'queue'],
        ['/complaints/c1', 'complaint-detail'],
        ['/users', 'users'],
        ['/api-keys', 'api-keys'],
      ]) {
        await page.goto(`http://localhost:${port}${path}`);
        await page.locator('main .page').waitFor();
        await page.waitForTimeout(500);
        await shoot(page, `${name}-${label}`);
      }
      await page.getByLabel('Name').fill('Mobile app');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByText('Copy the secret now').waitFor();
      await shoot(page, `api-key-created-${label}`);
      for (const tab of ['categories', 'roles', 'calendar', 'policies', 'templates', 'history', 'yaml']) {
        await page.goto(`http://localhost:${port}/settings/${tab}`);
        await page.locator('.tab-body').waitFor();
        await shoot(page, `config-${tab}-${label}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
