/**
 * The plan pack: a city's five-year plan as data (indicators, targets, norms, areas).
 * These schemas validate the human-readable YAML files under `packs/` on load, so a
 * reviewer's edit that breaks the shape is refused with the field and the reason.
 */
import { z } from 'zod';
import { CAPACITY_KEYS, FACILITY_TYPES } from '../resources/facility.ts';
import type { Parameter, RuleTest, Service } from '../entitlements/catalog.schema.ts';
import type { CalendarYear } from '../cases/calendar.schema.ts';

/** The sectors the plan's chapter 4 is organised by (七有两保障 plus the plan's other programmes). */
export const SECTORS = [
  'overall', // 总体 (cross-sector headline indicators)
  'childcare', // 幼有所育: births, maternal and infant health, childcare (第四章第一节, 专栏2)
  'education', // 学有所教 (第四章第二节, 专栏3)
  'employment', // 劳有所得 (第四章第三节, 专栏4)
  'health', // 病有所医 (第四章第四节, 专栏5)
  'elderly', // 老有所养 (第四章第五节, 专栏6)
  'housing', // 住有所居 and the living environment (第四章第六节, 专栏7)
  'assistance', // 弱有所扶: social assistance and disability (第四章第七节, 专栏8)
  'veterans', // 优军服务保障 (第四章第八节, 专栏9)
  'culture', // 文化服务保障, broadcasting (第四章第九节, 专栏10)
  'sports', // 体育服务保障 (第四章第十节, 专栏11)
  'leisure', // 生活性服务业, leisure consumption (专栏12)
  'community', // 社区服务 (专栏13)
  'legal', // 法律服务 (专栏14)
] as const;
export type Sector = (typeof SECTORS)[number];

export const CATEGORIES = ['overall', 'basic', 'inclusive', 'lifeService'] as const;
export type Category = (typeof CATEGORIES)[number];

const finite = z.number().finite();

/** A target as the plan prints it; `kind` names the comparison (GLOSSARY: target kind). */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('atLeast'), value: finite }), // ≥, 以上, 不低于, 不少于, 至少
  z.object({ kind: z.literal('greaterThan'), value: finite }), // >
  z.object({ kind: z.literal('atMost'), value: finite }), // ≤, 以下, 不超过, 控制在…以内
  z.object({ kind: z.literal('lessThan'), value: finite }), // <
  z.object({ kind: z.literal('equals'), value: finite }), // a plain figure ("12", "100"): reach it
  // 左右: within ±tolerance (absolute, in the indicator's unit); the tolerance is an assumption, noted.
  z.object({ kind: z.literal('approximately'), value: finite, tolerance: finite.nonnegative() }),
  z.object({ kind: z.literal('range'), min: finite, max: finite }), // 6.5-8
  z.object({ kind: z.literal('zero') }), // 动态清零
  z.object({ kind: z.literal('qualitative'), description: z.string().min(1) }), // e.g. 宏志助学金标准
]);
export type Target = z.infer<typeof targetSchema>;
export type TargetKind = Target['kind'];

export const indicatorSchema = z
  .object({
    /** Stable code: H01–H30 for column 1, then T-<sector>-NN for the other targets. */
    code: z.string().regex(/^[A-Z][A-Za-z0-9-]*$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    headline: z.boolean(),
    category: z.enum(CATEGORIES),
    sector: z.enum(SECTORS),
    unit: z.string(),
    unitEn: z.string(),
    baseline: finite.nullable(),
    /** The baseline exactly as printed ("4.8", "—"), or the text it was read from. */
    baselineText: z.string(),
    baselineYear: z.number().int().default(2020),
    target: targetSchema,
    /** The target exactly as printed ("5左右", "≥4.5", "动态清零", "10.1万个"). */
    targetText: z.string().min(1),
    targetYear: z.number().int().default(2025),
    nature: z.enum(['binding', 'expected']),
    /** Whether the plan states the nature (column 1 does; chapter 4 mostly does not: then `expected`). */
    natureStated: z.boolean(),
    direction: z.enum(['increase', 'decrease', 'maintain']),
    /** True when the target is a total over 2021–2025 (新增…, 累计…), compared with a running total. */
    cumulativeOverPeriod: z.boolean(),
    /** Where it stands in the plan: "专栏1", "第四章第一节", "专栏2" … */
    sourceRef: z.string().min(1),
    /** The plan's own words the entry was read from (Chinese, verbatim). */
    sourceText: z.string().min(1),
    /** Assumptions made in reading the entry (units converted, tolerance chosen, nature assumed…). */
    notes: z.string().optional(),
    /** How a city target applies to a district: the same level, a population share, or not at all. */
    districtRule: z.enum(['sameAsCity', 'populationShare', 'cityOnly']).optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.target.kind === 'range' && ind.target.min > ind.target.max) {
      ctx.addIssue({ code: 'custom', path: ['target', 'max'], message: 'range max < min' });
    }
    if (ind.headline && !ind.natureStated) {
      ctx.addIssue({ code: 'custom', path: ['natureStated'], message: 'column 1 states every nature' });
    }
  });
export type Indicator = z.infer<typeof indicatorSchema>;

