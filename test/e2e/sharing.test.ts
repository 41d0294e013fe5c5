/**
 * Data sharing in a real browser: the admin issues a token on #/admin/sharing and sees its secret
 * once; another system (here: fetch) reads with it; the admin revokes it in the browser, and the
 * next call is refused with 401; the call log shows both calls.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { app, page } = useBrowserSession({ timeoutMs: 15_000, signInAsAdmin: true, acceptDialogs: true });

const share = (secret: string) =>
  fetch(`${app.url}/api/share/v1/facilities`, { headers: { authorization: `Bearer ${secret}` } });

describe('data-sharing tokens in the browser', () => {
  it('issues a token, shows the secret once, and revokes it', async () => {
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('link', { name: '管理数据共享令牌（一网通享）' }).click();
    await page.getByRole('heading', { level: 1, name: '数据共享令牌（一网通享）' }).waitFor();

    await page.getByLabel('令牌名称').fill('stats-bureau');
    await page.getByLabel('使用系统').fill('市统计局数据平台');
    await page.getByRole('checkbox', { name: /facilities:read/ }).check();
    await page.getByRole('button', { name: '签发令牌' }).click();

    const secretBox = page.getByTestId('sharing-secret-value');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^fuwu_share_\d+_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId('sharing-row-stats-bureau');
    expect(await row.getByTestId('sharing-status').textContent()).toBe('有效');

    const ok = await share(secret);
    expect(ok.status).toBe(200);
    expect(Array.isArray(((await ok.json()) as { rows: unknown[] }).rows)).toBe(true);

    // Shown once: after a reload the page (and the list it loads) no longer holds it.
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await row.textContent()).toContain('1（拒绝 0）');

    await row.getByRole('button', { name: '吊销 stats-bureau' }).click();
    await page.getByText('令牌 stats-bureau 已吊销。').waitFor();
    // The list reloads after the message: wait for the row's new status rather than read it at once.
    const status = row.getByTestId('sharing-status');
    await status.filter({ hasText: /^已吊销$/ }).waitFor();
    expect(await status.textContent()).toBe('已吊销');

    const refused = await share(secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('unauthenticated');

    await row.getByRole('button', { name: 'stats-bureau 的调用记录' }).click();
    const calls = page.getByTestId('sharing-calls');
    await calls.waitFor();
    const statuses = await calls.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(statuses).toEqual(['401', '200']);
  });
});
