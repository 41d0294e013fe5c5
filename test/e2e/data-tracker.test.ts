/**
 * The resident's data tracker (谁查看了我的数据, issue 7 §2) in a real browser: a case worker opens a
 * resident's case; the resident signs in, follows the link on 我的办事 and sees that read — when, the
 * office, the role, the worker's name and the purpose (办理案件). Nothing else is listed: the resident's
 * own views are not logged. axe finds no WCAG 2.1 AA violation on the page, in normal and elder mode
 * and at 375 px (without horizontal scrolling).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleInEveryMode } from '../support/accessibility-modes.ts';
import { signIn, signOut, useBrowserSession } from '../support/browser-session.ts';
import { httpSession, jsonOf as json } from '../support/http-session.ts';

const PASSWORD = 'user-password-1';
const HOME = {
  'person.residenceDistrict': '510104',
  'person.hukouType': 'urban',
  'household.memberCount': 3,
};

const { app, page } = useBrowserSession({ timeoutMs: 20_000 });
let caseId = '';

beforeAll(async () => {
  const admin = await httpSession(app, app.adminUsername, app.adminPassword);
  for (const u of [
    { username: 'clerk', displayName: '王窗口', role: 'caseWorker', officeCode: 'O-510104' },
    { username: 'resident1', displayName: '张三', role: 'resident' },
  ])
    await json(await admin.call('POST', '/api/users', { ...u, password: PASSWORD }), 201);
  const resident = await httpSession(app, 'resident1', PASSWORD);
  caseId = (
    await json<{ case: { id: string } }>(
      await resident.call(
        'POST',
        '/api/applications',
        { serviceCode: 'S-2-01', facts: HOME },
        {
          'idempotency-key': 'e2e-tracker-0001',
        },
      ),
      201,
    )
  ).case.id;
  // The resident reading their own case is not a logged read.
  await json(await resident.call('GET', `/api/cases/${caseId}`), 200);
});

describe('the data tracker', () => {
  it('shows the resident the case worker who opened their case, with the purpose, and passes axe', async () => {
    await signIn(page, app, 'clerk', PASSWORD, '办件队列');
    await page.goto(`${app.url}/#/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `办件 ${caseId}` }).waitFor();
    await page.getByTestId('cw-state').waitFor();
    await signOut(page);

    await signIn(page, app, 'resident1', PASSWORD, '我的办事');
    await page.getByRole('link', { name: '谁查看了我的数据' }).click();
    await page.getByRole('heading', { level: 1, name: '谁查看了我的数据' }).waitFor();
    const items = page.getByTestId('da-items').locator('li');
    await expect.poll(() => items.count()).toBe(1);
    const text = (await items.first().textContent()) ?? '';
    expect(text).toContain('查看案件材料');
    expect(text).toContain('锦江区政务服务中心');
    expect(text).toContain('窗口经办人员');
    expect(text).toContain('王窗口');
    expect(text).toContain('办理案件');
    expect(text).toContain(caseId);
    expect(await page.getByRole('heading', { level: 2, name: '共 1 条记录' }).count()).toBe(1);

    await expectAccessibleInEveryMode(page, () => page.getByTestId('da-items').waitFor());
  }, 120_000);
});
