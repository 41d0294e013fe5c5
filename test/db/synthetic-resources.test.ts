/** Synthetic facilities and residents: inside the districts, totals as in the pack, labelled, removable alone. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacility } from '../../src/app/resources/facilities.ts';
import { getNormGaps } from '../../src/app/resources/get-norm-gaps.ts';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { getAccessibility } from '../../src/app/resources/get-accessibility.ts';
import {
  loadSyntheticResources,
  removeSyntheticResources,
} from '../../src/app/resources/synthetic-resources.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { countOf, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

describe(`synthetic resources (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('generates labelled facilities and residents whose district totals match the pack, and removes only them', async () => {
    const real = await createFacility(p.ctx, p.admin, {
      name: '真实医院',
      type: 'hospital',
      lon: 104.08,
      lat: 30.65,
      districtCode: '510104',
      capacities: { beds: 10 },
      source: '卫健委',
    });
    const r = await loadSyntheticResources(p.ctx, p.admin);
    expect(r.skippedDistricts).toEqual(['510118']); // 新津区: the pack has no population
    expect(r.facilities).toBeGreaterThan(3000);
    const plan = await p.ctx.plan.get();
    const expected = plan.districts.filter((d) => d.residentPopulation !== null);
    expect(r.population).toBe(expected.reduce((s, d) => s + (d.residentPopulation ?? 0), 0));
    const totals = await new ResidentialPointRepository(p.db).totalsByDistrict();
    for (const d of expected) {
      expect(totals.find((t) => t.districtCode === d.code)?.population).toBe(d.residentPopulation);
    }
    expect(
      await countOf(p.db, "SELECT count(*) AS n FROM facilities WHERE synthetic AND source LIKE '示例数据%'"),
    ).toBe(r.facilities);

    const gaps = await getNormGaps(p.ctx, SYSTEM_ACTOR);
    expect(gaps.usesSyntheticFacilities).toBe(true);
    const childcare = gaps.rows.filter(
      (g) => g.normCode === 'N-childcare-places-per-thousand' && g.computable,
    );
    expect(childcare.some((g) => g.met)).toBe(true);
    expect(childcare.some((g) => !g.met)).toBe(true);

    // Coverage of the 15-minute circle, by the straight-line fallback, flagged as such.
    const cov = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(cov).toMatchObject({ method: 'straightLine', circle: { minutes: 15 }, usesSyntheticData: true });
    expect(cov.approximation?.zh).toContain('近似');
    expect(cov.inputs).toMatchObject({
      residentialPoints: r.residentialPoints,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' })).inputs.sha256).toBe(
      cov.inputs.sha256,
    );
    expect(cov.report.all.population).toBe(r.population);
    expect(cov.report.all.share).toBeGreaterThan(0);
    expect(cov.report.all.share).toBeLessThan(1);
    expect(cov.report.byDistrict).toHaveLength(19);
    // Catchments: every resident is served by one facility or counted as unassigned, never twice.
    const served = cov.catchments.facilities.reduce((s, f) => s + f.population, 0);
    expect(served + cov.catchments.unassigned).toBe(r.population);
    expect(cov.catchments.facilities).toHaveLength(cov.facilities);
    expect(served).toBeGreaterThanOrEqual(cov.report.all.covered);
    // A facility placed on the largest uncovered point covers it.
    const worst = cov.report.uncovered[0];
    expect(worst).toBeDefined();
    await createFacility(p.ctx, p.admin, {
      name: '补点托育',
      type: 'childcare',
      lon: worst?.lon,
      lat: worst?.lat,
      districtCode: worst?.districtCode,
      capacities: { places: 100 },
      source: 'test',
    });
    const after = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(after.report.all.covered).toBeGreaterThanOrEqual(cov.report.all.covered + (worst?.total ?? 0));
    expect(after.report.uncovered.some((u) => u.id === worst?.id)).toBe(false);
    expect(after.inputs.sha256).not.toBe(cov.inputs.sha256);
    expect((await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'elderlyServiceStation' })).circle.minutes).toBe(
      5,
    );
    expect((await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'park' })).circle).toEqual({
      minutes: null,
      metres: 500,
    });
    await expectFuwuError(getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'castle' }), 'invalid_input');

    // Capacity-aware accessibility: childcare places per child under 3, by district.
    const acc = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(acc).toMatchObject({ method: 'e2sfca', servedBands: ['0-2'], capacity: 'places' });
    expect(acc.byDistrict).toHaveLength(19);
    for (const d of acc.byDistrict) {
      expect(d.demand).toBeGreaterThan(0);
      expect(d.accessibility).toBeGreaterThanOrEqual(0);
      expect(d.withoutAccess).toBeGreaterThanOrEqual(0);
      expect(d.withoutAccess).toBeLessThanOrEqual(1);
    }
    expect(acc.byDistrict.some((d) => (d.accessibility ?? 0) > 0)).toBe(true);
    expect(
      (await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare', method: '2sfca' })).zones,
    ).toHaveLength(1);
    await expectFuwuError(
      getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare', method: '3sfca' }),
      'invalid_input',
    );

    // Loading again replaces the set instead of doubling it.
    const again = await loadSyntheticResources(p.ctx, p.admin);
    expect(again.facilities).toBe(r.facilities);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM facilities WHERE synthetic')).toBe(r.facilities);

    const removed = await removeSyntheticResources(p.ctx, p.admin);
    expect(removed).toEqual({ facilities: r.facilities, residentialPoints: r.residentialPoints });
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM facilities')).toBe(2);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM facilities WHERE id = ' + real.id)).toBe(1);
    await expectFuwuError(loadSyntheticResources(p.ctx, { ...p.admin, role: 'planner' }), 'forbidden');
  });
});
