/**
 * Headline indicators the facility registry can compute (专栏1), computed from it rather than typed
 * in: beds, physicians, nurses and childcare places per 1,000 residents; culture floor area per
 * 10,000; sports area per resident; community day-care coverage; the share of nursing-type beds in
 * elderly-care institutions; and the two inclusive shares (kindergarten places, elderly-care beds).
 *
 * Only open facilities count (planned and closed ones serve nobody), as in the gap table
 * (norm-gaps.ts, whose capacity-to-resource table this shares). Every value carries its numerator,
 * denominator and the number of facilities counted, and the formula is data, so the indicator page
 * can print how the figure came about. Readings where the plan's wording leaves room are stated in
 * `reading`.
 */
import type { Ownership, CapacityKey, FacilityStatus, FacilityType } from './facility.ts';
import { RESOURCE_SUPPLY } from './norm-gaps.ts';

export interface Text {
  zh: string;
  en: string;
}

export interface RegistryFacility {
  type: FacilityType;
  districtCode: string;
  communityCode: string | null;
  status: FacilityStatus;
  ownership: Ownership;
  capacities: Partial<Record<CapacityKey, number>>;
}

export interface RegistryArea {
  code: string;
  residentPopulation: number | null;
}

export interface RegistryCommunity {
  code: string;
  districtCode: string;
  /** community (社区, urban) or village (村). */
  type: 'community' | 'village' | 'subdistrict' | 'town';
}

type Definition =
  | {
      kind: 'perPopulation';
      resource: keyof typeof RESOURCE_SUPPLY;
      per: number;
    }
  | {
      kind: 'capacityShare';
      types: readonly FacilityType[];
      part: 'nursingBeds' | 'inclusive';
      capacity: CapacityKey;
    }
  | { kind: 'communityCoverage'; type: FacilityType };

export interface RegistryIndicatorDefinition {
  /** The indicator's code in the Chengdu pack, for reference; matching is by name (`names`). */
  indicatorCode: string;
  /** The indicator's name as Chinese plans print it (the national statistical names). */
  names: readonly string[];
  formula: Text;
  /** How the plan's wording is read, where it leaves room. */
  reading: Text | null;
  definition: Definition;
}

const fmt = (x: number) => x.toLocaleString('en-US');

function perPopulation(
  indicatorCode: string,
  names: readonly string[],
  resource: keyof typeof RESOURCE_SUPPLY,
  per: number,
  what: Text,
  reading: Text | null = null,
): RegistryIndicatorDefinition {
  const times = per === 1 ? '' : ` × ${fmt(per)}`;
  return {
    indicatorCode,
    names,
    formula: {
      zh: `开放设施的${what.zh}之和 ÷ 常住人口${times}`,
      en: `sum of ${what.en} of open facilities ÷ resident population${times}`,
    },
    reading,
    definition: { kind: 'perPopulation', resource, per },
  };
}

