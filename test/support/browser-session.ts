/**
 * What every browser test starts with: the web UI built as it is now (not a stale dist/web), the
 * real server in a child process, Debian Chromium with one page; and the steps every role's tests
 * share: signing in (as the admin or anyone), signing out, and a resident signing up.
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

/**
 * Sign in on the start page (in Chinese, the default language); with `landing`, wait for the page
 * the account lands on (its level-1 heading), so the next step does not act on the sign-in page.
 */
export async function signIn(
  page: Page,
  app: RunningApp,
  username: string,
  password: string,
  landing?: string,
): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (landing) await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}

/** Sign in on the start page as the admin the server was started with. */
export async function signInAsAdmin(page: Page, app: RunningApp): Promise<void> {
  await signIn(page, app, app.adminUsername, app.adminPassword);
}

/** Sign out with the header's button and wait for the sign-in page, as on a shared counter computer. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

export interface ResidentSignUp {
  username: string;
  displayName: string;
  password: string;
}

/**
 * Fill the resident sign-up form of #/register (already open). `repeat` goes in the second
 * password field: the password unless a test checks that the two must agree.
 */
export async function fillSignUpForm(
  page: Page,
  resident: ResidentSignUp,
  repeat = resident.password,
): Promise<void> {
  await page.getByLabel(/^用户名/).fill(resident.username);
  await page.getByLabel(/^称呼/).fill(resident.displayName);
  await page.getByLabel(/^密码/).fill(resident.password);
  await page.getByLabel(/^再次输入密码/).fill(repeat);
}

/**
 * Sign a resident up on #/register and wait for 我的办事, where a new resident lands. With
 * `samplePerson: false` the box that links a sample person's records (示例) is unticked, so the
 * resident states their facts themselves.
 */
export async function signUpResident(
  page: Page,
  app: RunningApp,
  resident: ResidentSignUp,
  opts: { samplePerson: boolean },
): Promise<void> {
  await page.goto(`${app.url}/#/register`);
  await fillSignUpForm(page, resident);
  const sample = page.getByLabel('使用一位示例居民的登记信息（示例）');
  if (opts.samplePerson) await sample.check();
  else await sample.uncheck();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.getByRole('heading', { level: 1, name: '我的办事' }).waitFor();
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
