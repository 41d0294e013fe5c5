/**
 * Synthetic facilities for the demonstration default, where no real registry is imported: seeded,
 * inside the real district boundaries, and labelled. Counts follow the district population (one
 * facility per so many residents, by type); capacities are sized around the plan's norms with a seeded
 * factor per district (0.6–1.3 of the norm), so some districts meet a norm and others fall short,
 * which is what the gap table is for. Elderly-care institutions record nursing-type beds too.
 */
import type { AreaGeometry } from '../geo/polygon.ts';
import { randomPointIn } from '../geo/polygon.ts';
import { createRandom, hashString } from '../shared/random.ts';
import type { CapacityKey, FacilityDraft, FacilityType } from './facility.ts';
import { FACILITY_TYPE_LABELS } from './facility.ts';

export const SYNTHETIC_FACILITY_SOURCE =
  '示例数据（系统生成，非真实设施） / sample data (generated, not real facilities)';

/** Residents per facility of each type, and the capacities each district's total is sized to (per resident). */
const PLAN: Record<
  FacilityType,
  { residentsPer: number; perResident?: Partial<Record<CapacityKey, number>> }
> = {
  childcare: { residentsPer: 25_000, perResident: { places: 6.5 / 1000 } },
  kindergarten: { residentsPer: 20_000, perResident: { places: 40 / 1000 } },
  primarySchool: { residentsPer: 40_000, perResident: { places: 80 / 1000 } },
  middleSchool: { residentsPer: 80_000, perResident: { places: 40 / 1000 } },
  hospital: {
    residentsPer: 150_000,
    perResident: { beds: 7.2 / 1000, physicians: 4 / 1000, nurses: 4.5 / 1000 },
  },
  communityHealthCentre: {
    residentsPer: 60_000,
    perResident: { beds: 0.8 / 1000, physicians: 0.5 / 1000, nurses: 0.4 / 1000 },
  },
  elderlyCareInstitution: { residentsPer: 120_000, perResident: { beds: 8 / 1000 } },
  communityDayCareCentre: { residentsPer: 40_000, perResident: { places: 2 / 1000 } },
  elderlyServiceStation: { residentsPer: 30_000 },
  culturalCentre: { residentsPer: 200_000, perResident: { floorAreaM2: 700 / 10_000 } },
  library: { residentsPer: 250_000, perResident: { floorAreaM2: 300 / 10_000, seats: 1 / 1000 } },
  sportsVenue: { residentsPer: 100_000, perResident: { floorAreaM2: 2.6 } },
  park: { residentsPer: 80_000 },
  legalServiceStation: { residentsPer: 50_000 },
  communityServiceCentre: { residentsPer: 40_000 },
};

/**
 * Share of an elderly-care institution's beds that are nursing-type (护理型), 35–65 % by district
 * (the plan's baseline is 35 %, its target 55 %). From a hash of the district code, not the seeded
 * stream, so adding it moved no other generated figure.
 */
export function nursingShare(districtCode: string): number {
  return 0.35 + (0.3 * hashString(`nursing|${districtCode}`)) / 0x1_0000_0000;
}

export interface SyntheticFacilityDistrict {
  code: string;
  population: number;
  geometry: AreaGeometry;
}

export function generateSyntheticFacilities(
  districts: readonly SyntheticFacilityDistrict[],
  seed: number,
): FacilityDraft[] {
  const out: FacilityDraft[] = [];
  for (const d of districts) {
    const rnd = createRandom(seed ^ hashString(`facilities|${d.code}`));
    // One factor per district and type: how well provided this district is against the norm.
    for (const [type, plan] of Object.entries(PLAN) as Array<[FacilityType, (typeof PLAN)[FacilityType]]>) {
      const count = Math.max(1, Math.round(d.population / plan.residentsPer));
      const factor = 0.6 + rnd() * 0.7;
      const totals = Object.entries(plan.perResident ?? {}).map(
        ([k, v]) => [k as CapacityKey, v * d.population * factor] as const,
      );
      for (let i = 0; i < count; i++) {
        const [lon, lat] = randomPointIn(d.geometry, rnd);
        const capacities: Partial<Record<CapacityKey, number>> = {};
        for (const [k, total] of totals) capacities[k] = Math.max(1, Math.round(total / count));
        if (type === 'elderlyCareInstitution' && capacities.beds !== undefined)
          capacities.nursingBeds = Math.round(capacities.beds * nursingShare(d.code));
        out.push({
          name: `示例${FACILITY_TYPE_LABELS[type].zh}${d.code.slice(-2)}-${String(i + 1).padStart(3, '0')}`,
          type,
          lon: Math.round(lon * 1e6) / 1e6,
          lat: Math.round(lat * 1e6) / 1e6,
          districtCode: d.code,
          communityCode: null,
          capacities,
          ownership: rnd() < 0.8 ? 'public' : 'inclusive',
          status: 'open',
          openingDate: null,
          source: SYNTHETIC_FACILITY_SOURCE,
        });
      }
    }
  }
  return out;
}
