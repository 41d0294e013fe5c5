/**
 * The resident portal in a real browser (issue 6 §1, §4): a resident signs up with a sample person
 * (示例) and lands on 我的办事; the apply form shows the held facts prefilled, a correction visibly,
 * and the likely outcome; a double click on submit makes one case (checked through the API); a PDF
 * is uploaded with it; the case is listed on the home page; another case is withdrawn. axe-core finds
 * no WCAG 2.1 AA violation on the portal home, apply form, case page and sign-up, in normal and elder
 * mode and at 375 px width (without horizontal scrolling).
 */
import { describe, expect, it } from 'vitest';
import { expectAccessibleInEveryMode } from '../support/accessibility-modes.ts';
import { fillSignUpForm, useBrowserSession } from '../support/browser-session.ts';
import type { HttpSession } from '../support/http-session.ts';
import { httpSession } from '../support/http-session.ts';
import type { RunningApp } from '../support/start-app.ts';

const { app, page } = useBrowserSession({ timeoutMs: 30_000 });

const SERVICE = 'S-5-01'; // 高龄津贴: reads the birth date and the hukou; needs 身份证, 户口簿, 银行账户
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A route's JSON over the test's own session; any status but 2xx fails the test with the body. */
async function call<T>(who: HttpSession, method: string, path: string, body?: unknown): Promise<T> {
  const res = await who.call(method, path, body);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The admin, over HTTP from the test: a matching snapshot lets a sign-up link a sample person. */
async function adminCall(a: RunningApp, method: string, path: string, body?: unknown): Promise<unknown> {
  return call(await httpSession(a, a.adminUsername, a.adminPassword), method, path, body);
}

async function runMatching(a: RunningApp): Promise<void> {
  const job = (await adminCall(a, 'POST', '/api/entitlements/matching/runs', { size: 2000 })) as {
    id: string;
  };
  await expect
    .poll(async () => ((await adminCall(a, 'GET', `/api/jobs/${job.id}`)) as { status: string }).status, {
      timeout: 60_000,
      interval: 250,
    })
    .toBe('succeeded');
}

/** The signed-in resident's cases, read in the page (the browser holds the session cookie). */
async function myCases(): Promise<
  Array<{ id: string; state: string; serviceCode: string; officeCode: string }>
> {
  return page.evaluate(async () => {
    const res = await fetch('/api/my/cases', { headers: { accept: 'application/json' } });
    return (await res.json()) as Array<{
      id: string;
      state: string;
      serviceCode: string;
      officeCode: string;
    }>;
  });
}

describe('the resident portal', () => {
  it('signs a resident up with a sample person and opens 我的办事', async () => {
    await runMatching(app);
    await page.goto(`${app.url}/#/register`);
    const heading = page.getByRole('heading', { level: 1, name: '居民注册' });
    await expectAccessibleInEveryMode(page, () => heading.waitFor());

    // The passwords must agree: said beside the field, nothing sent.
    await fillSignUpForm(
      page,
      { username: 'zhang.san', displayName: '张三', password: 'a-long-resident-password-1' },
      'something else',
    );
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel(/^再次输入密码/).fill('a-long-resident-password-1');
    expect(await page.getByLabel('使用一位示例居民的登记信息（示例）').isChecked()).toBe(true);
    await page.getByRole('button', { name: '注册并登录' }).click();

    await page.getByRole('heading', { level: 1, name: '我的办事' }).waitFor();
    const held = page.getByTestId('pt-held-facts');
    await held.waitFor();
    expect(await held.textContent()).toContain('示例');
    expect(await held.textContent()).toContain('出生日期');
    await page.getByText('您还没有提交过申请。').waitFor();
  });

  it('applies with held facts prefilled, a correction shown, the likely outcome, one case for a double click and a PDF', async () => {
    await page.goto(`${app.url}/#/portal/apply/${SERVICE}`);
    const birth = page.getByLabel(/^出生日期/);
    await birth.waitFor();
    // Held facts are prefilled and said to be so.
    expect(await birth.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const birthField = page.locator('[data-fact="person.birthDate"]');
    expect(await birthField.getAttribute('data-provenance')).toBe('held');
    expect(await birthField.textContent()).toContain('已由政府部门提供');
    expect(await page.locator('[data-fact="person.residenceDistrict"] select').inputValue()).not.toBe('');

    // A correction is visible, with the recorded value beside it.
    await birth.fill('1940-05-01');
    await expect.poll(() => birthField.getAttribute('data-provenance')).toBe('corrected');
    expect(await birthField.textContent()).toContain('您已更正');
    await page.getByLabel(/^户籍所在地/).selectOption('chengdu');
    const outcome = page.getByTestId('pt-likely-outcome');
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('您很可能符合条件');

    // A file of the wrong type is refused in the browser before anything is sent.
    const idCard = page.getByLabel(/^身份证/);
    await idCard.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByText('只能上传 JPG、PNG 或 PDF 文件').waitFor();
    await idCard.setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByText('只能上传 JPG、PNG 或 PDF 文件').count()).toBe(0);

    await expectAccessibleInEveryMode(page, () => birth.waitFor());

    await page.getByRole('button', { name: '提交申请' }).dblclick();
    await page.getByRole('heading', { level: 1, name: '办件进度' }).waitFor();
    await page.getByTestId('pt-case-state').waitFor();
    expect(await page.getByTestId('pt-case-state').textContent()).toBe('已提交');
    expect(await page.getByTestId('pt-case-message').textContent()).toContain('申请已提交');
    const files = page.getByTestId('pt-files');
    await files.waitFor();
    expect(await files.textContent()).toContain('身份证.pdf');
    expect(await page.getByTestId('pt-timeline').locator('li').count()).toBe(1);

    const cases = await myCases();
    expect(cases.filter((c) => c.serviceCode === SERVICE)).toHaveLength(1);

    await expectAccessibleInEveryMode(page, () => page.getByTestId('pt-timeline').waitFor());
  });

  it('lists the case on 我的办事 and withdraws another after confirming', async () => {
    // A second application, the held facts as they are.
    await page.goto(`${app.url}/#/portal/apply/${SERVICE}`);
    await page.getByLabel(/^出生日期/).waitFor();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('pt-case-state').waitFor();
    const second = (await myCases()).find((c) => c.state === 'submitted' && page.url().includes(c.id));
    expect(second).toBeDefined();

    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByText('确定要撤回这件申请吗？').waitFor();
    await page.getByRole('button', { name: '确定撤回' }).click();
    await expect.poll(() => page.getByTestId('pt-case-state').textContent()).toBe('已撤回');
    expect(await page.getByTestId('pt-case-message').textContent()).toContain('申请已撤回');
    expect(await page.getByTestId('pt-decision').textContent()).toContain('已撤回');
    expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(0);

    await page.goto(`${app.url}/#/portal`);
    const list = page.getByTestId('pt-my-cases');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(2);
    expect(await list.textContent()).toContain('高龄津贴');
    expect(await list.textContent()).toContain('已撤回');
    expect(await list.textContent()).toContain('已提交');
    const states = (await myCases()).map((c) => c.state).sort();
    expect(states).toEqual(['submitted', 'withdrawn']);

    await expectAccessibleInEveryMode(page, () => list.waitFor());
  });

  it('answers a supplement request with a file and a note; a stale action is refused and the case reloaded', async () => {
    const open = (await myCases()).find((c) => c.state === 'submitted');
    expect(open).toBeDefined();
    const caseId = open!.id;
    // A case worker of the case's office accepts it and asks for a supplement.
    await adminCall(app, 'POST', '/api/users', {
      username: 'window.li',
      displayName: '李窗口',
      password: 'a-long-case-worker-password-1',
      role: 'caseWorker',
      officeCode: open!.officeCode,
    });
    const worker = await httpSession(app, 'window.li', 'a-long-case-worker-password-1');
    const revision = async () =>
      (await call<{ revision: number }>(worker, 'GET', `/api/cases/${caseId}`)).revision;
    await call(worker, 'POST', `/api/cases/${caseId}/actions/accept`, {
      expectedRevision: await revision(),
    });
    await call(worker, 'POST', `/api/cases/${caseId}/actions/requestSupplement`, {
      expectedRevision: await revision(),
      reason: '请补充户口簿首页',
    });

    // Home (loaded afresh: the page is on it already): the case says the resident must act.
    await page.goto(`${app.url}/#/portal`);
    await page.reload();
    const item = page.locator(`[data-case="${caseId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('需要您补正材料');
    await item.getByRole('link').click();
    await page.getByText('请补充户口簿首页').first().waitFor();
    expect(await page.getByTestId('pt-case-state').textContent()).toBe('待补正');
    expect(await page.locator('.pt-case-head').textContent()).toContain('办理时限暂停');
    await expectAccessibleInEveryMode(page, () => page.getByRole('button', { name: '提交补正' }).waitFor());

    await page
      .getByLabel('补正文件（可多选）')
      .setInputFiles({ name: '户口簿首页.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel(/^补充说明/).fill('已补充户口簿首页');
    await page.getByRole('button', { name: '提交补正' }).click();
    await expect.poll(() => page.getByTestId('pt-case-state').textContent()).toBe('已受理');
    expect(await page.getByTestId('pt-case-message').textContent()).toContain('补正已提交');
    expect(await page.getByTestId('pt-files').textContent()).toContain('户口簿首页.png');
    const timeline = page.getByTestId('pt-timeline');
    expect(await timeline.locator('li').count()).toBe(4);
    expect(await timeline.textContent()).toContain('已补充户口簿首页');
    expect(await timeline.textContent()).toContain('窗口工作人员');
    expect(await timeline.textContent()).not.toContain('window.li');

    // The case worker acts meanwhile: the resident's withdrawal names a stale revision (409).
    await call(worker, 'POST', `/api/cases/${caseId}/actions/requestSupplement`, {
      expectedRevision: await revision(),
      reason: '请补充银行账户信息',
    });
    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByRole('button', { name: '确定撤回' }).click();
    const message = page.getByTestId('pt-case-message');
    await expect.poll(() => message.textContent()).toContain('办件刚刚有了变化，已重新载入');
    expect(await message.getAttribute('role')).toBe('alert');
    await expect.poll(() => page.getByTestId('pt-case-state').textContent()).toBe('待补正');
    await page.getByText('请补充银行账户信息').first().waitFor();
  });

  it('shows a notice from a work list unread first and marks it read', async () => {
    // Link the resident to a person on a 应享未享 work list, and tell that person.
    const list = (await adminCall(
      app,
      'GET',
      '/api/entitlements/matching/snapshots/1/items?kind=gap&limit=1',
    )) as {
      items: Array<{ personIndex: number; personId: string; serviceCode: string; serviceName: string }>;
    };
    const entry = list.items[0]!;
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/session', { headers: { accept: 'application/json' } });
      return ((await res.json()) as { user: { id: number } }).user.id;
    });
    await adminCall(app, 'PUT', `/api/admin/residents/${me}/person`, { personId: entry.personId });
    await adminCall(app, 'POST', '/api/entitlements/matching/snapshots/1/worklist/notices', {
      serviceCode: entry.serviceCode,
      personIndex: entry.personIndex,
    });

    await page.goto(`${app.url}/#/portal`);
    await page.reload();
    const notices = page.getByTestId('pt-notices');
    await notices.waitFor();
    // Two notices came with the supplement requests of the earlier test, and this one.
    await page.getByText('未读消息 3 条').waitFor();
    const mine = notices.locator('li').filter({ hasText: entry.serviceName });
    expect(await mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('未读');
    expect(await mine.textContent()).toContain('您可能符合');
    expect(await page.getByTestId('pt-held-facts').textContent()).toContain(entry.personId);
    await expectAccessibleInEveryMode(page, () => notices.waitFor());

    await mine.getByRole('button', { name: /^标为已读/ }).click();
    await page.getByText('未读消息 2 条').waitFor();
    expect(await mine.getByRole('button', { name: /^标为已读/ }).count()).toBe(0);
    // Read notices go after the unread ones.
    expect(await notices.locator('li').last().textContent()).toContain(entry.serviceName);
  });
});
