/**
 * Major projects in scenarios, pure parts: a project's location checked against the city's box and
 * its district, the completeProjects change validated field by field, which projects count as built
 * on a date (the edges: planned end equal to the date, completed projects not counted twice), the
 * capacity estimate, and the expansion into added facilities and district-only supply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  median,
  projectCapacity,
  typicalCapacities,
} from '../../../src/domain/projects/capacity-estimate.ts';
import type { EstimateFacility } from '../../../src/domain/projects/capacity-estimate.ts';
import type { ProjectStatus } from '../../../src/domain/projects/project.ts';
import {
  PROJECT_STATUSES,
  validateProjectDraft,
  validateProjectLocation,
} from '../../../src/domain/projects/project.ts';
import type { ScenarioProjectInput } from '../../../src/domain/projects/scenario-projects.ts';
import { qualificationOn, scenarioProjects } from '../../../src/domain/projects/scenario-projects.ts';
import type { FieldProblem } from '../../../src/domain/shared/errors.ts';
import type { OverlayFacility } from '../../../src/domain/scenarios/apply-changes.ts';
import { applyFacilityChanges, expandCompleteProjects } from '../../../src/domain/scenarios/apply-changes.ts';
import type { ScenarioChange, ScenarioContext } from '../../../src/domain/scenarios/scenario.ts';
import { validateChange, validateScenario } from '../../../src/domain/scenarios/scenario.ts';

const BOUNDS = { minLon: 102.9, minLat: 30.0, maxLon: 105.0, maxLat: 31.5 };
/** Two districts split at lon 104.0: 510104 west, 510105 east (a stand-in for the boundaries). */
const districtAt = (lon: number, lat: number) =>
  lat < 30.5 || lat > 31 ? null : lon < 104 ? '510104' : '510105';

describe('project location', () => {
  const check = (raw: unknown, district: string | null = '510104') => {
    const problems: FieldProblem[] = [];
    const location = validateProjectLocation(raw, district, { bounds: BOUNDS, districtAt }, problems);
    return { location, fields: problems.map((p) => p.field), problems };
  };

  it('is optional: null, absent or both coordinates empty mean not placed', () => {
    expect(check(null)).toMatchObject({ location: null, fields: [] });
    expect(check(undefined)).toMatchObject({ location: null, fields: [] });
    expect(check({ lon: '', lat: '' })).toMatchObject({ location: null, fields: [] });
  });

  it('takes numbers or numeric text inside the city and the district', () => {
    expect(check({ lon: 103.9, lat: 30.6 })).toMatchObject({
      location: { lon: 103.9, lat: 30.6 },
      fields: [],
    });
    expect(check({ lon: '103.95', lat: ' 30.7 ' }).location).toEqual({ lon: 103.95, lat: 30.7 });
    // A project in a zone (no boundary) or city-wide is held to the box only.
    expect(check({ lon: 104.5, lat: 30.6 }, null).location).toEqual({ lon: 104.5, lat: 30.6 });
    expect(check({ lon: 104.5, lat: 30.2 }).location).toEqual({ lon: 104.5, lat: 30.2 });
  });

  it('names the wrong coordinate in Chinese and English', () => {
    const half = check({ lon: 103.9, lat: '' });
    expect(half.fields).toEqual(['location.lat']);
    expect(half.problems[0]!.zh).toContain('纬度');
    const swapped = check({ lon: 30.6, lat: 103.9 });
    expect(swapped.fields).toEqual(['location.lon', 'location.lat']);
    expect(swapped.problems[0]!.en).toContain('swapped');
    const elsewhere = check({ lon: 104.5, lat: 30.6 });
    expect(elsewhere.fields).toEqual(['location']);
    expect(elsewhere.problems[0]!.zh).toContain('510105');
    expect(elsewhere.location).toBeNull();
    expect(check([103.9, 30.6]).fields).toEqual(['location']);
  });

  it('is part of the draft', () => {
    const base = {
      name: '示例医院',
      sector: 'health',
      kind: 'new',
      districtCode: '510104',
      plannedStart: '2021-01-01',
      plannedEnd: '2024-12-31',
    };
    const ctx = {
      areaCodes: new Set(['510104', '510105']),
      indicatorCodes: new Set<string>(),
      bounds: BOUNDS,
      districtAt,
    };
    expect(
      validateProjectDraft({ ...base, location: { lon: 103.9, lat: 30.6 } }, ctx).draft?.location,
    ).toEqual({
      lon: 103.9,
      lat: 30.6,
    });
    expect(validateProjectDraft(base, ctx).draft?.location).toBeNull();
    const bad = validateProjectDraft({ ...base, location: { lon: 110, lat: 30.6 } }, ctx);
    expect(bad.draft).toBeNull();
    expect(bad.problems.map((p) => p.field)).toEqual(['location.lon']);
  });
});

