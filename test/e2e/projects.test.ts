/**
 * Major projects in a real browser against the real server, as a planner would follow one: open the
 * projects page from the navigation and see the timeline; give 金牛区中医医院 (P05-21) a milestone
 * already past and see it flagged overdue in words on the project and in the timeline; report
 * progress; complete it with its location and 800 beds, and see the hospital in the facility
 * registry and the beds-per-1,000 figure of 金牛区 move in the 2025 projection table.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { page } = useBrowserSession({ timeoutMs: 15_000, signInAsAdmin: true });

const JINNIU = '510106';
const CODE = 'P05-21';

async function openProjects(): Promise<void> {
  await page.getByRole('link', { name: '重大项目', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '重大项目' }).waitFor();
  await page.getByTestId('timeline-health').waitFor();
}

const projectedBeds = async (what: 'current' | 'projected') => {
  const cell = page.getByTestId('projection-table').getByTestId(`projection-${what}-${JINNIU}`);
  await cell.waitFor();
  return Number((await cell.textContent())?.replace(/,/g, ''));
};

describe('major projects in the browser', () => {
  it('shows the timeline, flags an overdue milestone, takes a report and completes a project into the registry', async () => {
    await openProjects();

    // The timeline: health projects with their schedule in words.
    const row = page.getByTestId(`project-row-${CODE}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('金牛区中医医院');
    expect(await row.textContent()).toContain('2021-01-01 至 2025-12-31');
    expect(await page.locator('.proj-today').count()).toBeGreaterThan(0);

    // The projection of beds per 1,000 for 金牛区 before: no hospital registered, no project with beds.
    await page.getByTestId('projection-table').waitFor();
    const before = await projectedBeds('current');

    // Open the project and move its planned end far ahead (the test must not depend on today's date):
    // then nothing is overdue.
    await row.getByRole('link', { name: /金牛区中医医院/ }).click();
    await page.getByRole('heading', { level: 1, name: /金牛区中医医院/ }).waitFor();
    const edit = page.getByRole('form', { name: '修改项目' });
    await edit.getByLabel(/^计划完成/).fill('2099-12-31');
    await edit.getByRole('button', { name: '保存项目' }).click();
    await page.locator('#project-edit-reason-error').waitFor();
    await edit.getByLabel(/^修改原因/).fill('工期调整');
    await edit.getByRole('button', { name: '保存项目' }).click();
    await expect.poll(async () => page.getByTestId('project-history').textContent()).toContain('工期调整');
    expect(await page.getByTestId('project-status').textContent()).toContain('无逾期');

    // A milestone already past is overdue, said in words.
    const milestone = page.getByRole('form', { name: '添加里程碑' });
    await milestone.getByLabel(/^里程碑名称/).fill('主体结构封顶');
    await milestone.getByLabel(/^计划日期/).fill('2022-03-01');
    await milestone.getByRole('button', { name: '添加里程碑' }).click();
    const milestones = page.getByTestId('milestone-table');
    await milestones.waitFor();
    await expect.poll(async () => milestones.textContent()).toContain('逾期');
    expect(await page.getByTestId('project-status').textContent()).toContain('1 个里程碑逾期');
    expect(await page.getByTestId('project-status').textContent()).not.toContain('已过计划完成日期');

    // Back in the timeline the project is flagged, in words.
    await openProjects();
    const flag = page.getByTestId(`overdue-${CODE}`);
    await flag.waitFor();
    expect(await flag.textContent()).toContain('逾期');
    await page.getByTestId(`project-row-${CODE}`).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /金牛区中医医院/ }).waitFor();

    // Report progress: the project is underway at 60%.
    const report = page.getByRole('form', { name: '填报进度' });
    await report.getByLabel(/^完成进度/).fill('60');
    await report.getByLabel(/^进展说明/).fill('门诊楼主体施工');
    await report.getByRole('button', { name: '填报进度' }).click();
    await page.getByTestId('report-table').waitFor();
    expect(await page.getByTestId('report-table').textContent()).toContain('门诊楼主体施工');
    await expect.poll(async () => page.getByTestId('project-status').textContent()).toContain('在建 · 60%');

    // Complete it: refused without a location, then registered with 800 beds.
    const complete = page.getByRole('form', { name: '竣工并登记设施' });
    await complete.getByRole('button', { name: '竣工并登记设施' }).click();
    await page.locator('#complete-lon-error').waitFor();
    await complete.getByLabel(/^经度/).fill('104.05');
    await complete.getByLabel(/^纬度/).fill('30.70');
    await complete.getByLabel(/^实际规模：床位/).fill('800');
    await complete.getByRole('button', { name: '竣工并登记设施' }).click();
    const facilities = page.getByTestId('project-facilities');
    await facilities.waitFor();
    expect(await facilities.textContent()).toContain('金牛区中医医院（医院，金牛区）');
    expect(await page.getByTestId('project-status').textContent()).toContain('已完成');
    expect(await page.getByTestId('project-status').textContent()).toContain('无逾期');

    // The registry holds the hospital, with the project as its source …
    await facilities.getByRole('link').click();
    const registryRow = page
      .getByTestId('facility-table')
      .locator('tbody tr')
      .filter({ hasText: '金牛区中医医院' });
    await registryRow.waitFor();
    expect(await registryRow.textContent()).toContain('床位 800');

    // … and 金牛区's beds per 1,000 moved by 800 beds.
    await openProjects();
    await expect.poll(() => projectedBeds('current')).toBeGreaterThan(before);
    // P05-15, the other hospital project in 金牛区, prints no beds: it now counts at the median of the
    // registry's hospitals (the one just registered, 800 beds), marked 估计, so the projection doubles.
    const jinniu = page.getByTestId('projection-table').getByTestId(`projection-H13-${JINNIU}`);
    expect(await jinniu.textContent()).toContain('P05-15（估计）');
    expect(await jinniu.textContent()).not.toContain(CODE);
    expect(await projectedBeds('projected')).toBeCloseTo(2 * (await projectedBeds('current')), 1);
  });

  it('places a project: a location in another district is refused, a click on the map fills the inputs, the saved one is kept and used at completion', async () => {
    const code = 'P05-15';
    await openProjects();
    await page.getByTestId(`project-row-${code}`).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /第六人民医院金牛院区/ }).waitFor();
    expect(await page.getByTestId('project-location').textContent()).toContain('未定位');

    const edit = page.getByRole('form', { name: '修改项目' });
    const lon = edit.getByLabel(/^经度/);
    const lat = edit.getByLabel(/^纬度/);
    // 104.20, 30.56 lies in 龙泉驿区 (510112), not in 金牛区.
    await lon.fill('104.20');
    await lat.fill('30.56');
    await edit.getByLabel(/^修改原因/).fill('定位');
    await edit.getByRole('button', { name: '保存项目' }).click();
    const location = edit.locator('fieldset.proj-location');
    await expect.poll(async () => location.textContent()).toContain('不在项目所在区县 510106');

    // A click on the map sets both inputs to the point clicked, and the map draws it.
    await edit.getByRole('button', { name: '在地图上选点' }).click();
    const map = page.getByTestId('project-location-map');
    await map.locator('svg path').first().waitFor();
    await map.click({ position: { x: 60, y: 60 } });
    await expect.poll(async () => lon.inputValue()).not.toBe('104.20');
    const [x, y] = [Number(await lon.inputValue()), Number(await lat.inputValue())];
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    expect(await map.getAttribute('data-marker')).toBe(`${x},${y}`);

    // Typed coordinates inside 金牛区 are saved, shown, and kept in the history.
    await lon.fill('104.04');
    await lat.fill('30.71');
    await edit.getByRole('button', { name: '保存项目' }).click();
    await expect
      .poll(async () => page.getByTestId('project-location').textContent())
      .toContain('经度 104.04，纬度 30.71');
    expect(await page.getByTestId('project-history').textContent()).toContain('定位');

    // Completion starts from the project's location.
    const complete = page.getByRole('form', { name: '竣工并登记设施' });
    expect(await complete.getByLabel(/^经度/).inputValue()).toBe('104.04');
    expect(await complete.getByLabel(/^纬度/).inputValue()).toBe('30.71');
  });
});
