/**
 * Proactive work lists in a real browser against the real server, as an officer would work them:
 * run a batch over a small synthetic population and watch it finish, read the counts, filter the
 * list by district and kind, open a person's reasons (a purpose is asked first), tell them they may be
 * entitled and turn the entry into a case (each once, however often pressed), download the list.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/browser.ts';
import type { RunningApp } from '../support/start-app.ts';
import { openBrowserSession, signInAsAdmin } from '../support/browser-session.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openBrowserSession({ timeoutMs: 30_000 }));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('proactive work lists in the browser', () => {
  it('runs a batch, filters the work list, opens a person’s reasons and downloads the list', async () => {
    await signInAsAdmin(page, app);
    await page.getByLabel('密码').waitFor({ state: 'detached' });
    await page.goto(`${app.url}/#/entitlements/worklists`);
    await page.getByRole('heading', { level: 1, name: '服务找人工作清单' }).waitFor();
    expect(await page.locator('.sample-banner').textContent()).toContain('示例');
    // The snapshot list loads after the heading: wait for its empty state, then check it is the only one.
    await page.getByText('尚无快照，请先运行批量匹配。').waitFor();
    expect(await page.getByText('尚无快照，请先运行批量匹配。').count()).toBe(1);

    // Run a batch over 3,000 people on a fixed date.
    const form = page.getByRole('form', { name: '运行批量匹配' });
    await form.getByLabel('测算日期').fill('2025-06-30');
    await form.getByLabel('人口规模（人）').fill('3000');
    await form.getByRole('button', { name: '开始匹配' }).click();
    await expect
      .poll(async () => page.getByLabel('快照').locator('option').first().textContent(), { timeout: 60_000 })
      .toContain('#1：2025-06-30，3,000 人');

    // The counts: every service with its department; the list: everyone to reach or re-check.
    const counts = page.getByTestId('wl-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('最低生活保障');
    const total = async () =>
      Number((await page.getByTestId('wl-total').textContent())?.replace(/[^\d]/g, ''));
    await page.getByTestId('wl-items').waitFor();
    const all = await total();
    expect(all).toBeGreaterThan(0);

    // Filter: 锦江区, entitled but not served.
    await page.getByLabel('区（市）县', { exact: true }).selectOption({ label: '锦江区' });
    await page.getByLabel('类别', { exact: true }).selectOption({ label: '应享未享' });
    await expect.poll(total).toBeLessThan(all);
    // The per-service counts follow the district.
    expect(await page.locator('#wl-counts').textContent()).toContain('锦江区');
    const rows = page.getByTestId('wl-items').locator('tbody tr');
    await rows.first().waitFor();
    // Both filters apply one after the other: wait until the list shows only their rows.
    await expect
      .poll(async () =>
        (await rows.allTextContents()).every((text) => text.includes('锦江区') && text.includes('应享未享')),
      )
      .toBe(true);

    // A person's reasons: a purpose first, then the facts and the trace per service.
    const first = rows.first().getByRole('button');
    const personId = (await first.textContent()) ?? '';
    expect(personId).toMatch(/^SYN-\d{7}$/);
    await first.click();
    const panel = page.getByTestId('wl-person');
    await panel.getByLabel(/^查看用途/).fill('主动服务走访');
    await panel.getByRole('button', { name: '查看测算依据' }).click();
    await panel.getByRole('heading', { name: '登记信息（示例）' }).waitFor();
    const service = panel.locator('details').filter({ hasText: '：符合条件，未享' }).first();
    await service.locator('summary').click();
    expect(await service.locator('.trace-tree').textContent()).toMatch(/满足/);

    // Reach out (issue 6): tell the person, then again — nothing is sent twice.
    const actions = service.locator('xpath=..').getByRole('group', { name: /^主动服务：/ });
    const status = actions.getByRole('status');
    await actions.getByRole('button', { name: '发送告知' }).click();
    await expect.poll(async () => status.textContent()).toBe('已发送告知');
    await actions.getByRole('button', { name: '发送告知' }).click();
    await expect.poll(async () => status.textContent()).toBe('已发送：此前已告知，不重复发送');
    // Turn the entry into a case at the person's district office (锦江区), then again: the same case.
    await actions.getByRole('button', { name: '转为办件' }).click();
    await expect
      .poll(async () => status.textContent())
      .toMatch(/^已转为办件 C-\d{8}-[0-9a-f]{8}，由 O-510104 办理$/);
    const caseId = /C-\d{8}-[0-9a-f]{8}/.exec((await status.textContent()) ?? '')?.[0];
    await actions.getByRole('button', { name: '转为办件' }).click();
    await expect.poll(async () => status.textContent()).toBe(`已有办件 ${caseId}（O-510104），未重复创建`);

    // Download the filtered list: a purpose first (personal data leaving the system is audited).
    await page.getByLabel('导出用途（必填，记入审计日志）').fill('年度入户核查');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载当前清单（.xlsx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 180_000);
});
