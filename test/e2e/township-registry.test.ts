/**
 * Coverage by township, accessibility by district and indicators from the registry in a real
 * browser against the real server with the 示例 data: the township table (synthetic assignment said
 * first, filtered by district, sorted by uncovered people), the 2SFCA / E2SFCA switch, and the panel
 * 由设施登记计算 on the indicator page for beds per 1,000 (H13).
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { app, page } = useBrowserSession({ timeoutMs: 20_000, acceptDialogs: true, signInAsAdmin: true });

const number = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

describe('townships, accessibility and registry indicators in the browser', () => {
  it('shows coverage by township, accessibility by district, and beds per 1,000 from the registry', async () => {
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('button', { name: '生成示例设施与居民点' }).click();
    await page.getByTestId('synthetic-result').waitFor({ timeout: 30_000 });

    await page.goto(`${app.url}/#/resources/coverage?type=childcare`);
    const township = page.getByTestId('township-coverage');
    await township.waitFor();
    expect(await page.getByTestId('township-coverage-note').textContent()).toContain('示例指派');
    const rows = page.getByTestId('township-coverage-table').locator('tbody tr');
    expect(await rows.count()).toBe(30);
    const uncovered = (await rows.locator('td:last-child').allTextContents()).map(number);
    expect([...uncovered].sort((a, b) => b - a)).toEqual(uncovered);
    await page.getByLabel('区（市）县', { exact: true }).last().selectOption('510104');
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe('锦江区');
    expect(new Set(await rows.locator('td:first-of-type').allTextContents())).toEqual(new Set(['锦江区']));

    const access = page.getByTestId('accessibility-table');
    await access.waitFor();
    expect(await access.locator('tbody tr').count()).toBe(19);
    expect(await page.getByTestId('accessibility-approximation').textContent()).toContain('近似值');
    await page.getByLabel('2SFCA（不衰减）').check();
    await expect.poll(() => page.getByTestId('accessibility-table').locator('tbody tr').count()).toBe(19);

    await page.goto(`${app.url}/#/indicators/H13`);
    const panel = page.getByTestId('registry-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('由设施登记计算');
    expect(await page.getByTestId('registry-formula').textContent()).toContain('常住人口 × 1,000');
    expect(await panel.getByText('计算所用设施含系统生成的示例设施').count()).toBe(1);
    expect(number(await page.getByTestId('registry-value').textContent())).toBeGreaterThan(0);
  });
});
