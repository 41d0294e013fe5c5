/**
 * Two scenarios, or a scenario and today ("baseline"), side by side for one facility type (issue 4
 * §2): per district the people within the plan's circle and their share, E2SFCA/2SFCA accessibility,
 * the norm gaps of the resources the type supplies, and the registry-computed indicators that count
 * it; per residential point the change in walking minutes and covered status, for the gain/loss map.
 * The per-point distances, the E2SFCA/2SFCA figures and the norm gaps come from today's, kept, with
 * only what a change touches computed again (scenario-reach.ts, scenario-accessibility.ts,
 * scenario-norm-gaps.ts; each equal to the full computation with the overlay, which the db tests
 * check); the registry indicators are computed by the same code as today's on the overlay.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../domain/identity/roles.ts';
import { coverageReport } from '../../domain/access/coverage-report.ts';
import type { CoverageReport } from '../../domain/access/coverage-report.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { RESOURCE_SUPPLY } from '../../domain/resources/norm-gaps.ts';
import {
  computeRegistryIndicator,
  registryIndicatorFor,
  registryIndicatorTypes,
} from '../../domain/resources/registry-indicators.ts';
import { applyPopulationChanges } from '../../domain/scenarios/apply-changes.ts';
import type {
  ComparisonSide,
  DistrictComparison,
  IndicatorComparison,
  NormGapComparison,
  PointChange,
  ScenarioComparison,
} from '../../domain/scenarios/comparison-view.ts';
import { diff } from '../../domain/scenarios/comparison-view.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { installedNetwork } from '../resources/installed-network.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { loadAccessInputs } from '../resources/access-inputs.ts';
import {
  DEFAULT_DETOUR_FACTOR,
  WALKING_METRES_PER_SECOND,
  nearestFacilities,
  planCircle,
} from '../resources/get-coverage.ts';
import type { ScenarioOverlay } from './overlay.ts';
import { overlayAreas, overlayFacilities } from './overlay.ts';
import { networkScenarioReach, straightLineScenarioReach } from './scenario-reach.ts';
import { scenarioNormGaps } from './scenario-norm-gaps.ts';
import type { ScenarioAccessibility } from './scenario-accessibility.ts';
import { scenarioAccessibility } from './scenario-accessibility.ts';
import { heldScenario } from './scenarios.ts';
import type { ScenarioProjects } from '../projects/scenario-projects.ts';
import { resolveProjectChanges } from '../projects/scenario-projects.ts';
import { projectsView } from '../../domain/scenarios/comparison-view.ts';

export type { ScenarioComparison } from '../../domain/scenarios/comparison-view.ts';

async function sideOf(
  ctx: AppContext,
  ref: string | number,
): Promise<{ side: ComparisonSide; overlay: ScenarioOverlay | undefined; projects: ScenarioProjects }> {
  if (ref === 'baseline')
    return {
      side: { kind: 'baseline', id: null, name: '现状 today' },
      overlay: undefined,
      projects: { counted: [], skipped: [] },
    };
  const id = typeof ref === 'number' ? ref : Number(ref);
  if (!Number.isInteger(id) || id <= 0)
    throw invalidField('with', '应为 baseline 或情景编号', 'must be baseline or a scenario id');
  const s = await heldScenario(ctx, id);
  // Major projects finished by a date (completeProjects) become added facilities or district supply.
  const { overlay, projects } = await resolveProjectChanges(ctx, s.changes);
  return { side: { kind: 'scenario', id: s.id, name: s.name }, overlay, projects };
}

export async function compareScenarios(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { with?: string; type?: string; method?: string },
): Promise<ScenarioComparison> {
  authorize(actor, 'plan.read');
  const started = performance.now();
  const typeText = q.type ?? '';
  if (!(FACILITY_TYPES as readonly string[]).includes(typeText))
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  const type = typeText as FacilityType;
  const method = q.method ?? 'e2sfca';
  if (method !== '2sfca' && method !== 'e2sfca')
    throw invalidField('method', '应为 2sfca 或 e2sfca', 'must be 2sfca or e2sfca');
  const sideA = await sideOf(ctx, q.with ?? 'baseline');
  const sideB = await sideOf(ctx, id);
  const plan = await ctx.plan.get();
  // Today's points and facilities of the type, read once for every computation on both sides.
  const [todayPoints, todayFacilities] = await Promise.all([
    new ResidentialPointRepository(ctx.db).list(),
    new FacilityRepository(ctx.db).list({ type }),
  ]);
  const withToday = (s: typeof sideA) => ({
    side: s.side,
    overlay: {
      changes: s.overlay?.changes ?? [],
      unplaced: s.overlay?.unplaced ?? [],
      today: { points: todayPoints, facilities: todayFacilities },
    },
  });
  const [A, B] = [withToday(sideA), withToday(sideB)];
  const name = (c: string) => plan.areaByCode.get(c)?.name ?? c;

  // Per point: distances (metres walked, or straight-line metres) and the circle, on both sides.
  const reachStarted = performance.now();
  const circle = planCircle(type);
  const network = await installedNetwork(ctx);
  let incremental: boolean;
  let limitMetres: number;
  let toMinutes: (reach: number) => number;
  const sides: Array<{ report: CoverageReport; reach: Float64Array; totals: Float64Array }> = [];
  let lonLat: Array<[number, number]> = [];
  let usesSyntheticData = false;
  if (!network) {
    const metres =
      circle.minutes !== null
        ? (circle.minutes * 60 * WALKING_METRES_PER_SECOND) / DEFAULT_DETOUR_FACTOR
        : (circle.metres as number);
    limitMetres = metres;
    toMinutes = (r) => (r * DEFAULT_DETOUR_FACTOR) / WALKING_METRES_PER_SECOND / 60;
    const today = await loadAccessInputs(ctx, type, { changes: [], today: A.overlay.today });
    lonLat = today.points.map((p) => [p.lon, p.lat]);
    usesSyntheticData = today.points.some((p) => p.synthetic) || today.open.some((f) => f.synthetic);
    for (const s of [A, B]) {
      const points = s.overlay
        ? applyPopulationChanges(today.points, plan.districts, s.overlay.changes)
        : today.points;
      const { reach } = await straightLineScenarioReach(ctx, type, metres * 3, s.overlay, today);
      sides.push({
        report: coverageReport(points, reach, limitMetres, 0),
        reach,
        totals: Float64Array.from(points, (p) => p.total),
      });
    }
    incremental = true;
  } else {
    limitMetres = 0;
    toMinutes = (r) => r / WALKING_METRES_PER_SECOND / 60;
    const limitSeconds =
      circle.minutes !== null ? circle.minutes * 60 : (circle.metres as number) / WALKING_METRES_PER_SECOND;
    const today = await loadAccessInputs(ctx, type, { changes: [], today: A.overlay.today });
    const seconds = [A, B].map((s) =>
      networkScenarioReach(ctx, type, network, Math.ceil(limitSeconds * 3), s.overlay, today),
    );
    incremental = seconds.every((x) => x !== null);
    for (const [k, s] of [A, B].entries()) {
      const inc = seconds[k];
      if (incremental && inc) {
        const points = applyPopulationChanges(today.points, plan.districts, s.overlay.changes);
        const reach = inc.map((t) => t * WALKING_METRES_PER_SECOND);
        limitMetres = limitSeconds * WALKING_METRES_PER_SECOND;
        lonLat = today.points.map((p) => [p.lon, p.lat]);
        usesSyntheticData ||= today.points.some((p) => p.synthetic) || today.open.some((f) => f.synthetic);
        sides.push({
          report: coverageReport(points, reach, limitMetres, 0),
          reach,
          totals: Float64Array.from(points, (p) => p.total),
        });
        continue;
      }
      const r = await nearestFacilities(ctx, { type }, s.overlay);
      limitMetres = r.limitMetres;
      lonLat = r.points.map((p) => [p.lon, p.lat]);
      usesSyntheticData ||= r.points.some((p) => p.synthetic) || r.open.some((f) => f.synthetic);
      sides.push({
        report: coverageReport(r.points, r.reach, r.limitMetres, 0),
        reach: r.reach,
        totals: Float64Array.from(r.points, (p) => p.total),
      });
    }
  }
  const reachMs = performance.now() - reachStarted;
  const [sa, sb] = sides as [(typeof sides)[0], (typeof sides)[0]];

  const changed: PointChange[] = [];
  let gained = 0;
  let lost = 0;
  let peopleGained = 0;
  let peopleLost = 0;
  const minutesOf = (r: number) => (Number.isFinite(r) ? Math.round(toMinutes(r) * 10) / 10 : null);
  for (let i = 0; i < sa.reach.length; i++) {
    const ra = sa.reach[i] as number;
    const rb = sb.reach[i] as number;
    if (ra === rb) continue;
    const ca = ra <= limitMetres ? 1 : 0;
    const cb = rb <= limitMetres ? 1 : 0;
    if (cb > ca) {
      gained++;
      peopleGained += sb.totals[i] as number;
    } else if (ca > cb) {
      lost++;
      peopleLost += sa.totals[i] as number;
    }
    const [lon, lat] = lonLat[i] as [number, number];
    changed.push([
      lon,
      lat,
      Math.round(sb.totals[i] as number),
      minutesOf(ra),
      minutesOf(rb),
      ca,
      cb,
      rb < ra ? -1 : 1,
    ]);
  }

  const accStarted = performance.now();
  // From the kept baseline: only the catchments the changes touch are computed again.
  const accToday = await loadAccessInputs(ctx, type, { changes: [], today: A.overlay.today });
  const [accA, accB] = [A, B].map((s) =>
    scenarioAccessibility(ctx, type, method, accToday, s.overlay, network),
  ) as [ScenarioAccessibility, ScenarioAccessibility];
  const accOf = (v: Pick<ScenarioAccessibility, 'byDistrict'>, code: string) =>
    v.byDistrict.find((d) => d.districtCode === code);
  const coverOf = (r: CoverageReport, code: string) => r.byDistrict.find((d) => d.districtCode === code);
  const codes = [
    ...new Set([...sa.report.byDistrict, ...sb.report.byDistrict].map((d) => d.districtCode)),
  ].sort();
  const byDistrict: DistrictComparison[] = codes.map((code) => {
    const ca = coverOf(sa.report, code);
    const cb = coverOf(sb.report, code);
    const aa = accOf(accA, code);
    const ab = accOf(accB, code);
    return {
      districtCode: code,
      name: name(code),
      population: diff(ca?.population, cb?.population),
      covered: diff(ca?.covered, cb?.covered),
      share: diff(ca?.share, cb?.share),
      accessibility: diff(aa?.accessibility, ab?.accessibility),
      withoutAccess: diff(aa?.withoutAccess, ab?.withoutAccess),
    };
  });

  const accessibilityMs = performance.now() - accStarted;
  const gapsStarted = performance.now();
  // Norm gaps of the resources this type supplies.
  const resources = Object.entries(RESOURCE_SUPPLY)
    .filter(([, s]) => s.types === 'all' || s.types.includes(type))
    .map(([r]) => r);
  const normCodes = new Set(plan.norms.filter((n) => resources.includes(n.resource)).map((n) => n.code));
  // From the kept baseline: only the districts each side's changes touch are computed again.
  const gaps = await scenarioNormGaps(ctx, [A.overlay, B.overlay]);
  const [gapsA, gapsB] = [{ rows: gaps.rows[0] ?? [] }, { rows: gaps.rows[1] ?? [] }];
  // Resources every type counts (physicians, nurses) only where the scenario moved them.
  const ownCodes = new Set(
    plan.norms
      .filter((n) => {
        const supply = RESOURCE_SUPPLY[n.resource];
        return supply !== undefined && supply.types !== 'all' && supply.types.includes(type);
      })
      .map((n) => n.code),
  );
  const normGaps: NormGapComparison[] = gapsB.rows
    .filter((g) => normCodes.has(g.normCode) && g.computable)
    .filter((g) => {
      if (ownCodes.has(g.normCode)) return true;
      const before = gapsA.rows.find((x) => x.normCode === g.normCode && x.districtCode === g.districtCode);
      return before?.gap !== g.gap;
    })
    .map((g) => {
      const before = gapsA.rows.find((x) => x.normCode === g.normCode && x.districtCode === g.districtCode);
      return {
        districtCode: g.districtCode,
        name: g.districtName,
        normCode: g.normCode,
        normName: g.normName,
        normNameEn: g.normNameEn,
        unit: g.unit,
        gap: diff(before?.gap, g.gap),
        metA: before?.met ?? null,
        metB: g.met,
      };
    });

  const normGapsMs = performance.now() - gapsStarted;
  const indicatorsStarted = performance.now();
  // Registry-computed indicators that count this type (the registry read once for all of them).
  const [facilities, communities] = await Promise.all([
    new FacilityRepository(ctx.db).list(),
    new SubAreaRepository(ctx.db).listKind('community'),
  ]);
  const inputsOf = (overlay: ScenarioOverlay | undefined) => ({
    facilities: overlayFacilities(facilities, overlay),
    communities,
    ...overlayAreas(plan, overlay),
  });
  const [inA, inB] = [inputsOf(A.overlay), inputsOf(B.overlay)];
  const indicators: IndicatorComparison[] = [];
  for (const ind of plan.indicators) {
    const def = registryIndicatorFor(ind);
    if (!def) continue;
    const types = registryIndicatorTypes(def);
    if (types !== 'all' && !types.includes(type)) continue;
    const ia = computeRegistryIndicator(def, inA);
    const ib = computeRegistryIndicator(def, inB);
    indicators.push({
      indicatorCode: ind.code,
      name: ind.name,
      city: diff(ia.city.value, ib.city.value),
      byDistrict: ib.byDistrict.map((d) => ({
        districtCode: d.areaCode,
        name: name(d.areaCode),
        ...diff(ia.byDistrict.find((x) => x.areaCode === d.areaCode)?.value, d.value),
      })),
    });
  }

  return {
    type,
    method: network ? 'network' : 'straightLine',
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${DEFAULT_DETOUR_FACTOR}、步速 ${WALKING_METRES_PER_SECOND} 米/秒估算`,
          en: `Approximation: no walking network imported yet; straight-line distance × detour factor ${DEFAULT_DETOUR_FACTOR} at ${WALKING_METRES_PER_SECOND} m/s`,
        },
    accessibilityMethod: method,
    circle: { minutes: circle.minutes, metres: Math.round(limitMetres) },
    a: A.side,
    b: B.side,
    city: {
      population: diff(sa.report.all.population, sb.report.all.population),
      covered: diff(sa.report.all.covered, sb.report.all.covered),
      share: diff(sa.report.all.share, sb.report.all.share),
      accessibility: diff(accA.city.accessibility, accB.city.accessibility),
      withoutAccess: diff(accA.city.withoutAccess, accB.city.withoutAccess),
    },
    byDistrict,
    normGaps,
    indicators,
    points: { total: sa.reach.length, gained, lost, peopleGained, peopleLost, changed },
    incremental,
    usesSyntheticData,
    projects: { a: projectsView(sideA.projects), b: projectsView(sideB.projects) },
    timingsMs: {
      reach: Math.round(reachMs),
      accessibility: Math.round(accessibilityMs),
      normGaps: Math.round(normGapsMs),
      indicators: Math.round(performance.now() - indicatorsStarted),
      total: Math.round(performance.now() - started),
    },
  };
}
