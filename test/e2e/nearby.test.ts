/**
 * Nearby services in the browser, without an account, on the sample data (synthetic facilities and
 * residential points, no walking network; the sample points are assigned townships, not communities,
 * so the places found are townships): a resident searches a place by name with the keyboard, picks
 * it, and sees the facilities in reach by type with walking minutes — the same as the API says — the
 * straight-line approximation stated, the types with nothing in reach listed, a map click moving the
 * point; WCAG 2.1 AA by axe, also in elder mode and at 375 px.
 */
import { describe, expect, it } from 'vitest';
import type { NearbyServicesView } from '../../src/domain/resources/nearby-view.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { useBrowserSession } from '../support/browser-session.ts';

const { app, page } = useBrowserSession({
  app: { env: { FUWU_SAMPLE_DATA: '1' }, timeoutMs: 150_000 },
  timeoutMs: 30_000,
});

interface Place {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${app.url}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A place with facilities of at least two types within 15 minutes (sample data varies by place). */
async function placeWithServices(): Promise<{ place: Place; view: NearbyServicesView }> {
  for (const q of ['社区', '村', '街道']) {
    const { places } = await getJson<{ places: Place[] }>(`/api/nearby/places?q=${encodeURIComponent(q)}`);
    for (const place of places) {
      const view = await getJson<NearbyServicesView>(`/api/nearby?lon=${place.lon}&lat=${place.lat}`);
      if (view.counts.typesInReach >= 2) return { place, view };
    }
  }
  throw new Error('no sample place has two facility types within 15 minutes');
}

async function noSidewaysScroll(): Promise<void> {
  const w = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(w.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(w.client);
}

describe('nearby services in the browser', () => {
  it('finds a place by name and lists the services in reach by type with minutes', async () => {
    const { place, view } = await placeWithServices();
    await page.goto(`${app.url}/#/nearby`);
    await page.getByRole('heading', { level: 1, name: '附近的公共服务' }).waitFor();
    await expectNoAxeViolations(page);

    // The keyboard path: type the name, Enter, then Enter on the place found.
    const search = page.getByLabel('搜索社区或街道名称');
    await search.fill(place.name);
    await search.press('Enter');
    const choice = page.locator(`button.nearby-place[data-code="${place.code}"]`);
    await choice.focus();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 2, name: `起点：${place.name}` }).waitFor();
    // No walking network in a fresh install: the approximation is stated, with its detour factor.
    await expect.poll(() => page.getByTestId('nearby-method').textContent()).toContain('绕行系数 1.3');

    for (const group of view.groups.filter((g) => !g.noneInReach)) {
      const section = page.locator(`section.nearby-type[data-type="${group.type}"]`);
      await expect
        .poll(() => section.getByRole('heading', { level: 3 }).textContent())
        .toContain(group.label.zh);
      const shown = await section.locator('ol.nearby-facilities > li').evaluateAll((items) =>
        items.map((li) => ({
          name: li.querySelector('.nearby-name')?.textContent ?? '',
          minutes: Number(li.getAttribute('data-minutes')),
          text: li.textContent ?? '',
        })),
      );
      expect(shown.map((s) => [s.name, s.minutes])).toEqual(group.facilities.map((f) => [f.name, f.minutes]));
      // Nearest first, minutes written out, generated data marked 示例.
      const minutes = shown.map((s) => s.minutes);
      expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      expect(shown[0]?.text).toContain(`步行约 ${shown[0]?.minutes} 分钟`);
      expect(shown[0]?.text).toContain('示例');
    }
    const none = await page
      .locator('section.nearby-none li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-type')));
    expect(none).toEqual(view.groups.filter((g) => g.noneInReach).map((g) => g.type));

    // The map repeats the list.
    await expect
      .poll(() => page.getByTestId('nearby-map').getAttribute('data-drawn-facilities'))
      .toBe(String(view.groups.reduce((s, g) => s + g.facilities.length, 0)));
    await expectNoAxeViolations(page);

    // A shorter walk asks again.
    await page.getByLabel('步行时间').selectOption('5');
    await expect.poll(() => page.locator('.nearby-summary').textContent()).toContain('步行 5 分钟内');

    // A click on the map moves the point.
    const box = await page.getByTestId('nearby-map').boundingBox();
    if (!box) throw new Error('the map has no box');
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
    await page.getByRole('heading', { level: 2, name: /起点：地图上的点/ }).waitFor();
  });

  it('works in elder mode at 375 px and says clearly when a search finds nothing', async () => {
    await page.getByRole('button', { name: '长者模式' }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('elder')))
      .toBe(true);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByLabel('搜索社区或街道名称').fill('不存在的地名');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByText('没有找到名称包含“不存在的地名”的社区或街道。').waitFor();
    await expectNoAxeViolations(page);
    await noSidewaysScroll();
    await page.getByRole('button', { name: '长者模式' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
