/**
 * What every browser test starts with: the web UI built as it is now (not a stale dist/web), the
 * real server in a child process, Debian Chromium with one page; and signing in as the admin.
 */
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from './browser.ts';
import { launchBrowser } from './browser.ts';
import type { RunningApp, StartOptions } from './start-app.ts';
import { startApp } from './start-app.ts';

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  page: Page;
}

export interface BrowserSessionOptions {
  app?: StartOptions;
  /** Playwright's default timeout for each action and wait, ms (15 s unless given). */
  timeoutMs?: number;
  /** Accept every confirm() the page shows (the admin page confirms before generating data). */
  acceptDialogs?: boolean;
}

export async function openBrowserSession(opts: BrowserSessionOptions = {}): Promise<BrowserSession> {
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

/**
 * A test file's whole setup in one line: opens a session before the file's tests (signed in as the
 * admin when `signInAsAdmin` is set) and closes it after them. Called at the top of a file, before
 * the session exists, it returns stand-ins: `app` is filled in and `page` forwards every call to the
 * real page once beforeAll has opened them, so helpers at the top of a file can use them as they are.
 */
export function useBrowserSession(opts: BrowserSessionOptions & { signInAsAdmin?: boolean } = {}): {
  app: RunningApp;
  page: Page;
} {
  let session: BrowserSession | undefined;
  const app = {} as RunningApp;
  const page = new Proxy({} as Page, {
    get(_, key) {
      if (!session)
        throw new Error(`page.${String(key)} used before the browser session opened (in beforeAll)`);
      const real = session.page;
      const value: unknown = Reflect.get(real, key, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
  beforeAll(async () => {
    session = await openBrowserSession(opts);
    Object.assign(app, session.app);
    if (opts.signInAsAdmin) await signInAsAdmin(session.page, session.app);
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.app.stop();
  });
  return { app, page };
}