describe('the completeProjects change', () => {
  const ctx: ScenarioContext = {
    districtCodes: new Set(['510104']),
    normCodes: new Set(),
    facilityExists: () => false,
    bounds: BOUNDS,
    projectExists: (c) => c.startsWith('P'),
  };

  it('keeps its shape: asOf, and the project codes when given (once each)', () => {
    expect(validateChange({ kind: 'completeProjects', asOf: '2025-12-31' }, ctx)).toEqual({
      change: { kind: 'completeProjects', asOf: '2025-12-31' },
      problems: [],
    });
    expect(
      validateChange({ kind: 'completeProjects', asOf: '2024-06-30', projectCodes: ['P1', 'P2', 'P1'] }, ctx)
        .change,
    ).toEqual({ kind: 'completeProjects', asOf: '2024-06-30', projectCodes: ['P1', 'P2'] });
  });

  it('names each wrong field in Chinese and English', () => {
    const r = validateScenario(
      {
        name: '示例',
        changes: [
          { kind: 'completeProjects', asOf: '2025-02-30' },
          { kind: 'completeProjects', asOf: '2025-12-31', projectCodes: ['P1', 'U-404', 7] },
          { kind: 'completeProjects', asOf: '2025-12-31', projectCodes: 'P1' },
          { kind: 'completeProjects' },
        ],
      },
      ctx,
    );
    expect(r.value).toBeNull();
    expect(r.problems.map((p) => p.field)).toEqual([
      'changes[0].asOf',
      'changes[1].projectCodes[1]',
      'changes[1].projectCodes[2]',
      'changes[2].projectCodes',
      'changes[3].asOf',
    ]);
    expect(r.problems[0]!.zh).toContain('YYYY-MM-DD');
    expect(r.problems[1]!.zh).toContain('重大项目不存在');
    expect(r.problems[1]!.en).toContain('no such major project: U-404');
  });
});

const input = (over: Partial<ScenarioProjectInput>): ScenarioProjectInput => ({
  code: 'P1',
  name: '示例项目',
  status: 'planned',
  plannedEnd: '2025-12-31',
  districtCode: '510104',
  location: null,
  facilityType: 'hospital',
  capacities: { beds: 300 },
  count: null,
  ...over,
});

