/**
 * The service catalog in a real browser, as an admin would keep it: open it from the navigation,
 * narrow it to 老有所养 and search 高龄, open 高龄津贴 and read its rule and provenance (the
 * assumption marked), try a rule with a mistake and see the field and reason, then add a rule
 * version from a future date and see it on the timeline as not yet in force, with the rule in force
 * today unchanged and the previous version now ending the day before.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session.ts';

const { page } = useBrowserSession({ timeoutMs: 15_000, signInAsAdmin: true });

/** Far enough ahead that the test does not depend on today's date. */
const FUTURE = '2090-01-01';

describe('service catalog in the browser', () => {
  it('browses by area and name, reads a service, and adds a future rule version', async () => {
    await page.getByRole('link', { name: '公共服务清单', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '基本公共服务清单' }).waitFor();
    // All nine areas are listed before filtering.
    await page.getByRole('heading', { level: 2, name: '弱有所扶' }).waitFor();
    expect(await page.locator('section.catalog-area').count()).toBe(9);

    // By the national standard's category: only that category's services remain.
    await page.getByLabel('服务类别').selectOption({ label: '13. 养老助老服务' });
    await page.waitForFunction(() => document.querySelectorAll('section.catalog-area').length === 1);
    const codes = await page.locator('section.catalog-area tbody tr td:first-child').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('S-5-'))).toBe(true);
    expect(await page.locator('.catalog-category h3').allTextContents()).toEqual(['13. 养老助老服务']);
    await page.getByLabel('服务类别').selectOption({ label: '全部类别' });
    await page.waitForFunction(() => document.querySelectorAll('section.catalog-area').length === 9);

    await page.getByLabel('领域').selectOption({ label: '老有所养' });
    await page.waitForFunction(() => document.querySelectorAll('section.catalog-area').length === 1);
    await page.getByLabel('按名称搜索').fill('高龄');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('section.catalog-area tbody tr').length === 1);
    await page.getByRole('link', { name: '高龄津贴', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: /高龄津贴/ }).waitFor();
    const rule = page.locator('section', { has: page.getByRole('heading', { name: /现行资格规则/ }) });
    expect(await rule.textContent()).toContain('年龄（周岁）不低于 80');
    // Provenance: the plan's words, and the assumption marked as one.
    expect(await page.locator('.provenance-assumption .tag').first().textContent()).toContain('假设');
    const timeline = page.locator('ol.rule-timeline');
    expect(await timeline.locator(':scope > li').count()).toBeGreaterThanOrEqual(2);
    expect(await timeline.locator(':scope > li[aria-current="true"]').count()).toBe(1);
    const inForceBefore = await timeline.locator(':scope > li[aria-current="true"]').textContent();

    // A rule with a mistake: refused, the field and the reason named, nothing added.
    const versionsBefore = await timeline.locator(':scope > li').count();
    const ruleForm = page.getByRole('form', { name: '新增规则版本' });
    await ruleForm.getByLabel('生效日期').fill(FUTURE);
    await ruleForm.getByLabel('政策依据').fill('示例：起始年龄调整为75周岁');
    await ruleForm.getByLabel('修改原因').fill('示例政策调整');
    await page
      .getByLabel('规则（YAML 或 JSON）')
      .fill('all:\n  - { fact: person.ageYear, op: ge, value: 75 }\n');
    await page.getByRole('button', { name: '保存规则版本' }).click();
    const error = ruleForm.locator('[role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('eligibility.all[0].fact');
    expect(await ruleForm.textContent()).not.toContain('已保存');
    expect(await timeline.locator(':scope > li').count()).toBe(versionsBefore);

    // Corrected: saved, and on the timeline as not yet in force.
    await page
      .getByLabel('规则（YAML 或 JSON）')
      .fill(
        'all:\n  - { fact: person.ageYears, op: ge, value: 75, label: 年满75周岁 }\n  - { fact: person.hukouPlace, op: eq, value: chengdu }\n',
      );
    await page.getByRole('button', { name: '保存规则版本' }).click();
    await ruleForm.getByText('已保存，原内容已留存为修订记录。').waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('ol.rule-timeline > li').length === n + 1,
      versionsBefore,
    );
    const added = timeline.locator(':scope > li').last();
    expect(await added.textContent()).toContain(`${FUTURE} 起`);
    expect(await added.textContent()).toContain('待生效');
    expect(await added.getAttribute('aria-current')).toBeNull();
    expect(
      await timeline
        .locator(':scope > li')
        .nth(versionsBefore - 1)
        .textContent(),
    ).toContain('至 2089-12-31');
    expect(await timeline.locator(':scope > li[aria-current="true"]').textContent()).toBe(inForceBefore);
    await added.getByText('查看规则内容').click();
    expect(await added.textContent()).toContain('年满75周岁');
    // The history names who changed it and why.
    expect(await page.locator('ol.history').textContent()).toContain('示例政策调整');

    // The description is reworded in place; the previous wording stays in the history.
    const content = page.getByLabel('服务内容');
    const before = await content.inputValue();
    await content.fill(`${before}（示例：可按季度发放）`);
    await page.getByRole('form', { name: '修改服务说明' }).getByLabel('修改原因').fill('示例措辞调整');
    await page.getByRole('button', { name: '保存服务说明' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('dl.catalog-fields')?.textContent?.includes('（示例：可按季度发放）') ?? false,
    );
    expect(await page.locator('ol.history').textContent()).toContain('示例措辞调整');
  });
});
