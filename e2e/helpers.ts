/**
 * Browser-test helpers: Debian's Chromium through playwright-core (never a downloaded browser), screenshots of
 * every page visited, a login helper and a horizontal-overflow probe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(import.meta.dirname, 'screenshots');

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Saves e2e/screenshots/<name>.png (full page) so a person can look at what the test saw. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Builds web/dist when it is missing (CI builds it before the tests; a fresh checkout may not have it). */
export async function ensureWebBuilt(): Promise<void> {
  const root = path.join(import.meta.dirname, '..');
  if (fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

/** Fills the login form (labels 用户名 / 密码) and waits for the home page's welcome heading. */
export async function login(page: Page, baseUrl: string, account: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^欢迎，/ }).waitFor();
}

/** document.documentElement.scrollWidth: more than the viewport width means the page scrolls sideways. */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

export type Account = { username: string; password: string };
export type TestServer = { url: string; accounts: Record<string, Account>; close(): Promise<void> };

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 812 };

/** Whether the browser tests of a file can run: without Chromium they are skipped loudly, and with CI=true they fail. */
export function chromiumGate(tag: string): boolean {
  if (hasChromium()) return true;
  if (process.env.CI === 'true') throw new Error(`${tag} e2e: /usr/bin/chromium is missing and CI=true; install the Debian chromium package`);
  console.warn(`\n!!! ${tag} e2e tests SKIPPED: /usr/bin/chromium is missing (apt-get install chromium fonts-noto-cjk) !!!\n`);
  return false;
}

/** A desktop or phone context in Chinese, Shanghai time, with downloads allowed. */
export function newContext(browser: Browser, mobile: boolean): Promise<BrowserContext> {
  return browser.newContext({ viewport: mobile ? PHONE : DESKTOP, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, reducedMotion: 'reduce' });
}

/** Collects uncaught page errors so a broken page fails the test instead of passing silently. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function apiJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

export async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  await expect.poll(() => pageScrollWidth(page), { message: `${label}: page wider than ${PHONE.width}px` }).toBeLessThanOrEqual(PHONE.width);
}