/** A per-capita or radius norm the plan sets; the resource-allocation work computes against these. */
export const normSchema = z.object({
  code: z.string().regex(/^N-[A-Za-z0-9-]+$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  sector: z.enum(SECTORS),
  /** What is counted: childcarePlaces, beds, nurses, physicians, elderlyCareLandM2, cultureFloorAreaM2 … */
  resource: z.string().min(1),
  kind: z.enum(['perPopulation', 'travelTime', 'distance', 'perUnit', 'floorArea', 'share']),
  comparator: z.enum(['atLeast', 'atMost', 'equals']),
  value: finite,
  unit: z.string(),
  unitEn: z.string(),
  /** For perPopulation norms: per how many of which population (e.g. 1000 residents, 100 elderly 60+). */
  per: z
    .object({
      count: finite.positive(),
      population: z.enum(['resident', 'age0to2', 'age60plus', 'age65plus', 'disabled']),
    })
    .optional(),
  /** For perUnit norms: the unit that must have it (street, district, community…). */
  perUnit: z.string().optional(),
  /** Where it applies: all areas, new residential areas, old town … */
  appliesTo: z.string().default('all'),
  sourceRef: z.string().min(1),
  sourceText: z.string().min(1),
  notes: z.string().optional(),
});
export type Norm = z.infer<typeof normSchema>;

export const areaSchema = z.object({
  /** GB/T 2260 code for districts; a zone code ("Z-…") for functional zones without one. */
  code: z.string().regex(/^(\d{6}|Z-[a-z-]+)$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(['city', 'district', 'zone']),
  parent: z.string().optional(),
  residentPopulation: finite.nonnegative().nullable(),
  residentPopulationYear: z.number().int().nullable(),
  registeredPopulation: finite.nonnegative().nullable(),
  areaKm2: finite.nonnegative().nullable(),
  /** Whether a boundary polygon is in the pack's boundary file. */
  hasBoundary: z.boolean(),
  provenance: z.string().min(1),
  notes: z.string().optional(),
});
export type Area = z.infer<typeof areaSchema>;

export const packMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  city: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string(), nameEn: z.string() }),
  title: z.string(),
  titleEn: z.string(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  baselineYear: z.number().int(),
  midTermYear: z.number().int(),
  source: z.string(),
  files: z.object({
    indicators: z.array(z.string()).min(1),
    norms: z.string(),
    areas: z.string(),
    boundaries: z.string(),
    /** CSV of townships (街道/镇) and of communities (社区/村) below the districts; optional. */
    townships: z.string().optional(),
    communities: z.string().optional(),
    /** The plan's major projects (重大项目, columns 2–14); optional. */
    projects: z.string().optional(),
    /** The basic public service catalog (基本公共服务清单) and its dated parameters; optional. */
    services: z.string().optional(),
    parameters: z.string().optional(),
    /** A folder of rule-test YAML files (one list of cases per file); optional. */
    ruleTests: z.string().optional(),
    /** The working-day calendar (public holidays and make-up working days per year); optional. */
    calendar: z.string().optional(),
  }),
  subAreaProvenance: z.string().optional(),
});
export type PackMeta = z.infer<typeof packMetaSchema>;

export const PROJECT_KINDS = ['new', 'expansion', 'relocation', 'programme'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * A major project (重大项目) the plan names: a named facility (new, expansion, relocation) or a
 * counted programme ("50 个体育公园"). Capacities and counts only where the plan prints them.
 */
export const projectSchema = z
  .object({
    /** P<column>-<NN>, in plan order. */
    code: z.string().regex(/^P\d{2}-\d{2}$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    sector: z.enum(SECTORS),
    /** The column (专栏) number, 2–14. */
    column: z.number().int().min(2).max(14),
    /** The column's sub-heading the project stands under (e.g. 医疗卫生高质量发展工程). */
    programme: z.string().min(1),
    /** The district or zone where the name fixes it; null: city-wide or not fixed by the plan. */
    districtCode: z.string().nullable(),
    kind: z.enum(PROJECT_KINDS),
    facilityType: z.enum(FACILITY_TYPES).nullable(),
    capacities: z.partialRecord(z.enum(CAPACITY_KEYS), finite.nonnegative()).nullable(),
    /** For programmes: how many (facilities, sites…), as printed; null when the plan gives none. */
    count: z.number().int().positive().nullable(),
    /** A count the plan states in words ("每个区（市）县至少1家"). */
    countText: z.string().optional(),
    plannedStart: isoDate,
    plannedEnd: isoDate,
    responsibleUnit: z.string().nullable(),
    /** Indicator codes the project should move. */
    indicators: z.array(z.string()),
    sourceRef: z.string().min(1),
    sourceText: z.string().min(1),
    notes: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.plannedEnd < p.plannedStart)
      ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'plannedEnd before plannedStart' });
    if (p.column !== Number(p.code.slice(1, 3)))
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'column differs from the code' });
  });
export type PackProject = z.infer<typeof projectSchema>;

/** A township (街道/镇) or community (社区/村): below the districts, codes and names only. */
export interface SubArea {
  code: string;
  name: string;
  kind: 'township' | 'community';
  /** As the division tables say: subdistrict (街道) or town (镇); community (社区) or village (村). */
  type: 'subdistrict' | 'town' | 'community' | 'village';
  /** The district for a township, the township for a community. */
  parent: string;
  districtCode: string;
}

export interface PlanPack {
  meta: PackMeta;
  subAreas: SubArea[];
  indicators: Indicator[];
  norms: Norm[];
  areas: Area[];
  /** The plan's major projects (empty when the pack has no projects file). */
  projects: PackProject[];
  /** The service catalog, its parameters and its rule tests (empty when the pack has none). */
  services: Service[];
  parameters: Parameter[];
  ruleTests: RuleTest[];
  /** The working-day calendar by year (empty when the pack has none). */
  calendar: CalendarYear[];
  /** GeoJSON FeatureCollection of area boundaries (WGS84), keyed by `properties.code`. */
  boundaries: { type: 'FeatureCollection'; features: unknown[]; metadata?: unknown };
  /** SHA-256 of the pack's files, so a loaded pack can be told apart from an edited one. */
  contentHash: string;
}
