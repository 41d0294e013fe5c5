/**
 * Synthetic township assignment: every point assigned once, township populations add up to the
 * district's, follow the community counts within about one point, and the same seed gives the same
 * assignment. Also the checks on imported township and community codes.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateResidentialPoints } from '../../../src/domain/people/synthetic-residents.ts';
import { assignTownships } from '../../../src/domain/people/township-assignment.ts';
import { chengduDistricts } from '../geo/boundaries.ts';

const point = fc.record({
  lon: fc.double({ min: 103.9, max: 104.2, noNaN: true }),
  lat: fc.double({ min: 30.5, max: 30.8, noNaN: true }),
  total: fc.integer({ min: 0, max: 5000 }),
});
const townships = fc
  .array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 15 })
  .map((counts) => counts.map((c, i) => ({ code: `T${String(i).padStart(2, '0')}`, communityCount: c })));

describe('assignTownships', () => {
  it('property: each point is assigned once, to a township of the list, and populations add up', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 0, maxLength: 200 }),
        townships,
        fc.integer(),
        (points, ts, seed) => {
          const a = assignTownships({ districtCode: '510104', townships: ts, points, seed });
          expect(a.townshipOf).toHaveLength(points.length);
          const codes = new Set(ts.map((t) => t.code));
          for (const c of a.townshipOf) expect(codes.has(c as string)).toBe(true);
          const total = points.reduce((s, p) => s + p.total, 0);
          expect(a.townships.reduce((s, t) => s + t.population, 0)).toBe(total);
          expect(a.townships.reduce((s, t) => s + t.target, 0)).toBe(total);
          expect(a.townships.reduce((s, t) => s + t.points, 0)).toBe(points.length);
          // Recounting from the assignment gives the reported populations.
          for (const t of a.townships) {
            const mine = points.filter((_, i) => a.townshipOf[i] === t.code);
            expect(mine.reduce((s, p) => s + p.total, 0)).toBe(t.population);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('property: the same input gives the same assignment', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 80 }), townships, fc.integer(), (points, ts, seed) => {
        const a = assignTownships({ districtCode: 'x', townships: ts, points, seed });
        const b = assignTownships({ districtCode: 'x', townships: ts, points, seed });
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it('follows the community counts on a real district: each township within two points of its share', () => {
    const jinjiang = chengduDistricts.find((f) => f.properties.code === '510104')!;
    const points = generateResidentialPoints({
      districts: [{ code: '510104', population: 902_933, geometry: jinjiang.geometry }],
      seed: 7,
      clustersPerDistrict: 4,
    });
    const csv = readFileSync(
      new URL('../../../packs/chengdu-2021-2025/townships.csv', import.meta.url),
      'utf8',
    );
    const ts = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[3] === '510104')
      .map((c) => ({ code: c[0]!, communityCount: Number(c[5]) }));
    expect(ts.length).toBeGreaterThan(5);
    const a = assignTownships({ districtCode: '510104', townships: ts, points, seed: 7 });
    const maxPoint = Math.max(...points.map((p) => p.total));
    for (const t of a.townships) {
      expect(t.points).toBeGreaterThan(0);
      expect(Math.abs(t.population - t.target)).toBeLessThanOrEqual(2 * maxPoint);
    }
  });

  it('leaves points without a township when the district has none', () => {
    const a = assignTownships({
      districtCode: 'x',
      townships: [],
      points: [{ lon: 104, lat: 30.6, total: 10 }],
      seed: 1,
    });
    expect(a.townshipOf).toEqual([null]);
  });
});
