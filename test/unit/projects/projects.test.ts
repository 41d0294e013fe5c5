/**
 * Major projects, pure parts: the pack file against the plan text, the overdue rules (by hand and as
 * properties), and the 2025 projection worked out by arithmetic on a two-district city.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Indicator, PlanPack } from '../../../src/domain/plan/pack.schema.ts';
import type { ProjectStatus } from '../../../src/domain/projects/project.ts';
import {
  PROJECT_STATUSES,
  dateInZone,
  isMilestoneOverdue,
  isProjectOverdue,
  validateProjectDraft,
} from '../../../src/domain/projects/project.ts';
import type { ProjectionProject } from '../../../src/domain/projects/projection.ts';
import { projectInclusion, projectRegistryIndicators } from '../../../src/domain/projects/projection.ts';
import type { RegistryFacility } from '../../../src/domain/resources/registry-indicators.ts';
import { REGISTRY_INDICATORS } from '../../../src/domain/resources/registry-indicators.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../../src/store/pack/pack-loader.ts';
import { parseHash } from '../../../src/web/router.ts';

const PLAN = readFileSync(
  fileURLToPath(new URL('../../../packs/chengdu-2021-2025/source/plan-text.txt', import.meta.url)),
  'utf8',
);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the pack projects', () => {
  let pack: PlanPack;
  beforeAll(async () => {
    pack = await loadPackFromDir(DEFAULT_PACK_DIR);
  });

  it("every project's sourceText is in the plan (whitespace aside)", () => {
    expect(pack.projects.length).toBeGreaterThanOrEqual(70);
    const plan = squash(PLAN);
    expect(pack.projects.filter((p) => !plan.includes(squash(p.sourceText))).map((p) => p.code)).toEqual([]);
  });

  it('names the projects the columns name, with the plan’s counts and no invented capacities', () => {
    const byName = new Map(pack.projects.map((p) => [p.name, p]));
    for (const name of [
      '东安湖体育公园',
      '凤凰山体育公园',
      '天府奥体公园',
      '成都图书馆总馆',
      '蒲江县人民医院整体迁建',
    ])
      expect(byName.has(name), name).toBe(true);
    expect(byName.get('蒲江县人民医院整体迁建')).toMatchObject({
      kind: 'relocation',
      districtCode: '510131',
    });
    expect(pack.projects.find((p) => p.code === 'P11-01')).toMatchObject({ count: 50, kind: 'programme' });
    // Capacities only where the plan prints a figure next to the project.
    const withCapacity = pack.projects.filter((p) => p.capacities !== null).map((p) => p.code);
    expect(withCapacity).toEqual(['P02-01', 'P05-04']);
    // Every project sits in the column its code names and in the plan period.
    for (const p of pack.projects) {
      expect(p.column, p.code).toBe(Number(p.code.slice(1, 3)));
      expect(p.plannedStart >= '2021-01-01' && p.plannedEnd <= '2025-12-31', p.code).toBe(true);
    }
  });
});

describe('overdue rules', () => {
  it('a milestone is overdue after its planned date, when not done, in a running project', () => {
    const m = { plannedDate: '2023-06-14', doneDate: null };
    expect(isMilestoneOverdue(m, '2023-06-14', 'underway')).toBe(false); // due today: not yet late
    expect(isMilestoneOverdue(m, '2023-06-15', 'underway')).toBe(true);
    expect(isMilestoneOverdue(m, '2023-06-15', 'planned')).toBe(true);
    expect(isMilestoneOverdue({ ...m, doneDate: '2023-07-01' }, '2023-08-01', 'underway')).toBe(false);
    expect(isMilestoneOverdue(m, '2023-06-15', 'completed')).toBe(false);
    expect(isMilestoneOverdue(m, '2023-06-15', 'cancelled')).toBe(false);
  });

  it('a project is overdue past its planned end or with an overdue milestone', () => {
    expect(isProjectOverdue({ plannedEnd: '2025-12-31', status: 'underway' }, [], '2026-01-01')).toBe(true);
    expect(isProjectOverdue({ plannedEnd: '2025-12-31', status: 'underway' }, [], '2025-12-31')).toBe(false);
    expect(
      isProjectOverdue(
        { plannedEnd: '2025-12-31', status: 'planned' },
        [{ plannedDate: '2022-01-01', doneDate: null }],
        '2022-01-02',
      ),
    ).toBe(true);
  });

  it('reads today as the Chinese calendar date', () => {
    expect(dateInZone(new Date('2023-06-14T15:59:59Z'))).toBe('2023-06-14');
    expect(dateInZone(new Date('2023-06-14T16:00:00Z'))).toBe('2023-06-15');
  });

  const day = fc
    .integer({ min: 0, max: 3650 })
    .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const status = fc.constantFrom<ProjectStatus>(...PROJECT_STATUSES);

  it('property: overdue exactly when open, not done and planned before today; marking done clears it', () => {
    fc.assert(
      fc.property(day, day, fc.option(day, { nil: null }), status, (planned, today, done, s) => {
        const overdue = isMilestoneOverdue({ plannedDate: planned, doneDate: done }, today, s);
        const open = s === 'planned' || s === 'underway';
        expect(overdue).toBe(open && done === null && planned < today);
        expect(isMilestoneOverdue({ plannedDate: planned, doneDate: today }, today, s)).toBe(false);
      }),
    );
  });

  it('property: once overdue, a milestone stays overdue on every later day until done', () => {
    fc.assert(
      fc.property(day, day, day, (planned, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const m = { plannedDate: planned, doneDate: null };
        if (isMilestoneOverdue(m, early, 'underway'))
          expect(isMilestoneOverdue(m, late, 'underway')).toBe(true);
      }),
    );
  });
});

describe('validateProjectDraft', () => {
  const ctx = { areaCodes: new Set(['510104']), indicatorCodes: new Set(['H13']) };
  it('names every wrong field in both languages', () => {
    const { draft, problems } = validateProjectDraft(
      {
        name: 'x',
        sector: 'health',
        kind: 'rebuild',
        districtCode: '999999',
        capacities: { beds: -1, rooms: 3 },
        plannedStart: '2021-02-30',
        plannedEnd: '2025-12-31',
        indicators: ['H99'],
      },
      ctx,
    );
    expect(draft).toBeNull();
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['capacities.beds', 'capacities.rooms', 'districtCode', 'indicators', 'kind', 'plannedStart'].sort(),
    );
    for (const p of problems) expect(p.zh.length > 0 && p.en.length > 0).toBe(true);
  });
});

describe('2025 projection', () => {
  const area = (code: string, kind: Area['kind'], pop: number): Area => ({
    code,
    name: code,
    nameEn: code,
    kind,
    residentPopulation: pop,
    residentPopulationYear: 2020,
    registeredPopulation: null,
    areaKm2: null,
    hasBoundary: false,
    provenance: 'test',
  });
  const city = area('510100', 'city', 300_000);
  const a = area('510104', 'district', 100_000);
  const b = area('510105', 'district', 200_000);
  const beds = REGISTRY_INDICATORS.find((d) => d.indicatorCode === 'H13')!;
  const h13 = {
    code: 'H13',
    name: '每千人口医疗卫生机构床位数',
    direction: 'increase',
    target: { kind: 'equals', value: 8 },
    districtRule: 'sameAsCity',
  } as unknown as Indicator;
  const hospital = (districtCode: string, n: number): RegistryFacility => ({
    type: 'hospital',
    districtCode,
    communityCode: null,
    status: 'open',
    ownership: 'public',
    capacities: { beds: n },
  });
  const project = (over: Partial<ProjectionProject>): ProjectionProject => ({
    code: 'P',
    districtCode: '510104',
    facilityType: 'hospital',
    capacities: { beds: 100 },
    status: 'planned',
    plannedEnd: '2025-12-31',
    ...over,
  });
  const run = (projects: ProjectionProject[]) =>
    projectRegistryIndicators({
      year: 2025,
      indicators: [{ indicator: h13, def: beds }],
      facilities: [hospital('510104', 700), hospital('510105', 1600)],
      projects,
      city,
      districts: [a, b],
      areas: [city, a, b],
      communities: [],
    })[0]!;

  it('adds planned capacities by district and compares with the target (worked by hand)', () => {
    // District A: 700 beds / 100,000 × 1,000 = 7.0 today; + 150 beds → 8.5, meets 8.
    // City: 2,300 / 300,000 × 1,000 = 7.667; + 150 (A) + 300 (city-wide) + 1,150 (Z1 in a zone, no
    // capacity: estimated at the median of the registry's hospitals, (700 + 1,600) / 2) → 3,900 → 13.
    const row = run([
      project({ code: 'A1', capacities: { beds: 150 } }),
      project({ code: 'C1', districtCode: null, capacities: { beds: 300 } }),
      project({ code: 'Z1', districtCode: 'Z-high-tech-zone', capacities: { beds: 0 } }),
      project({ code: 'L1', plannedEnd: '2026-06-30', capacities: { beds: 5000 } }),
      project({ code: 'D1', status: 'completed', capacities: { beds: 5000 } }),
      project({ code: 'N1', facilityType: null }),
    ]);
    const ra = row.byDistrict[0]!;
    expect(ra.current).toBeCloseTo(7, 9);
    expect(ra.projected).toBeCloseTo(8.5, 9);
    expect(ra.currentMeets).toBe(false);
    expect(ra.projectedMeets).toBe(true);
    expect(ra.projects).toEqual(['A1']);
    const rb = row.byDistrict[1]!;
    expect(rb.projected).toBeCloseTo(8, 9);
    expect(rb.projects).toEqual([]);
    expect(row.city.current).toBeCloseTo(2300 / 300, 9);
    expect(row.city.projected).toBeCloseTo(3900 / 300, 9);
    expect(row.city.projects).toEqual(['A1', 'C1', 'Z1']);
    expect(row.city.estimatedProjects).toEqual(['Z1']);
    expect(ra.estimatedProjects).toEqual([]);
  });

  it('tells why each project is in or out', () => {
    const d = new Set(['510104']);
    expect(projectInclusion(project({}), 2025, d)).toBe('included');
    expect(projectInclusion(project({ districtCode: null }), 2025, d)).toBe('cityOnly');
    expect(projectInclusion(project({ plannedEnd: '2026-01-01' }), 2025, d)).toBe('endsLater');
    expect(projectInclusion(project({ capacities: null }), 2025, d)).toBe('noCapacity');
    const typical = new Map([['hospital', { beds: 500 }]] as const);
    expect(projectInclusion(project({ capacities: null }), 2025, d, typical)).toBe('included');
    expect(projectInclusion(project({ status: 'cancelled' }), 2025, d)).toBe('finished');
  });

  it('property: projects never lower a per-population figure, and the city gains the sum of all included beds', () => {
    const arb = fc.array(
      fc.record({
        district: fc.constantFrom('510104', '510105', null),
        beds: fc.integer({ min: 0, max: 5000 }),
        status: fc.constantFrom<ProjectStatus>(...PROJECT_STATUSES),
        endYear: fc.integer({ min: 2021, max: 2027 }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const projects = specs.map((s, i) =>
          project({
            code: `P${i}`,
            districtCode: s.district,
            capacities: { beds: s.beds },
            status: s.status,
            plannedEnd: `${s.endYear}-12-31`,
          }),
        );
        const row = run(projects);
        for (const v of [row.city, ...row.byDistrict])
          expect(v.projected!).toBeGreaterThanOrEqual(v.current! - 1e-9);
        const added = specs
          .filter((s) => (s.status === 'planned' || s.status === 'underway') && s.endYear <= 2025)
          // Zero beds is no capacity: the median of the registry's hospitals stands in (1,150).
          .reduce((t, s) => t + (s.beds > 0 ? s.beds : 1150), 0);
        expect(row.city.projected! - row.city.current!).toBeCloseTo((added * 1000) / 300_000, 6);
      }),
    );
  });
});

describe('routes of the projects pages', () => {
  it('parses the list and one project', () => {
    expect(parseHash('#/projects?sector=health').name).toBe('projects');
    expect(parseHash('#/projects/P05-21')).toMatchObject({ name: 'project', params: { code: 'P05-21' } });
    expect(parseHash('#/projects/P05-21/x').name).toBe('notFound');
  });
});
