/**
 * The walking network import in a real browser, as an administrator does it: the resources page
 * says there is no network yet; a broken .osm.pbf fails with the reason in Chinese and changes
 * nothing; the fixture .osm.pbf is imported with a progress bar and its statistics shown.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signInAsAdmin, useBrowserSession } from '../support/browser-session.ts';

const { app, page } = useBrowserSession({ timeoutMs: 15_000 });

describe('network import in the browser', () => {
  it('imports an .osm.pbf extract with progress and shows the network', async () => {
    const pbf = await readFile(fileURLToPath(new URL('../fixtures/osm/small-grid.osm.pbf', import.meta.url)));
    await signInAsAdmin(page, app);
    await page.getByRole('link', { name: '资源配置' }).click();
    await page.getByRole('heading', { level: 2, name: '步行路网' }).waitFor();
    await page.getByTestId('network-none').waitFor();

    const form = page.getByRole('form', { name: '导入步行路网' });
    // Without a file: said next to the field.
    await form.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('#network-import-file-error').waitFor();

    // A truncated file: the job fails with the reason, and there is still no network.
    await form.getByLabel('选择文件').setInputFiles({
      name: 'cut.osm.pbf',
      mimeType: 'application/octet-stream',
      buffer: pbf.subarray(0, pbf.length - 20),
    });
    await form.getByRole('button', { name: '上传并导入' }).click();
    const failed = page.getByTestId('job-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('截断');
    expect(await page.getByTestId('network-none').count()).toBe(1);

    await form.getByLabel('选择文件').setInputFiles({
      name: 'small-grid.osm.pbf',
      mimeType: 'application/octet-stream',
      buffer: pbf,
    });
    await form.getByRole('button', { name: '上传并导入' }).click();
    const done = page.getByTestId('network-imported');
    await done.waitFor();
    expect(await done.textContent()).toBe('导入完成：18 个节点、20 条路段。');
    const stats = page.getByTestId('network-stats');
    await stats.waitFor();
    const text = (await stats.textContent()) ?? '';
    expect(text).toContain('small-grid.osm.pbf');
    expect(text).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('network-none').count()).toBe(0);
  });
});
