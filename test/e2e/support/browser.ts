import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-output/e2e');

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export const LAPTOP = { width: 1366, height: 860 };
export const TABLET = { width: 820, height: 1180 };
export const PHONE = { width: 390, height: 844 };

export async function newContext(browser: Browser, locale: 'en' | 'zh-CN', viewport = LAPTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale });
  // The app reads its language from storage first, then the browser: pin it so assertions are stable.
  await context.addInitScript((l) => localStorage.setItem('complaints.locale', l), locale);
  return context;
}

/** Page errors fail loudly in the test output instead of passing unnoticed. */
export function watchErrors(page: Page, name: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
  return errors;
}

/** A full-height screenshot: the staff app scrolls inside the side-nav content, so grow the viewport. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(300);
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const content = document.querySelector('mat-sidenav-content');
    return content ? content.scrollHeight + content.getBoundingClientRect().top : document.documentElement.scrollHeight;
  });
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(Math.ceil(height), 4000) });
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  await page.setViewportSize(viewport);
}

export async function staffLogin(page: Page, baseUrl: string, tenantSlug: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // By name rather than label: the same helper signs in under either language.
  await page.locator('input[name="tenantSlug"]').fill(tenantSlug);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/complaints');
}
