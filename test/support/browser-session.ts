/**
 * What every browser test starts with: the web UI built as it is now (not a stale dist/web), the
 * real server in a child process, Debian Chromium with one page; and signing in as the admin.
 */
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { Browser } from './browser.ts';
import { launchBrowser } from './browser.ts';
import type { RunningApp, StartOptions } from './start-app.ts';
import { startApp } from './start-app.ts';

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  page: Page;
}

export async function openBrowserSession(
  opts: { app?: StartOptions; timeoutMs?: number; acceptDialogs?: boolean } = {},
): Promise<BrowserSession> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  const [app, browser] = await Promise.all([startApp(opts.app), launchBrowser()]);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(opts.timeoutMs ?? 15_000);
  if (opts.acceptDialogs) page.on('dialog', (dialog) => void dialog.accept());
  return { app, browser, page };
}

/** Sign in on the start page as the admin the server was started with. */
export async function signInAsAdmin(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('用户名').fill(app.adminUsername);
  await page.getByLabel('密码').fill(app.adminPassword);
  await page.getByRole('button', { name: '登录' }).click();
}
