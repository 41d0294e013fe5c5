/**
 * The service-circle map in a real browser against the real server started with the 示例 data: from
 * the coverage page to the map, choose kindergartens, and check what Leaflet drew against the API (every
 * residential point and facility drawn, the canvas really painted, the legend's counts per class of
 * walking time recomputed here from the API's seconds); choose a facility and see its catchment; shade
 * the districts by a norm's gap and check each district's class against GET /api/gaps; click the map
 * and read the isochrone's residents and method, the same as GET /api/isochrone for that point; then
 * the same from the keyboard with the map centre.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/browser.ts';
import type { RunningApp } from '../support/start-app.ts';
import { openBrowserSession, signInAsAdmin } from '../support/browser-session.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

interface PointsAnswer {
  points: { lon: number[]; seconds: Array<number | null>; population: number[]; facility: number[] };
  facilities: Array<{ id: number; name: string; population: number; servedPopulation: number }>;
  method: string;
}

interface GapsAnswer {
  rows: Array<{
    districtCode: string;
    normCode: string;
    computable: boolean;
    required: number | null;
    gap: number | null;
  }>;
}

/** GET a JSON resource with the browser's session. */
async function getJson<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${p}: HTTP ${response.status}`);
    return response.json();
  }, path) as Promise<T>;
}

beforeAll(async () => {
  ({ app, browser, page } = await openBrowserSession({
    app: { env: { FUWU_SAMPLE_DATA: '1' }, timeoutMs: 150_000 },
    timeoutMs: 30_000,
  }));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the service-circle map in the browser', () => {
  it('draws every point and facility, a catchment, the norm-gap layer and an isochrone', async () => {
    await signInAsAdmin(page, app);
    await page.getByRole('link', { name: '资源配置' }).click();
    await page.getByRole('link', { name: '服务圈覆盖' }).click();
    await page.getByTestId('coverage-map-link').click();
    await page.getByRole('heading', { level: 2, name: '服务圈地图' }).waitFor();

    // Choose kindergartens: the map redraws for them.
    await page.getByLabel('设施类型').selectOption('kindergarten');
    await page.waitForFunction(() => location.hash.includes('type=kindergarten'));
    const map = page.getByTestId('coverage-leaflet');
    await page.locator('[data-testid="coverage-leaflet"][data-type="kindergarten"]').waitFor();
    expect(await map.getAttribute('aria-label')).toBe('服务圈地图：幼儿园');

    const api = await getJson<PointsAnswer>('/api/coverage/points?type=kindergarten');
    const n = api.points.lon.length;
    expect(n).toBeGreaterThan(10_000);
    expect(api.facilities.length).toBeGreaterThan(10);
    expect(Number(await map.getAttribute('data-drawn-points'))).toBe(n);
    expect(Number(await map.getAttribute('data-drawn-facilities'))).toBe(api.facilities.length);

    // The points canvas is really painted: many non-transparent pixels.
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector('.leaflet-points-pane canvas') as HTMLCanvasElement | null;
      if (!canvas) return -1;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) count++;
      return count;
    });
    expect(painted).toBeGreaterThan(5_000);

    // The legend: points and people per class of walking time, recomputed here from the API's seconds.
    const bounds = [5, 10, 15, 30];
    const expected = Array.from({ length: 6 }, () => ({ points: 0, population: 0 }));
    api.points.seconds.forEach((s, i) => {
      const k = s === null ? -1 : bounds.findIndex((b) => s / 60 <= b);
      const cls = s === null ? 5 : k === -1 ? 4 : k;
      const e = expected[cls] as { points: number; population: number };
      e.points += 1;
      e.population += api.points.population[i] as number;
    });
    const legend = page.getByTestId('map-legend').locator('li');
    expect(await legend.count()).toBe(6);
    for (let c = 0; c < 6; c++) {
      const li = legend.nth(c);
      expect(Number(await li.getAttribute('data-points'))).toBe(expected[c]?.points);
      expect(Number(await li.getAttribute('data-population'))).toBe(expected[c]?.population);
    }
    expect(expected.reduce((s, c) => s + c.points, 0)).toBe(n);
    expect(await legend.first().textContent()).toMatch(/^≤ 5 分钟：[\d,]+ 个点，[\d,]+ 人$/);
    expect(await page.getByTestId('map-summary').textContent()).toContain(
      `地图显示 ${n.toLocaleString('en-US')} 个居民点`,
    );
    expect(await page.getByTestId('map-approximation').textContent()).toContain('近似值');
    expect(await page.getByText('含示例数据（系统生成，非真实统计）').count()).toBe(1);

    // A facility's catchment: the one serving the most people, chosen from the list.
    let best = 0;
    api.facilities.forEach((f, j) => {
      if (f.population > (api.facilities[best] as { population: number }).population) best = j;
    });
    const bestFacility = api.facilities[best] as {
      name: string;
      population: number;
      servedPopulation: number;
    };
    expect(bestFacility.population).toBeGreaterThan(0);
    await page.locator('#map-facility').selectOption(String(best));
    const panel = page.getByTestId('map-facility-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(
      `${bestFacility.name}：服务 ${bestFacility.population.toLocaleString('en-US')} 人`,
    );
    // Kindergartens serve children of 3–5.
    expect(await panel.textContent()).toContain(
      `其中服务对象（3–5 岁）${bestFacility.servedPopulation.toLocaleString('en-US')} 人`,
    );
    const inCatchment = api.points.facility.filter((f) => f === best).length;
    expect(inCatchment).toBeGreaterThan(0);
    await page
      .locator(`[data-testid="coverage-leaflet"][data-highlighted-points="${inCatchment}"]`)
      .waitFor();

    // Colour by facility: the legend says what the colours mean.
    await page.getByRole('radio', { name: '所属设施' }).check();
    await page.getByTestId('map-legend-facility').waitFor();
    await page.getByRole('radio', { name: '步行时间' }).check();
    await page.getByTestId('map-legend').waitFor();

    // The norm-gap choropleth: every district's class as GET /api/gaps says for the chosen norm.
    await page.getByRole('radio', { name: '配置缺口' }).check();
    await page.waitForFunction(() => location.hash.includes('layer=gaps'));
    await page.getByTestId('map-district-legend').filter({ hasText: '配置缺口' }).waitFor();
    const norm = await page.locator('#map-norm').inputValue();
    expect(norm.length).toBeGreaterThan(0);
    await page.locator('path.district-shape[class*="gap-class-"]').first().waitFor();
    const gaps = await getJson<GapsAnswer>('/api/gaps');
    const shaded = await page
      .locator('path.district-shape')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), e.getAttribute('class')]));
    const rows = gaps.rows.filter((r) => r.normCode === norm);
    expect(rows.length).toBeGreaterThanOrEqual(19);
    let checked = 0;
    for (const r of rows) {
      const cls = shaded.find(([code]) => code === r.districtCode)?.[1] ?? '';
      let want = 'gap-class-none';
      if (r.computable && r.required !== null && r.gap !== null) {
        const short = r.required > 0 ? r.gap / r.required : 0;
        want =
          r.gap <= 0 || short === 0
            ? 'gap-class-0'
            : short <= 0.25
              ? 'gap-class-1'
              : short <= 0.5
                ? 'gap-class-2'
                : short <= 0.75
                  ? 'gap-class-3'
                  : 'gap-class-4';
      }
      expect(cls.split(' '), r.districtCode).toContain(want);
      checked++;
    }
    expect(checked).toBe(rows.length);
    // The same in words: one line per district.
    await page.getByTestId('map-district-legend').locator('summary').click();
    const lines = page.locator('.map-district-values li');
    expect(await lines.count()).toBe(rows.length);
    expect(
      (await lines.allTextContents()).every((l) => /：(达标|缺口 [\d,]+（需求 [\d,]+）|无法计算)$/.test(l)),
    ).toBe(true);

    // Coverage share as the other district layer.
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await page.locator('path.district-shape[class*="share-class-"]').first().waitFor();

    // Clear the facility (so the map is not focused on it) and click a place on the map.
    await page.getByRole('button', { name: '取消选择' }).click();
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no box');
    // A click on a facility chooses it instead: then clear it and click elsewhere.
    const summary = page.getByTestId('isochrone-summary');
    const panel2 = page.getByTestId('map-facility-panel');
    let outcome = '';
    for (const [dx, dy] of [
      [60, 45],
      [-90, 70],
      [130, -60],
      [-140, -100],
      [30, 150],
    ] as const) {
      await map.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
      outcome = await Promise.race([
        summary.waitFor().then(() => 'isochrone'),
        panel2.waitFor().then(() => 'facility'),
      ]);
      if (outcome === 'isochrone') break;
      await page.getByRole('button', { name: '取消选择' }).click();
    }
    expect(outcome).toBe('isochrone');
    const lon = (await summary.getAttribute('data-lon')) as string;
    const lat = (await summary.getAttribute('data-lat')) as string;
    const iso = await getJson<{ residents: number; method: string }>(
      `/api/isochrone?lon=${lon}&lat=${lat}&minutes=15`,
    );
    expect(Number(await summary.getAttribute('data-residents'))).toBe(iso.residents);
    expect(iso.residents).toBeGreaterThan(0);
    expect(await summary.getAttribute('data-method')).toBe('straightLine');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(`步行 15 分钟可达范围内常住人口 ${iso.residents.toLocaleString('en-US')} 人`);
    expect(text).toContain('计算方法：直线距离近似');
    await page.locator('path.isochrone-area').waitFor();

    // From the keyboard: 5 minutes, then the isochrone of the map centre.
    await page.locator('#map-iso-minutes').selectOption('5');
    const centre = page.getByRole('button', { name: '以地图中心计算等时圈' });
    await centre.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="isochrone-summary"][data-minutes="5"]').waitFor();
    const small = Number(await summary.getAttribute('data-residents'));
    expect(small).toBeGreaterThanOrEqual(0);
    expect(await summary.textContent()).toContain('步行 5 分钟可达范围内常住人口');
  });
});