describe('which projects count as built on a date', () => {
  it('a project ending on the date itself counts; one ending the day after does not', () => {
    expect(qualificationOn(input({ plannedEnd: '2025-12-31' }), '2025-12-31')).toBe('qualifies');
    expect(qualificationOn(input({ plannedEnd: '2026-01-01' }), '2025-12-31')).toBe('endsLater');
    expect(qualificationOn(input({ plannedEnd: '2021-01-01' }), '2021-01-01')).toBe('qualifies');
    expect(qualificationOn(input({ plannedEnd: '2021-01-02' }), '2021-01-01')).toBe('endsLater');
  });

  it('completed projects (already registry facilities) and cancelled ones never count', () => {
    expect(qualificationOn(input({ status: 'completed' }), '2030-01-01')).toBe('completed');
    expect(qualificationOn(input({ status: 'cancelled' }), '2030-01-01')).toBe('cancelled');
    expect(qualificationOn(input({ status: 'underway' }), '2030-01-01')).toBe('qualifies');
    expect(qualificationOn(input({ facilityType: null }), '2030-01-01')).toBe('noFacilityType');
    expect(qualificationOn(input({}), '2030-01-01', ['P2'])).toBe('notSelected');
    expect(qualificationOn(input({}), '2030-01-01', ['P2', 'P1'])).toBe('qualifies');
  });

  it('property: an open project with a type counts exactly when its planned end is on or before the date', () => {
    const day = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.constantFrom<ProjectStatus>(...PROJECT_STATUSES), (end, asOf, status) => {
        const q = qualificationOn(input({ plannedEnd: end, status }), asOf);
        const open = status === 'planned' || status === 'underway';
        expect(q === 'qualifies').toBe(open && Date.parse(end) <= Date.parse(asOf));
      }),
    );
  });

  it('counts each project once, however many changes name it, and only open ones', () => {
    const projects = [
      input({ code: 'P1' }),
      input({ code: 'P2', status: 'completed' }),
      input({ code: 'P3', plannedEnd: '2023-06-30' }),
    ];
    const changes = [
      { kind: 'completeProjects', asOf: '2025-12-31' },
      { kind: 'completeProjects', asOf: '2023-06-30', projectCodes: ['P3'] },
      { kind: 'changeNorm' },
    ];
    const { counted } = scenarioProjects(changes, projects, new Map(), new Set(['510104']));
    expect(counted.map((p) => p.code)).toEqual(['P1', 'P3']);
    expect(
      scenarioProjects([{ kind: 'completeProjects', asOf: '2023-06-29' }], projects, new Map(), new Set())
        .counted,
    ).toEqual([]);
  });

  it('places located projects, keeps unlocated ones in their district, and skips what cannot be estimated', () => {
    const typical = typicalCapacities([{ type: 'hospital', status: 'open', capacities: { beds: 400 } }]);
    const { counted, skipped } = scenarioProjects(
      [{ kind: 'completeProjects', asOf: '2025-12-31' }],
      [
        input({ code: 'A', location: { lon: 103.9, lat: 30.6 } }),
        input({ code: 'B', capacities: null }),
        input({ code: 'C', districtCode: 'Z-zone', location: { lon: 104.5, lat: 30.6 } }),
        input({ code: 'D', districtCode: null }),
        input({ code: 'E', facilityType: 'library', capacities: null }),
      ],
      typical,
      new Set(['510104', '510105']),
      districtAt,
    );
    expect(counted.map((p) => [p.code, p.districtCode, p.placed, p.estimated])).toEqual([
      ['A', '510104', true, false],
      ['B', '510104', false, true],
      // A zone project with a location moves the district it lies in.
      ['C', '510105', true, false],
      // City-wide and unlocated: the city's figures only.
      ['D', '', false, false],
    ]);
    expect(counted[1]!.capacities).toEqual({ beds: 400 });
    expect(counted[1]!.basis?.zh).toBe('按登记同类设施容量中位数估计');
    expect(skipped).toEqual([{ code: 'E', name: '示例项目', type: 'library' }]);
  });
});

