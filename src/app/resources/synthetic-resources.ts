/**
 * The demonstration default for resources: synthetic facilities and residential points, seeded and
 * placed inside the real district boundaries, district totals equal to the pack's populations, age
 * structure from the city's census shares. Everything is marked synthetic and sourced as 示例数据;
 * removing it leaves imported real data alone. Districts without a known population (新津区 in the
 * pack) get none, and the result says so.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { AreaGeometry } from '../../domain/geo/polygon.ts';
import { CHENGDU_AGE_SHARES_2020 } from '../../domain/people/age-bands.ts';
import { generateResidentialPoints } from '../../domain/people/synthetic-residents.ts';
import { generateSyntheticFacilities } from '../../domain/resources/synthetic-facilities.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { assignSyntheticTownships } from './township-areas.ts';

export const SYNTHETIC_SEED = 20211229;
export const SYNTHETIC_RESIDENTS_SOURCE =
  '示例数据（系统生成的居民点，非真实人口） / sample data (generated residential points)';

export interface SyntheticResourcesResult {
  facilities: number;
  residentialPoints: number;
  population: number;
  /** Districts left out because the pack has no population for them. */
  skippedDistricts: string[];
}

export async function loadSyntheticResources(
  ctx: AppContext,
  actor: Actor,
): Promise<SyntheticResourcesResult> {
  authorize(actor, 'sampleData.manage');
  const plan = await ctx.plan.get();
  const geometryOf = new Map(
    plan.boundaries.map((b) => [b.code, (b.feature as { geometry: AreaGeometry }).geometry]),
  );
  const districts = plan.districts
    .filter((d) => d.residentPopulation !== null && geometryOf.has(d.code))
    .map((d) => ({
      code: d.code,
      population: d.residentPopulation as number,
      geometry: geometryOf.get(d.code) as AreaGeometry,
    }));
  const skippedDistricts = plan.districts
    .filter((d) => !districts.some((x) => x.code === d.code))
    .map((d) => d.code);
  const facilities = generateSyntheticFacilities(districts, SYNTHETIC_SEED);
  const points = await assignSyntheticTownships(
    ctx,
    generateResidentialPoints({
      districts,
      seed: SYNTHETIC_SEED,
      shares: CHENGDU_AGE_SHARES_2020.shares,
      clustersPerDistrict: 4,
    }),
    SYNTHETIC_SEED,
  );
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const facilityRepo = new FacilityRepository(tx);
    const pointRepo = new ResidentialPointRepository(tx);
    // Loading again replaces the previous synthetic set rather than doubling it.
    await facilityRepo.deleteSynthetic(actor.username, at);
    await pointRepo.deleteSynthetic();
    const nFacilities = await facilityRepo.createMany(
      facilities,
      true,
      actor.username,
      at,
      'synthetic facilities (示例数据)',
    );
    const nPoints = await pointRepo.insertMany(
      points.map((p) => ({ ...p, source: SYNTHETIC_RESIDENTS_SOURCE })),
    );
    const result = {
      facilities: nFacilities,
      residentialPoints: nPoints,
      population: points.reduce((s, p) => s + p.total, 0),
      skippedDistricts,
    };
    await audit(tx, actor, at, 'syntheticResources.load', 'facility', null, {
      ...result,
      seed: SYNTHETIC_SEED,
    });
    return result;
  });
}

export async function removeSyntheticResources(
  ctx: AppContext,
  actor: Actor,
): Promise<{ facilities: number; residentialPoints: number }> {
  authorize(actor, 'sampleData.manage');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const facilities = await new FacilityRepository(tx).deleteSynthetic(actor.username, at);
    const residentialPoints = await new ResidentialPointRepository(tx).deleteSynthetic();
    await audit(tx, actor, at, 'syntheticResources.remove', 'facility', null, {
      facilities,
      residentialPoints,
    });
    return { facilities, residentialPoints };
  });
}
