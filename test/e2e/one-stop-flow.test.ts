/**
 * The whole one-stop path in one browser, each person through their own pages (issue 6 §5): a
 * resident signs up and applies; a case worker of the office the case was routed to accepts it and
 * asks for a supplement; the resident sees the request, answers it with a file; the case worker
 * approves; the resident sees the decision and every step on the timeline. Between people the page
 * signs out and the next one signs in, as on a shared counter computer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, signOut, signUpResident, useBrowserSession } from '../support/browser-session.ts';
import { httpSession, jsonOf } from '../support/http-session.ts';

const { app, page } = useBrowserSession({ timeoutMs: 30_000 });

const SERVICE = 'S-5-01'; // 高龄津贴 (80+), applied for at the residence district's office
const RESIDENT = { username: 'wang.wu', displayName: '王五', password: 'a-long-resident-password-2' };
const WORKER = { username: 'clerk.jinjiang', password: 'a-long-case-worker-password-2' };
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

let caseId = '';

beforeAll(async () => {
  // The case worker at 锦江区's 政务服务中心, made by the admin as staff accounts are.
  const admin = await httpSession(app, app.adminUsername, app.adminPassword);
  await jsonOf(
    await admin.call('POST', '/api/users', {
      ...WORKER,
      displayName: '赵窗口',
      role: 'caseWorker',
      officeCode: 'O-510104',
    }),
    201,
  );
});

describe('one-stop service from application to decision', () => {
  it('a resident signs up and applies; the case goes to the office of the district of residence', async () => {
    // No sample person: this resident states their facts themselves.
    await signUpResident(page, app, RESIDENT, { samplePerson: false });

    await page.goto(`${app.url}/#/portal/apply/${SERVICE}`);
    await page.getByLabel(/^出生日期/).fill('1940-03-15');
    await page.getByLabel(/^户籍所在地/).selectOption('chengdu');
    await page.getByLabel(/^常住区（市）县/).selectOption('510104');
    await expect
      .poll(() => page.getByTestId('pt-likely-outcome').textContent())
      .toContain('您很可能符合条件');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { level: 1, name: '办件进度' }).waitFor();
    await expect.poll(() => page.getByTestId('pt-case-state').textContent()).toBe('已提交');
    caseId = decodeURIComponent(page.url().split('/portal/cases/')[1]?.split('?')[0] ?? '');
    expect(caseId).toMatch(/^C-\d{8}-/);
    await signOut(page);
  });

  it('the case worker accepts it and asks for a supplement, with the reason', async () => {
    await signIn(page, app, WORKER.username, WORKER.password, '办件队列');
    await page.getByRole('link', { name: caseId, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `办件 ${caseId}` }).waitFor();
    const actions = page.getByTestId('cw-actions');
    await actions.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => page.getByTestId('cw-state').textContent()).toBe('已受理');
    await actions.getByRole('button', { name: '要求补正', exact: true }).click();
    await page.getByRole('textbox', { name: /^理由/ }).fill('请上传户口簿首页');
    await page.getByTestId('cw-action-submit').click();
    await expect.poll(() => page.getByTestId('cw-state').textContent()).toBe('待补正');
    await signOut(page);
  });

  it('the resident sees the request and answers it with a file', async () => {
    await signIn(page, app, RESIDENT.username, RESIDENT.password);
    const item = page.locator(`[data-case="${caseId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('需要您补正材料');
    await item.getByRole('link').click();
    await page.getByText('请上传户口簿首页').first().waitFor();
    await page
      .getByLabel('补正文件（可多选）')
      .setInputFiles({ name: '户口簿首页.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel(/^补充说明/).fill('户口簿首页已上传');
    await page.getByRole('button', { name: '提交补正' }).click();
    await expect.poll(() => page.getByTestId('pt-case-state').textContent()).toBe('已受理');
    await signOut(page);
  });

  it('the case worker sees the file and approves', async () => {
    await signIn(page, app, WORKER.username, WORKER.password, '办件队列');
    await page.goto(`${app.url}/#/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('cw-state').textContent()).toBe('已受理');
    expect(await page.getByTestId('cw-attachments').textContent()).toContain('户口簿首页.png');
    const history = page.getByTestId('cw-history');
    expect(await history.textContent()).toContain('户口簿首页已上传');
    await page.getByTestId('cw-actions').getByRole('button', { name: '批准', exact: true }).click();
    await expect.poll(() => page.getByTestId('cw-state').textContent()).toBe('已批准');
    await signOut(page);
  });

  it('the resident sees the decision and every step', async () => {
    await signIn(page, app, RESIDENT.username, RESIDENT.password);
    await page.locator(`[data-case="${caseId}"]`).getByRole('link').click();
    const decision = page.getByTestId('pt-decision');
    await decision.waitFor();
    expect(await decision.textContent()).toContain('已批准');
    expect(await page.getByTestId('pt-case-state').textContent()).toBe('已批准');
    // Submitted, accepted, supplement requested, answered, approved: five steps, in order.
    const steps = page.getByTestId('pt-timeline').locator('li');
    expect(await steps.count()).toBe(5);
    expect(await steps.last().textContent()).toContain('已批准');
    // The decision also reached the resident as a message.
    await page.goto(`${app.url}/#/portal`);
    await expect.poll(() => page.getByTestId('pt-notices').textContent()).toContain('批准');
  });
});