describe('the capacity estimate', () => {
  const hospitals = (beds: number[], status: EstimateFacility['status'] = 'open'): EstimateFacility[] =>
    beds.map((b) => ({ type: 'hospital', status, capacities: { beds: b } }));

  it('is the median of the open facilities of the type, per capacity key', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const typical = typicalCapacities([
      ...hospitals([100, 300, 500]),
      ...hospitals([9000], 'closed'),
      { type: 'hospital', status: 'open', capacities: { beds: 0, nurses: 40 } },
      { type: 'library', status: 'open', capacities: { floorAreaM2: 1200 } },
    ]);
    expect(typical.get('hospital')).toEqual({ beds: 300, nurses: 40 });
    expect(typical.get('library')).toEqual({ floorAreaM2: 1200 });
    expect(typical.has('park')).toBe(false);
  });

  it('multiplies by a programme’s count, and an entered capacity always replaces it', () => {
    const typical = typicalCapacities(hospitals([100, 300, 500]));
    expect(projectCapacity({ facilityType: 'hospital', capacities: null, count: 5 }, typical)).toEqual({
      capacities: { beds: 1500 },
      estimated: true,
      basis: {
        zh: '按登记同类设施容量中位数 × 5 处估计',
        en: 'estimated: median capacity of registered facilities of the type × 5',
      },
    });
    expect(
      projectCapacity({ facilityType: 'hospital', capacities: { beds: 20 }, count: 5 }, typical),
    ).toEqual({
      capacities: { beds: 20 },
      estimated: false,
      basis: null,
    });
    expect(projectCapacity({ facilityType: 'library', capacities: null }, typical)).toBeNull();
    expect(projectCapacity({ facilityType: null, capacities: { beds: 1 } }, typical)).toBeNull();
  });

  it('property: the estimate lies between the smallest and largest open capacity; entered figures win', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
        (beds, entered) => {
          const typical = typicalCapacities(hospitals(beds));
          const cap = projectCapacity(
            { facilityType: 'hospital', capacities: entered === null ? null : { beds: entered } },
            typical,
          )!;
          if (entered !== null) {
            expect(cap).toMatchObject({ capacities: { beds: entered }, estimated: false });
          } else {
            expect(cap.estimated).toBe(true);
            expect(cap.capacities.beds!).toBeGreaterThanOrEqual(Math.min(...beds));
            expect(cap.capacities.beds!).toBeLessThanOrEqual(Math.max(...beds));
          }
        },
      ),
    );
  });
});

describe('expanding completeProjects into the overlay', () => {
  const typical = new Map();
  const counted = scenarioProjects(
    [{ kind: 'completeProjects', asOf: '2025-12-31' }],
    [
      input({ code: 'A', location: { lon: 103.9, lat: 30.6 } }),
      input({ code: 'B' }),
      input({ code: 'C', location: { lon: 103.8, lat: 30.7 }, capacities: { beds: 50 } }),
    ],
    typical,
    new Set(['510104']),
    districtAt,
  ).counted;

  it('located projects become added facilities where the change was; the others are returned apart', () => {
    const changes: ScenarioChange[] = [
      { kind: 'removeFacility', facilityId: 7 },
      { kind: 'completeProjects', asOf: '2025-12-31' },
      {
        kind: 'addFacility',
        name: 'x',
        type: 'park',
        lon: 104,
        lat: 30.6,
        districtCode: '510104',
        capacities: {},
      },
      { kind: 'completeProjects', asOf: '2024-12-31' },
    ];
    const r = expandCompleteProjects(changes, counted);
    expect(r.changes.map((c) => c.kind)).toEqual([
      'removeFacility',
      'addFacility',
      'addFacility',
      'addFacility',
    ]);
    expect(r.changes[1]).toMatchObject({
      name: '重大项目 A 示例项目',
      type: 'hospital',
      lon: 103.9,
      lat: 30.6,
      districtCode: '510104',
      capacities: { beds: 300 },
    });
    expect(r.changes[2]).toMatchObject({ capacities: { beds: 50 } });
    expect(r.unplaced.map((p) => p.code)).toEqual(['B']);
    // The overlay's facilities: today's minus the removed, plus the projects and the added one.
    const today: OverlayFacility[] = [
      { id: 7, type: 'hospital', districtCode: '510104', status: 'open', capacities: { beds: 1 } },
    ];
    const out = applyFacilityChanges(today, r.changes, (c, id) => ({
      id,
      type: c.type,
      districtCode: c.districtCode,
      status: 'open',
      capacities: c.capacities,
    }));
    expect(out.map((f) => f.id)).toEqual([-1, -2, -3]);
    expect(out.reduce((s, f) => s + (f.capacities.beds ?? 0), 0)).toBe(350);
  });

  it('without completeProjects the changes pass through as they are', () => {
    const changes: ScenarioChange[] = [{ kind: 'changeNorm', normCode: 'n', value: 1 }];
    expect(expandCompleteProjects(changes, counted)).toEqual({ changes, unplaced: [] });
  });
});
