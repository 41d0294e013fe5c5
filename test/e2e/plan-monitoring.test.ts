/**
 * Plan monitoring in a real browser against the real server, as a planner would use it: sign in,
 * read the board, open an indicator, enter a figure and see its status change, import a broken
 * file and read the problems, switch to English and elder mode, download the review documents (and
 * the Word report once more, rendered in the background as a job).
 *
 * The figure entered is derived from src/domain/plan/evaluate.ts: H03 (licensed physicians per
 * 1,000, baseline 4.26 in 2020, target 4.5 in 2025, higher is better, expected nature). For 2023
 * the linear path expects 4.26 + (4.5 − 4.26) × 3/5 = 4.404; a value of 4.45 is below the target
 * (not achieved) and its progress ratio (4.45 − 4.26) / (4.404 − 4.26) ≈ 1.32 ≥ 0.95: on track.
 * Every view names its year (2023 or the mid-term review), so nothing depends on today's date.
 *
 * The second test continues in the same browser (signed in as admin, in English): it creates a
 * viewer through the admin page, disables it (the viewer cannot sign in), enables it again and
 * resets its password, and checks, signed in as that viewer, what a read-only account sees; the
 * viewer then changes their own password on the account page and signs in with the new one.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { app, page } = useBrowserSession({ timeoutMs: 15_000 });

const rows = () => page.locator('[data-testid^="board-row-"]');
const statusOf = (code: string) => page.getByTestId(`status-${code}`).textContent();

async function showBoardFor(year: number): Promise<void> {
  await page.getByRole('link', { name: /^(指标看板|Indicator board)$/ }).click();
  await page.getByLabel(/^(年份|Year)$/).selectOption(String(year));
  await page.waitForFunction((y) => location.hash.includes(`year=${y}`), year);
  await rows().first().waitFor();
}

describe('plan monitoring in the browser', () => {
  it('signs in, reads the board, enters a figure, imports, switches language and mode, downloads reviews', async () => {
    // Sign in: a wrong password gets the API's message, the right one the board.
    await page.goto(`${app.url}/`);
    await page.getByLabel('用户名').fill(app.adminUsername);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/密码/);
    await page.getByLabel('密码').fill(app.adminPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: '指标看板' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // The skip link is the first stop of the keyboard and moves focus to the main content.
    await page.goto(`${app.url}/#/`);
    await page.getByRole('heading', { level: 1, name: '指标看板' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The board opens on the 30 headline indicators of column 1, with the plan's own text.
    await showBoardFor(2023);
    expect(await rows().count()).toBe(30);
    expect(await page.getByTestId('baseline-H01').textContent()).toBe('4.8');
    expect(await page.getByTestId('target-H01').textContent()).toBe('5左右');
    expect(await page.getByTestId('baseline-H06').textContent()).toBe('2.7');
    expect(await page.getByTestId('target-H06').textContent()).toBe('6.5-8');
    expect(await page.getByTestId('target-H12').textContent()).toBe('动态清零');
    expect(await statusOf('H03')).toBe('暂无数据');
    // Nothing generated is loaded in a fresh platform, so no sample-data banner.
    expect(await page.getByText('含示例数据（系统生成，非真实统计）').count()).toBe(0);

    // The indicator page: definition, status, chart with a text alternative, the district map.
    await page.getByTestId('board-row-H03').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /H03/ }).waitFor();
    expect(await page.getByTestId('indicator-status').textContent()).toBe('暂无数据');
    await page.getByRole('img', { name: /目标路径与实际值/ }).waitFor();
    await page.getByText('每千人口拥有执业（助理）医师数（人）', { exact: false }).first().waitFor();
    await page.locator('svg.map-svg a').first().waitFor();
    expect(await page.locator('svg.map-svg a').count()).toBe(20);
    expect(await page.locator('svg.map-svg a title').first().textContent()).toMatch(/^\S+区：暂无数据$/);

    // Enter a figure: first a wrong one, whose error appears next to its field, then the right one.
    await page.getByRole('link', { name: '数据录入与导入' }).click();
    await page.getByRole('heading', { level: 1, name: '数据录入与导入' }).waitFor();
    await page.getByLabel(/^指标/).selectOption('H03');
    await page.getByLabel(/^区域/).selectOption('510100');
    await page.getByLabel(/^年份/).selectOption('2023');
    await page.getByLabel(/^数值/).fill('四点四五');
    await page.getByLabel(/^数据来源/).fill('2023年成都市卫生健康事业发展统计公报');
    await page.getByRole('button', { name: '保存数据' }).click();
    await page.locator('#entry-value-error').waitFor();
    expect(await page.locator('#entry-value-error').textContent()).toMatch(/数/);
    expect(await page.getByLabel(/^数值/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^数值/).fill('4.45');
    await page.getByRole('button', { name: '保存数据' }).click();
    const saved = page.getByRole('status').filter({ hasText: '已保存' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('H03');
    expect(await saved.getByRole('link', { name: '查看该指标' }).getAttribute('href')).toContain(
      '/indicators/H03',
    );

    // A broken file: every problem listed with its row, and nothing imported.
    await page.getByLabel(/选择文件/).setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'indicator_code,area_code,year,value,source,note\n' +
          'H02,510100,2023,11.8,统计公报,\n' +
          'H01,510100,2023,abc,统计公报,\n' +
          'ZZZ,510100,2023,4,统计公报,\n',
        'utf8',
      ),
    });
    await page.getByRole('button', { name: '导入' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const problemRows = await problems.locator('tbody tr').allTextContents();
    expect(problemRows.some((r) => r.startsWith('3') && r.includes('value'))).toBe(true);
    expect(problemRows.some((r) => r.startsWith('4') && r.includes('indicator_code'))).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: '未导入任何数据' }).count()).toBe(1);

    // Back on the board, H03 has moved from no data to on track; H02 (only in the rejected file) has not.
    await showBoardFor(2023);
    await expect.poll(() => statusOf('H03')).toBe('进度正常');
    expect(await statusOf('H02')).toBe('暂无数据');
    expect(await page.getByTestId('board-row-H03').textContent()).toContain('4.45');

    // English: labels switch and <html lang> follows.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicator board' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await statusOf('H03')).toBe('On track');
    expect(await statusOf('H02')).toBe('No data');
    await page.getByRole('columnheader', { name: 'Baseline (2020)' }).first().waitFor();

    // Elder mode: larger base font on <html>, kept with the language across a reload.
    const elder = page.getByRole('button', { name: 'Elder mode' });
    expect(await elder.getAttribute('aria-pressed')).toBe('false');
    await elder.click();
    expect(await elder.getAttribute('aria-pressed')).toBe('true');
    const fontPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(await fontPx()).toBeGreaterThanOrEqual(20);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Indicator board' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    expect(await fontPx()).toBeGreaterThanOrEqual(20);

    // Reviews: the mid-term review (2023) counts H03 on track; both documents download as ZIP files.
    await page.getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('radio', { name: /Mid-term review/ }).check();
    await page.getByRole('heading', { name: /Mid-term review: 2023/ }).waitFor();
    expect(await page.getByTestId('count-review-headline-onTrack').textContent()).toBe('On track 1');
    for (const [name, ext] of [
      [/Word report/, 'docx'],
      [/Excel workbook/, 'xlsx'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }

    // The same Word report rendered in the background: queued, followed, then downloaded from the job.
    await page.getByRole('button', { name: 'Generate the Word report in background' }).click();
    const ready = page.getByTestId('review-background-download');
    await ready.waitFor({ timeout: 60_000 });
    expect(await ready.textContent()).toContain('成都市2023年中期评估.docx');
    const [background] = await Promise.all([page.waitForEvent('download'), ready.click()]);
    expect(background.suggestedFilename()).toMatch(/\.docx$/);
    const docx = await readFile(await background.path());
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true); // a Word package, not any ZIP
  });

  it('creates a viewer as admin, and the viewer can read but not write', async () => {
    await page.goto(`${app.url}/#/admin`);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Users and roles' }).waitFor();
    expect(await page.getByTestId('user-row-admin').textContent()).toContain('Administrator');

    // The scope field follows the role: a sector for a department officer, a district for a district officer.
    const form = page.getByRole('form', { name: 'Create a user' });
    const sector = form.getByLabel(/^Sector/);
    const district = form.getByLabel(/^District/);
    await form.getByLabel(/^Role/).selectOption('departmentOfficer');
    await sector.waitFor();
    expect(await district.count()).toBe(0);
    await form.getByLabel(/^Role/).selectOption('districtOfficer');
    await district.waitFor();
    expect(await sector.count()).toBe(0);
    expect(await district.locator('option').count()).toBe(21); // the 20 districts and "choose"
    // A case worker belongs to an office: one government service centre per district or zone.
    const office = form.getByLabel(/^Office/);
    await form.getByLabel(/^Role/).selectOption('caseWorker');
    await office.waitFor();
    expect(await district.count()).toBe(0);
    expect(await office.locator('option').allTextContents()).toContain(
      'Jinjiang District Government Service Centre',
    );
    await form.getByLabel(/^Role/).selectOption('viewer');
    expect(await sector.count()).toBe(0);
    expect(await district.count()).toBe(0);
    expect(await office.count()).toBe(0);

    // A too-short password: the API's problem appears next to the password field.
    await form.getByLabel(/^Username/).fill('viewer1');
    await form.getByLabel(/^Display name/).fill('Viewer One');
    await form.getByLabel(/^Password/).fill('short');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.locator('#user-password-error').waitFor();
    expect(await page.locator('#user-password-error').textContent()).toMatch(/at least 10 characters/);
    expect(await form.getByLabel(/^Password/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('user-row-viewer1').count()).toBe(0);

    await form.getByLabel(/^Password/).fill('viewer-password-1');
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.getByRole('status').filter({ hasText: 'User viewer1 created (Viewer).' }).waitFor();
    expect(await page.locator('#user-password-error').count()).toBe(0);
    const row = page.getByTestId('user-row-viewer1');
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual([
      'Viewer One',
      'Viewer',
      'Read only',
      'Active',
    ]);
    // No disabling or resetting yourself here: the admin's own row points to the account page.
    expect(await page.getByTestId('user-row-admin').getByRole('button').count()).toBe(0);

    // Wait for the sign-in page first: the admin page has Username and Password fields too.
    const signInAs = async (username: string, password: string) => {
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    const signInRefused = async () => {
      const refused = page.getByRole('alert').filter({ hasText: 'wrong username or password' });
      await refused.waitFor();
      expect(await page.getByRole('heading', { level: 1, name: 'Sign in' }).count()).toBe(1);
    };

    // Disable the viewer, confirming with the keyboard: the confirmation takes the focus.
    await row.getByRole('button', { name: 'Disable viewer1' }).click();
    const disableForm = page.getByRole('form', { name: 'Disable viewer1?' });
    await disableForm.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Disable');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'User viewer1 disabled.' }).waitFor();
    await expect.poll(() => page.getByTestId('user-status-viewer1').textContent()).toBe('Disabled');
    expect(await disableForm.count()).toBe(0);

    // A disabled viewer cannot sign in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('viewer1', 'viewer-password-1');
    await signInRefused();

    // The admin enables the account again (still on #/admin).
    await signInAs(app.adminUsername, app.adminPassword);
    await row.getByRole('button', { name: 'Enable viewer1' }).click();
    await page
      .getByRole('form', { name: 'Enable viewer1?' })
      .getByRole('button', { name: 'Enable', exact: true })
      .click();
    await page.getByRole('status').filter({ hasText: 'User viewer1 enabled.' }).waitFor();
    await expect.poll(() => page.getByTestId('user-status-viewer1').textContent()).toBe('Active');

    // Reset the viewer's password: a too-short one is refused next to the field, then a good one.
    await row.getByRole('button', { name: 'Reset password viewer1' }).click();
    const resetForm = page.getByRole('form', { name: 'Reset the password of viewer1' });
    const resetPassword = resetForm.getByLabel(/^New password/);
    await resetPassword.fill('short');
    await resetForm.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => resetPassword.getAttribute('aria-invalid')).toBe('true');
    expect(await resetForm.locator('.field-errors').textContent()).toMatch(/at least 10 characters/);
    await resetPassword.fill('viewer-reset-password');
    await resetForm.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password of viewer1 reset.' }).waitFor();

    // Sign out, sign in as the viewer: still on #/admin, which now refuses, and no link to it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('viewer1', 'viewer-reset-password');
    await page.getByRole('alert').filter({ hasText: 'This page is for administrators only.' }).waitFor();
    expect(await page.locator('.site-header .user').textContent()).toContain('Viewer One');
    expect(await page.getByRole('heading', { name: 'Users and roles' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Reviews' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);

    // The entry page says the account is read-only and shows no forms (observations-page.tsx, canWriteAny).
    await nav.getByRole('link', { name: 'Enter and import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enter and import figures' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your account is read-only: it cannot enter or import figures.' })
      .waitFor();
    // A read-only account gets no entry or import form (the API refuses its writes too: test/api).
    expect(await page.getByRole('button', { name: 'Save figure' }).count()).toBe(0);
    expect(await page.getByLabel(/^Value/).count()).toBe(0);

    // The viewer changes their own password on the account page, linked from the header.
    await page.locator('.site-header').getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    const account = page.getByRole('form', { name: 'Change your password' });
    const current = account.getByLabel(/^Current password/);
    const repeat = account.getByLabel(/^Repeat the new password/);
    await current.fill('viewer-reset-password');
    await account.getByLabel(/^New password/).fill('viewer-password-2');
    await repeat.fill('viewer-password-3');
    await account.getByRole('button', { name: 'Change password' }).click();
    // The two new ones differ: said next to the repeat field, before anything is sent.
    await page.locator('#account-repeat-password-error').waitFor();
    expect(await page.locator('#account-repeat-password-error').textContent()).toBe(
      'The two new passwords are not the same.',
    );
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    // A wrong current password: the API's problem appears next to that field.
    await current.fill('not-my-password');
    await repeat.fill('viewer-password-2');
    await account.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#account-current-password-error').waitFor();
    expect(await page.locator('#account-current-password-error').textContent()).toMatch(
      /current password is wrong/,
    );
    expect(await page.locator('#account-repeat-password-error').count()).toBe(0);
    await current.fill('viewer-reset-password');
    await account.getByRole('button', { name: 'Change password' }).click();
    await account.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
    expect(await current.inputValue()).toBe('');

    // The old password no longer works; the new one does.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('viewer1', 'viewer-reset-password');
    await signInRefused();
    await signInAs('viewer1', 'viewer-password-2');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(await page.locator('.site-header .user').textContent()).toContain('Viewer One');
  });
});
