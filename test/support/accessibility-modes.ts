/**
 * axe in every way a resident may view a page: as it is, in elder mode (长者模式), and at 375 px
 * wide (a phone) in elder and in normal mode, where the page must not scroll sideways. Leaves the
 * page in normal mode at 1280 × 900, as the browser tests start.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';

const isElder = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('elder'));

/** `ready` waits for what the page must show (it is awaited again after each change of mode or width). */
export async function expectAccessibleInEveryMode(page: Page, ready: () => Promise<unknown>): Promise<void> {
  await ready();
  await expectNoAxeViolations(page);
  const elder = page.getByRole('button', { name: '长者模式' });
  await elder.click();
  await expect.poll(() => isElder(page)).toBe(true);
  await ready();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await ready();
  await expectNoAxeViolations(page);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, 'no horizontal scrolling at 375 px in elder mode').toBeLessThanOrEqual(widths.client);
  await elder.click();
  await expect.poll(() => isElder(page)).toBe(false);
  await expectNoAxeViolations(page);
  const normal = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(normal, 'no horizontal scrolling at 375 px').toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });
}
