/**
 * Service-circle coverage in a real browser against the real server: an administrator generates the
 * 示例 facilities and residential points on the admin page, opens the coverage page for childcare
 * (托育机构), reads the approximation notice, the district table (shares as percentages) and the
 * map with a title per district, then switches to elderly service stations (养老服务站) and sees the
 * 5-minute circle. Then, on the same data: an accessibility run over every facility type as a
 * background job, and a siting run for elderly service stations with its proven gap and map.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { page } = useBrowserSession({ timeoutMs: 20_000, acceptDialogs: true, signInAsAdmin: true });

describe('service-circle coverage in the browser', () => {
  it('generates sample resources, reads coverage for childcare, then elderly service stations', async () => {
    await page.getByRole('link', { name: '系统管理' }).click();

    // Generate the sample facilities and residential points (after a confirmation, accepted above).
    await page.getByRole('button', { name: '生成示例设施与居民点' }).click();
    const result = page.getByTestId('synthetic-result');
    await result.waitFor({ timeout: 30_000 });
    const resultText = (await result.textContent()) ?? '';
    expect(resultText).toMatch(/已生成 [\d,]+ 个示例设施、[\d,]+ 个居民点/);
    // Skipped districts, if any, are named, not coded.
    expect(resultText).not.toMatch(/\d{6}/);

    // The coverage page, through the resources sub-navigation.
    await page.getByRole('link', { name: '资源配置' }).click();
    await page.getByRole('link', { name: '服务圈覆盖' }).click();
    await page.getByRole('heading', { level: 2, name: '服务圈覆盖' }).waitFor();
    await page.getByLabel('设施类型').selectOption('childcare');
    await page.waitForFunction(() => location.hash.includes('type=childcare'));
    await page.getByTestId('coverage-circle').filter({ hasText: '15分钟公共服务圈' }).waitFor();

    const notice = page.getByTestId('coverage-approximation');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('近似值');
    expect(await page.getByText('含示例数据（系统生成，非真实统计）').count()).toBe(1);

    const rows = page.getByTestId('coverage-districts').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(19);
    const shares = await rows.locator('td:last-child').allTextContents();
    expect(shares.every((s) => /^\d{1,3}\.\d%$/.test(s))).toBe(true);

    const titles = await page.getByTestId('coverage-map').locator('path > title').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(19);
    expect(titles.some((s) => /^锦江区：\d{1,3}\.\d%$/.test(s))).toBe(true);
    expect(await page.getByTestId('coverage-inputs').textContent()).toMatch(/sha256 [0-9a-f]{12}，/);

    // Elderly service stations: the 5-minute circle.
    await page.getByLabel('设施类型').selectOption('elderlyServiceStation');
    await page.getByTestId('coverage-circle').filter({ hasText: '5分钟养老服务圈' }).waitFor();
    await page.getByTestId('coverage-circle').filter({ hasText: '步行 5 分钟' }).waitFor();
    await page.getByTestId('coverage-approximation').waitFor();
  });

  it('runs coverage and accessibility for every facility type as a background job', async () => {
    await page.getByRole('link', { name: '全类型测算' }).click();
    await page.getByRole('heading', { level: 1, name: '全类型覆盖与可达性测算' }).waitFor();
    await page.getByTestId('no-run').waitFor();
    await page.getByRole('button', { name: '开始测算' }).click();
    const rows = page.getByTestId('runs-table').locator('tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(15);
    const childcare = rows.filter({ hasText: '托育机构' });
    const cells = await childcare.locator('td').allTextContents();
    expect(cells[0]).toBe('步行 15 分钟');
    expect(cells[2]).toMatch(/^\d{1,3}\.\d%$/);
    expect(cells[5]).toMatch(/^[0-9a-f]{12}$/);
    expect(await rows.filter({ hasText: '公园' }).locator('td').first().textContent()).toBe('500 米');
    await page.getByTestId('runs-approximation').waitFor();
    expect(await page.getByText('含示例数据（系统生成，非真实统计）').count()).toBe(1);
    // The run is kept: after a reload the latest result is shown without running again.
    await page.reload();
    await page.getByTestId('runs-table').waitFor();
    expect(await page.getByTestId('start-run').isEnabled()).toBe(true);
  });

  it('proposes sites for elderly service stations and shows them with their proven gap', async () => {
    await page.getByRole('link', { name: '选址', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '新设施选址' }).waitFor();
    await page.getByLabel('设施类型').selectOption('elderlyServiceStation');
    // A wrong count is refused in the form, naming the field.
    await page.getByLabel('新增设施数').fill('0');
    await page.getByRole('button', { name: '开始选址' }).click();
    await page.getByText('请输入 1 到 500 之间的整数。').waitFor();
    await page.getByLabel('新增设施数').fill('5');
    await page.getByLabel('候选位置').selectOption('townshipCentres');
    await page.getByRole('button', { name: '开始选址' }).click();
    const result = page.getByTestId('siting-result');
    await result.waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('siting-sites').locator('tbody tr');
    expect(await rows.count()).toBe(5);
    const gains = (await rows.locator('td:nth-child(4)').allTextContents()).map((x) =>
      Number(x.replace(/,/g, '')),
    );
    expect(gains.every((g) => g > 0)).toBe(true);
    const summary = (await page.getByTestId('siting-summary').textContent()) ?? '';
    expect(summary).toMatch(/^5 个新设施可新覆盖 [\d,]+ 人；服务对象覆盖率由 \d+\.\d% 提高到 \d+\.\d%。$/);
    const [before, after] = [...summary.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));
    expect(after!).toBeGreaterThan(before!);
    expect(await page.getByTestId('siting-exact').textContent()).toMatch(
      /^精确最优解新覆盖 [\d,]+ 人；本方案与最优解的差距为 \d+\.\d%。$/,
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sites-map"]')?.getAttribute('data-drawn-sites') === '5',
    );
  });
});

describe('siting proposals into a scenario, compared with today', () => {
  it('adds the proposed sites to a scenario and sees the gain per district and on the map', async () => {
    // Continues on the siting result of the test above (5 elderly service stations).
    await page.getByTestId('siting-result').waitFor();
    await page.getByRole('button', { name: '加入情景' }).click();
    const status = page.getByTestId('scenario-accept').getByRole('status');
    await status.waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toMatch(/^已加入情景“养老服务站选址方案（5 处）”/);
    await page.getByRole('link', { name: '查看与现状的比较' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/resources/scenarios?id='));

    const changes = page.getByTestId('scenario-changes').locator('tbody tr');
    await changes.first().waitFor();
    expect(await changes.count()).toBe(5);
    expect(await changes.first().locator('td').first().textContent()).toBe('新增设施');

    const table = page.getByTestId('compare-districts');
    await table.waitFor({ timeout: 60_000 });
    const words = await table.getByTestId('covered-change').allTextContents();
    const gains = words.filter((w) => /^增加 \+[\d,]+$/.test(w));
    expect(gains.length).toBeGreaterThan(0);
    expect(words.some((w) => w.startsWith('减少'))).toBe(false);
    const summary = (await page.getByTestId('compare-summary').textContent()) ?? '';
    const gained = Number(/新增覆盖 ([\d,]+) 人/.exec(summary)?.[1]?.replace(/,/g, '') ?? '0');
    expect(gained).toBeGreaterThan(0);
    expect(summary).toContain('失去覆盖 0 人');
    // The district gains add up to the people newly covered.
    const sum = gains.reduce((s, w) => s + Number(w.replace(/[^\d]/g, '')), 0);
    expect(Math.abs(sum - gained)).toBeLessThanOrEqual(gains.length);

    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="scenario-map"]')?.getAttribute('data-drawn-points')) > 0,
    );
    expect(await page.getByTestId('compare-legend').textContent()).toMatch(
      /新进入服务圈（增益）：[\d,]+ 个居民点/,
    );
    expect(await page.getByRole('link', { name: '情景比较' }).getAttribute('aria-current')).toBe('page');

    // Edit the scenario: take the first site out; the list says 4 changes and the revision goes up.
    await changes.first().getByRole('button', { name: '删除此变更' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="scenario-changes"] tbody tr').length === 4,
    );
    const listed = page.getByTestId('scenario-list').locator('tbody tr').first().locator('td');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="scenario-list"] tbody tr td:nth-child(3)')?.textContent === '2',
    );
    expect(await listed.nth(1).textContent()).toBe('4');
  });
});