/** The indicators of the Chengdu pack the registry computes, by indicator code. */
export const REGISTRY_INDICATORS: readonly RegistryIndicatorDefinition[] = [
  perPopulation('H03', ['每千人口拥有执业（助理）医师数', '每千人口执业（助理）医师数'], 'physicians', 1000, {
    zh: '执业（助理）医师数（各类设施）',
    en: 'physicians (all facility types)',
  }),
  perPopulation(
    'H06',
    ['每千人口拥有3岁以下婴幼儿托位数', '每千人口3岁以下婴幼儿托位数'],
    'childcarePlaces',
    1000,
    { zh: '托育机构托位数', en: 'places of childcare centres' },
  ),
  perPopulation(
    'H13',
    ['每千人口医疗卫生机构床位数'],
    'beds',
    1000,
    { zh: '医院与社区卫生服务中心床位数', en: 'beds of hospitals and community health centres' },
    {
      zh: '医疗卫生机构床位按登记中的医院与社区卫生服务中心计，不含养老机构床位。',
      en: 'Beds of medical and health institutions: hospitals and community health centres in the registry, not elderly-care beds.',
    },
  ),
  perPopulation('H14', ['每千人口拥有注册护士数', '每千人口注册护士数'], 'nurses', 1000, {
    zh: '注册护士数（各类设施）',
    en: 'registered nurses (all facility types)',
  }),
  perPopulation('H22', ['每万人公共文化设施建筑面积'], 'cultureFloorAreaM2', 10_000, {
    zh: '文化馆（站）与图书馆建筑面积（平方米）',
    en: 'floor area of cultural centres and libraries (m²)',
  }),
  perPopulation(
    'H23',
    ['人均体育场地面积'],
    'sportsGroundAreaM2',
    1,
    { zh: '体育场馆面积（平方米）', en: 'area of sports venues (m²)' },
    {
      zh: '体育场地面积按登记中体育场馆的面积计；未登记的室外场地（如公园内健身场地）不在其中。',
      en: 'Sports ground area is the area recorded for sports venues; outdoor grounds not in the registry (e.g. fitness areas in parks) are not counted.',
    },
  ),
  {
    indicatorCode: 'H16',
    names: ['社区日间照料机构覆盖率', '社区日间照料中心覆盖率'],
    formula: {
      zh: '登记有开放的社区日间照料中心的城市社区数 ÷ 城市社区（社区居委会）总数 × 100',
      en: 'urban communities (社区) with an open community day-care centre registered in them ÷ all urban communities × 100',
    },
    reading: {
      zh: '按民政统计口径：有日间照料机构的城市社区占城市社区的比例；设施以其登记的社区代码归属，未填社区代码的中心不计入，村不在分母中。',
      en: 'As civil-affairs statistics count it: the share of urban communities (社区, not villages) that have a day-care institution; a centre counts for the community code it is registered with, centres without one are not counted.',
    },
    definition: { kind: 'communityCoverage', type: 'communityDayCareCentre' },
  },
  {
    indicatorCode: 'H17',
    names: ['养老机构护理型床位占比'],
    formula: {
      zh: '开放养老机构的护理型床位数之和 ÷ 其床位数之和 × 100（仅计登记了护理型床位数的机构）',
      en: 'nursing-type beds of open elderly-care institutions ÷ their beds × 100 (institutions that record nursing-type beds)',
    },
    reading: {
      zh: '未登记护理型床位数的机构不计入分子和分母（未知不按 0 计），并注明其数量。',
      en: 'Institutions that do not record their nursing-type beds are left out of both sides (unknown is not zero), and counted in a note.',
    },
    definition: {
      kind: 'capacityShare',
      types: ['elderlyCareInstitution'],
      part: 'nursingBeds',
      capacity: 'beds',
    },
  },
  {
    indicatorCode: 'H25',
    names: ['普惠性幼儿园覆盖率'],
    formula: {
      zh: '公办与普惠性幼儿园学位数 ÷ 全部幼儿园学位数 × 100',
      en: 'places of public and inclusive kindergartens ÷ places of all kindergartens × 100',
    },
    reading: {
      zh: '以学位数代替在园幼儿数（登记中只有学位数）。',
      en: 'Places stand in for enrolled children (the registry holds places only).',
    },
    definition: { kind: 'capacityShare', types: ['kindergarten'], part: 'inclusive', capacity: 'places' },
  },
  {
    indicatorCode: 'H30',
    names: ['普惠型和兜底型养老床位占比'],
    formula: {
      zh: '公办（兜底型）与普惠型养老机构床位数 ÷ 全部养老机构床位数 × 100',
      en: 'beds of public (safety-net) and inclusive elderly-care institutions ÷ beds of all elderly-care institutions × 100',
    },
    reading: {
      zh: '公办机构视为兜底型，普惠性机构视为普惠型。',
      en: 'Public institutions are read as safety-net (兜底型), inclusive ones as inclusive (普惠型).',
    },
    definition: {
      kind: 'capacityShare',
      types: ['elderlyCareInstitution'],
      part: 'inclusive',
      capacity: 'beds',
    },
  },
];

/** Names compared without spaces and with ASCII parentheses as full-width ones. */
const normalName = (name: string) => name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const BY_NAME = new Map(REGISTRY_INDICATORS.flatMap((d) => d.names.map((n) => [normalName(n), d] as const)));

/** The registry definition of an indicator, found by its name; null when the registry cannot compute it. */
export function registryIndicatorFor(indicator: { name: string }): RegistryIndicatorDefinition | null {
  return BY_NAME.get(normalName(indicator.name)) ?? null;
}

export interface RegistryValue {
  areaCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Open facilities that went into the figure. */
  facilities: number;
  /** Why there is no value, or what was left out. */
  reason: Text | null;
  note: Text | null;
}

export interface RegistryIndicatorResult {
  indicatorCode: string;
  formula: Text;
  reading: Text | null;
  city: RegistryValue;
  byDistrict: RegistryValue[];
}

const NO_POPULATION: Text = {
  zh: '缺少该区域的常住人口',
  en: 'the resident population of the area is unknown',
};

