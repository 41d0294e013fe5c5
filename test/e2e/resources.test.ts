/**
 * Resources in a real browser against the real server, as an administrator would use them: read
 * the gap table for 锦江区 (no childcare places registered in a fresh platform, so the norm of
 * 6.5 places per 1,000 residents is short), add a childcare centre with 400 places through the
 * form and see the table count them, import a broken facility file and read the problems by row,
 * and download the gap table as an Excel workbook.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { page } = useBrowserSession({ timeoutMs: 15_000, signInAsAdmin: true });

const JINJIANG = '510104';
const NORM = 'N-childcare-places-per-thousand';
const cell = (what: string) => page.getByTestId(`gap-${what}-${JINJIANG}-${NORM}`);
const figure = async (what: string) => Number((await cell(what).textContent())?.replace(/,/g, ''));

async function showGapsForJinjiang(): Promise<void> {
  await page.getByRole('link', { name: '配置缺口' }).click();
  await page.getByLabel('区（市）县').selectOption(JINJIANG);
  await page.waitForFunction((d) => location.hash.includes(`district=${d}`), JINJIANG);
  await page.getByTestId(`gap-row-${JINJIANG}-${NORM}`).waitFor();
}

describe('resources in the browser', () => {
  it('reads the gap table, adds a facility, imports a broken file, downloads the workbook', async () => {
    await page.getByRole('link', { name: '资源配置' }).click();
    await page.getByRole('heading', { level: 1, name: '资源配置' }).waitFor();

    // 锦江区 has no childcare places yet: short of the norm, said in words.
    await showGapsForJinjiang();
    expect(await page.getByTestId('gap-table').locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await figure('supply')).toBe(0);
    expect(await figure('gap')).toBeGreaterThan(0);
    expect(await cell('met').textContent()).toBe('不足');
    expect(await page.getByText('含示例数据（系统生成，非真实统计）').count()).toBe(0);

    // Add a childcare centre: first without a source (refused next to the field), then with one.
    await page.getByRole('link', { name: '设施登记' }).click();
    const form = page.getByRole('form', { name: '新增设施' });
    await form.waitFor();
    await form.getByLabel(/^名称/).fill('锦江区示范托育中心');
    await form.getByLabel(/^设施类型/).selectOption('childcare');
    await form.getByLabel(/^经度/).fill('104.08');
    await form.getByLabel(/^纬度/).fill('30.65');
    await form.getByLabel(/^区（市）县/).selectOption(JINJIANG);
    await form.getByLabel(/^学位\/托位/).fill('400');
    await form.getByRole('button', { name: '保存设施' }).click();
    await page.locator('#facility-source-error').waitFor();
    expect(await form.getByLabel(/^来源/).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/^来源/).fill('e2e');
    await form.getByRole('button', { name: '保存设施' }).click();
    await form.getByRole('status').filter({ hasText: '已保存设施“锦江区示范托育中心”' }).waitFor();
    const row = page
      .getByTestId('facility-table')
      .locator('tbody tr')
      .filter({ hasText: '锦江区示范托育中心' });
    await row.waitFor();
    expect(await row.textContent()).toContain('学位/托位 400');
    expect(await row.textContent()).toContain('托育机构');

    // The gap table now counts the 400 places.
    await showGapsForJinjiang();
    await expect.poll(() => figure('supply')).toBe(400);

    // A broken facility file: every problem with its row, nothing imported.
    await page.getByRole('link', { name: '设施登记' }).click();
    const importForm = page.getByRole('form', { name: '导入设施' });
    await importForm.getByLabel(/选择文件/).setInputFiles({
      name: 'broken-facilities.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,type,lon,lat,district_code,places,source\n' +
          '好托育,childcare,104.08,30.65,510104,50,e2e\n' +
          '坏类型,nonsense,104.08,30.65,510104,50,e2e\n' +
          '坏坐标,childcare,abc,30.65,510104,50,e2e\n',
        'utf8',
      ),
    });
    await importForm.getByLabel(/^坐标系/).selectOption('wgs84');
    await importForm.getByRole('button', { name: '导入' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const problemRows = await problems.locator('tbody tr').allTextContents();
    expect(problemRows.some((r) => r.startsWith('3') && r.includes('type'))).toBe(true);
    expect(problemRows.some((r) => r.startsWith('4') && r.includes('lon'))).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: '未导入任何数据' }).count()).toBe(1);
    expect(await page.getByTestId('facility-table').locator('tbody tr').count()).toBe(1);

    // The gap table as an Excel workbook, for the selected district.
    await showGapsForJinjiang();
    const link = page.getByRole('link', { name: '下载缺口表（Excel）' });
    expect(await link.getAttribute('href')).toBe(`/api/gaps.xlsx?district=${JINJIANG}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
