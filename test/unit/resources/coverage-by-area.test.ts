/** Coverage by township: rows add up to the district totals of the coverage report, band by band. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageReport } from '../../../src/domain/access/coverage-report.ts';
import { AGE_BANDS } from '../../../src/domain/people/age-bands.ts';
import type { BandCounts } from '../../../src/domain/people/age-bands.ts';
import { coverageByTownship } from '../../../src/domain/resources/coverage-by-area.ts';

const bands = fc
  .array(fc.integer({ min: 0, max: 500 }), { minLength: 7, maxLength: 7 })
  .map((xs) => Object.fromEntries(AGE_BANDS.map((b, i) => [b, xs[i]!])) as BandCounts);
const pointArb = fc.record({
  districtCode: fc.constantFrom('510104', '510105'),
  townshipCode: fc.constantFrom(null, 'A', 'B', 'C'),
  population: bands,
  reach: fc.oneof(fc.double({ min: 0, max: 2000, noNaN: true }), fc.constant(Infinity)),
});

describe('coverageByTownship', () => {
  it('counts a hand-made case: covered shares, uncovered people, bands, the no-township row last', () => {
    const b = (n: number): BandCounts =>
      ({ ...Object.fromEntries(AGE_BANDS.map((x) => [x, 0])), '0-2': n }) as BandCounts;
    const points = [
      { districtCode: 'd', townshipCode: 't1', population: b(10), total: 10 },
      { districtCode: 'd', townshipCode: 't1', population: b(30), total: 30 },
      { districtCode: 'd', townshipCode: null, population: b(5), total: 5 },
    ];
    const rows = coverageByTownship(points, [100, 900, 10], 500);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      townshipCode: 't1',
      population: 40,
      covered: 10,
      uncovered: 30,
      share: 0.25,
      points: 2,
    });
    expect(rows[0]!.byBand['0-2']).toEqual({ population: 40, covered: 10, share: 0.25 });
    expect(rows[0]!.byBand['80+'].share).toBeNull();
    expect(rows[1]).toMatchObject({ townshipCode: null, population: 5, covered: 5 });
  });

  it('property: townships of a district add up to the district row of the coverage report', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { maxLength: 60 }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (ps, limit) => {
          const points = ps.map((p, i) => ({
            id: `p${i}`,
            lon: 104,
            lat: 30.6,
            districtCode: p.districtCode,
            townshipCode: p.townshipCode,
            population: p.population,
            total: AGE_BANDS.reduce((s, b) => s + p.population[b], 0),
          }));
          const reach = Float64Array.from(ps, (p) => p.reach);
          const rows = coverageByTownship(points, reach, limit);
          const report = coverageReport(points, reach, limit);
          for (const d of report.byDistrict) {
            const mine = rows.filter((r) => r.districtCode === d.districtCode);
            expect(mine.reduce((s, r) => s + r.population, 0)).toBe(d.population);
            expect(mine.reduce((s, r) => s + r.covered, 0)).toBe(d.covered);
            for (const r of mine) expect(r.population - r.covered).toBe(r.uncovered);
          }
          for (const b of AGE_BANDS) {
            expect(rows.reduce((s, r) => s + r.byBand[b].covered, 0)).toBe(report.byBand[b].covered);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
