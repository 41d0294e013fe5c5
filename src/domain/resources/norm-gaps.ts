/**
 * Norms and gaps (资源与常住人口挂钩): for each district and each per-population norm of the plan,
 * the supply the facility registry holds against what the norm requires for the district's people,
 * e.g. childcare places short of 6.5 per 1,000 residents. Norms the registry cannot count (land,
 * ambulances, social workers…) are listed as not computable, with the reason, never as zero.
 */
import type { Area, Norm } from '../plan/pack.schema.ts';
import type { BandCounts } from '../people/age-bands.ts';
import { namedBandTotals } from '../people/age-bands.ts';
import type { CapacityKey, FacilityStatus, FacilityType } from './facility.ts';

/** Which capacity of which facility types counts as supply of a norm's resource. */
export const RESOURCE_SUPPLY: Record<
  string,
  { capacity: CapacityKey; types: readonly FacilityType[] | 'all' }
> = {
  childcarePlaces: { capacity: 'places', types: ['childcare'] },
  beds: { capacity: 'beds', types: ['hospital', 'communityHealthCentre'] },
  physicians: { capacity: 'physicians', types: 'all' },
  nurses: { capacity: 'nurses', types: 'all' },
  cultureFloorAreaM2: { capacity: 'floorAreaM2', types: ['culturalCentre', 'library'] },
  sportsGroundAreaM2: { capacity: 'floorAreaM2', types: ['sportsVenue'] },
};

/** Facilities that count as supply: open ones (planned and closed ones do not serve anybody yet or any more). */
const COUNTED: readonly FacilityStatus[] = ['open'];

export interface SupplyFacility {
  type: FacilityType;
  districtCode: string;
  status: FacilityStatus;
  capacities: Partial<Record<CapacityKey, number>>;
}

export interface NormGap {
  districtCode: string;
  normCode: string;
  computable: boolean;
  /** Why a norm could not be computed for the district, in both languages. */
  reason: { zh: string; en: string } | null;
  /** The population the norm is counted against (residents, people aged 60+…). */
  population: number | null;
  /** True when the population is an estimate (an age group from the city's census shares). */
  populationEstimated: boolean;
  required: number | null;
  supply: number | null;
  /** How much is missing (0 when the norm is met). */
  gap: number | null;
  /** Supply per `per.count` people, to compare with the norm's value. */
  rate: number | null;
  met: boolean | null;
}

export function computeNormGaps(input: {
  norms: readonly Norm[];
  districts: readonly Pick<Area, 'code' | 'residentPopulation'>[];
  facilities: readonly SupplyFacility[];
  /** Age shares (fractions per band) to estimate age groups from the resident population. */
  ageShares: BandCounts;
}): NormGap[] {
  const supply = new Map<string, number>();
  for (const f of input.facilities) {
    if (!COUNTED.includes(f.status)) continue;
    for (const [resource, s] of Object.entries(RESOURCE_SUPPLY)) {
      if (s.types !== 'all' && !s.types.includes(f.type)) continue;
      const v = f.capacities[s.capacity];
      if (v !== undefined)
        supply.set(`${f.districtCode}|${resource}`, (supply.get(`${f.districtCode}|${resource}`) ?? 0) + v);
    }
  }
  const groupShare = namedBandTotals(input.ageShares);
  const rows: NormGap[] = [];
  for (const norm of input.norms) {
    if (norm.kind !== 'perPopulation' || !norm.per || norm.appliesTo !== 'all') continue;
    for (const d of input.districts) {
      const blank = {
        districtCode: d.code,
        normCode: norm.code,
        population: null,
        populationEstimated: false,
        required: null,
        supply: null,
        gap: null,
        rate: null,
        met: null,
      };
      if (!RESOURCE_SUPPLY[norm.resource]) {
        rows.push({
          ...blank,
          computable: false,
          reason: {
            zh: '设施登记中没有该资源的数据',
            en: 'the facility registry does not hold this resource',
          },
        });
        continue;
      }
      const base = populationFor(norm.per.population, d.residentPopulation, groupShare);
      if (base === null) {
        rows.push({
          ...blank,
          computable: false,
          reason: {
            zh: '缺少该区的对应人口数',
            en: 'the population this norm counts is unknown for the district',
          },
        });
        continue;
      }
      const have = supply.get(`${d.code}|${norm.resource}`) ?? 0;
      const required = (norm.value * base.population) / norm.per.count;
      const met = norm.comparator === 'atMost' ? have <= required : have >= required;
      rows.push({
        ...blank,
        computable: true,
        reason: null,
        population: base.population,
        populationEstimated: base.estimated,
        required,
        supply: have,
        gap: norm.comparator === 'atMost' ? Math.max(0, have - required) : Math.max(0, required - have),
        rate: base.population > 0 ? (have * norm.per.count) / base.population : null,
        met,
      });
    }
  }
  return rows;
}

function populationFor(
  group: NonNullable<Norm['per']>['population'],
  resident: number | null,
  shares: ReturnType<typeof namedBandTotals>,
): { population: number; estimated: boolean } | null {
  if (resident === null) return null;
  switch (group) {
    case 'resident':
      return { population: resident, estimated: false };
    case 'age0to2':
      return { population: Math.round(resident * shares.age0to2), estimated: true };
    case 'age60plus':
      return { population: Math.round(resident * shares.age60plus), estimated: true };
    case 'age65plus':
      return { population: Math.round(resident * shares.age65plus), estimated: true };
    case 'disabled':
      return null;
  }
}