function valueFor(
  def: Definition,
  areaCode: string,
  population: number | null,
  facilities: readonly RegistryFacility[],
  communities: readonly RegistryCommunity[],
): RegistryValue {
  const base = {
    areaCode,
    value: null,
    numerator: null,
    denominator: null,
    facilities: 0,
    reason: null,
    note: null,
  };
  if (def.kind === 'perPopulation') {
    const s = RESOURCE_SUPPLY[def.resource]!;
    let sum = 0;
    let n = 0;
    for (const f of facilities) {
      if (s.types !== 'all' && !s.types.includes(f.type)) continue;
      const v = f.capacities[s.capacity];
      if (v === undefined) continue;
      sum += v;
      n += 1;
    }
    if (population === null || !(population > 0))
      return { ...base, numerator: sum, facilities: n, reason: NO_POPULATION };
    return {
      ...base,
      value: (sum * def.per) / population,
      numerator: sum,
      denominator: population,
      facilities: n,
    };
  }
  if (def.kind === 'capacityShare') {
    let part = 0;
    let whole = 0;
    let n = 0;
    let unknown = 0;
    for (const f of facilities) {
      if (!def.types.includes(f.type)) continue;
      const all = f.capacities[def.capacity];
      if (all === undefined) continue;
      if (def.part === 'nursingBeds') {
        const nursing = f.capacities.nursingBeds;
        if (nursing === undefined) {
          unknown += 1;
          continue;
        }
        part += nursing;
      } else if (f.ownership === 'public' || f.ownership === 'inclusive') part += all;
      whole += all;
      n += 1;
    }
    const note: Text | null =
      unknown > 0
        ? {
            zh: `${unknown} 个机构未登记护理型床位数，未计入`,
            en: `${unknown} institution(s) do not record nursing-type beds and are left out`,
          }
        : null;
    if (whole === 0)
      return {
        ...base,
        facilities: n,
        note,
        reason: {
          zh: '设施登记中没有可计算的床位或学位',
          en: 'the registry holds no beds or places to count here',
        },
      };
    return { ...base, value: (part * 100) / whole, numerator: part, denominator: whole, facilities: n, note };
  }
  // communityCoverage: urban communities with at least one open facility of the type registered in them.
  const urban = communities.filter((c) => c.type === 'community');
  const urbanCodes = new Set(urban.map((c) => c.code));
  const withOne = new Set<string>();
  let n = 0;
  let uncoded = 0;
  for (const f of facilities) {
    if (f.type !== def.type) continue;
    n += 1;
    if (f.communityCode === null) uncoded += 1;
    else if (urbanCodes.has(f.communityCode)) withOne.add(f.communityCode);
  }
  const note: Text | null =
    uncoded > 0
      ? {
          zh: `${uncoded} 个日间照料中心未登记社区代码，未计入`,
          en: `${uncoded} day-care centre(s) have no community code and are not counted`,
        }
      : null;
  if (urban.length === 0)
    return {
      ...base,
      facilities: n,
      note,
      reason: { zh: '该区域没有城市社区', en: 'the area has no urban communities' },
    };
  if (n > 0 && uncoded === n)
    return {
      ...base,
      facilities: n,
      note,
      reason: {
        zh: '登记的日间照料中心都没有社区代码，无法按社区计算覆盖率',
        en: 'no registered day-care centre names its community, so coverage by community cannot be counted',
      },
    };
  return {
    ...base,
    value: (withOne.size * 100) / urban.length,
    numerator: withOne.size,
    denominator: urban.length,
    facilities: n,
    note,
  };
}

/**
 * The indicator for the city and each district from the registry. Only open facilities count. The
 * city takes every facility and the city's population; a district, its own.
 */
export function computeRegistryIndicator(
  def: RegistryIndicatorDefinition,
  input: {
    facilities: readonly RegistryFacility[];
    city: RegistryArea;
    districts: readonly RegistryArea[];
    /** Communities and villages (社区/村) with their district, for day-care coverage. */
    communities: readonly RegistryCommunity[];
  },
): RegistryIndicatorResult {
  const open = input.facilities.filter((f) => f.status === 'open');
  const byDistrict = new Map<string, RegistryFacility[]>();
  for (const f of open) {
    const list = byDistrict.get(f.districtCode) ?? [];
    list.push(f);
    byDistrict.set(f.districtCode, list);
  }
  return {
    indicatorCode: def.indicatorCode,
    formula: def.formula,
    reading: def.reading,
    city: valueFor(def.definition, input.city.code, input.city.residentPopulation, open, input.communities),
    byDistrict: input.districts.map((d) =>
      valueFor(
        def.definition,
        d.code,
        d.residentPopulation,
        byDistrict.get(d.code) ?? [],
        input.communities.filter((c) => c.districtCode === d.code),
      ),
    ),
  };
}

/** The facility types a definition counts ('all' for staff counted in every type). */
export function registryIndicatorTypes(def: RegistryIndicatorDefinition): readonly FacilityType[] | 'all' {
  const d = def.definition;
  if (d.kind === 'perPopulation') return RESOURCE_SUPPLY[d.resource]!.types;
  if (d.kind === 'capacityShare') return d.types;
  return [d.type];
}

/** What GET /api/indicators/:code/registry sends. */
export interface RegistryIndicatorView {
  indicatorCode: string;
  /** False: the registry does not compute this indicator (everything else is null then). */
  available: boolean;
  formula: Text | null;
  reading: Text | null;
  city: (RegistryValue & { name: string }) | null;
  byDistrict: Array<RegistryValue & { name: string }>;
  /** The registry the figures came from: counts, the latest change and a hash of (id, revision). */
  registry: {
    facilities: number;
    open: number;
    counted: number;
    synthetic: number;
    latestChange: string | null;
    sha256: string;
  } | null;
  /** Whether any facility of the types counted is generated demonstration data (示例数据). */
  usesSyntheticFacilities: boolean;
  computedAt: string;
}
