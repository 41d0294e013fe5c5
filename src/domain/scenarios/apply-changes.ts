/**
 * A scenario's inputs from today's (the "overlay"): the facility list with the added facilities (new
 * negative ids, open), the removed ones left out and the resized ones with their new capacities; the
 * districts' residents projected to the scenario's year and every residential point of a projected
 * district scaled by the same factor (bands and total, proportionally); norms with their new values.
 * Pure: the inputs are never changed; new arrays and objects are returned.
 */
import type { BandCounts } from '../people/age-bands.ts';
import { AGE_BANDS } from '../people/age-bands.ts';
import type { FacilityStatus, FacilityType } from '../resources/facility.ts';
import type { ScenarioProject } from '../projects/scenario-projects.ts';
import type { AddFacilityChange, Capacities, ScenarioChange } from './scenario.ts';
import { projectedTotal } from './scenario.ts';

export interface OverlayFacility {
  id: number;
  type: FacilityType;
  districtCode: string;
  status: FacilityStatus;
  capacities: Capacities;
}

export interface OverlayPoint {
  districtCode: string;
  population: BandCounts;
  total: number;
}

export interface OverlayDistrict {
  code: string;
  residentPopulation: number | null;
}

/** The id an added facility gets in a scenario: −1 for the first `addFacility`, −2 for the second… */
export const addedFacilityId = (n: number): number => -(n + 1);

/**
 * Facilities after the changes, in today's order with the added ones last (in the order added).
 * `makeAdded` builds the caller's facility record from an added one and its id.
 */
export function applyFacilityChanges<F extends OverlayFacility>(
  facilities: readonly F[],
  changes: readonly ScenarioChange[],
  makeAdded: (c: AddFacilityChange, id: number) => F,
): F[] {
  const removed = new Set<number>();
  const resized = new Map<number, Capacities>();
  const added: F[] = [];
  for (const c of changes) {
    if (c.kind === 'removeFacility') removed.add(c.facilityId);
    else if (c.kind === 'resizeFacility')
      resized.set(c.facilityId, { ...(resized.get(c.facilityId) ?? {}), ...c.capacities });
    else if (c.kind === 'addFacility') added.push(makeAdded(c, addedFacilityId(added.length)));
  }
  const out: F[] = [];
  for (const f of facilities) {
    if (removed.has(f.id)) continue;
    const caps = resized.get(f.id);
    out.push(caps ? { ...f, capacities: { ...f.capacities, ...caps } } : f);
  }
  return out.concat(added.filter((f) => !removed.has(f.id)));
}

/**
 * Per projected district: its residents today (the pack's figure, else the sum of its points), in the
 * scenario, and the factor between them (1 when today's is unknown or zero). The last change for a
 * district wins.
 */
export function populationFactors(
  districts: readonly OverlayDistrict[],
  points: readonly OverlayPoint[],
  changes: readonly ScenarioChange[],
): Map<string, { today: number; projected: number; factor: number; year: number }> {
  const out = new Map<string, { today: number; projected: number; factor: number; year: number }>();
  const pointSum = new Map<string, number>();
  for (const p of points) pointSum.set(p.districtCode, (pointSum.get(p.districtCode) ?? 0) + p.total);
  for (const c of changes) {
    if (c.kind !== 'projectPopulation') continue;
    const projected = projectedTotal(c);
    if (projected === null) continue;
    const d = districts.find((x) => x.code === c.districtCode);
    const today = d?.residentPopulation ?? pointSum.get(c.districtCode) ?? 0;
    out.set(c.districtCode, { today, projected, factor: today > 0 ? projected / today : 1, year: c.year });
  }
  return out;
}

/** Points of projected districts scaled by their district's factor; the others as they are. */
export function applyPopulationChanges<P extends OverlayPoint>(
  points: readonly P[],
  districts: readonly OverlayDistrict[],
  changes: readonly ScenarioChange[],
): P[] {
  const factors = populationFactors(districts, points, changes);
  if (factors.size === 0) return points.slice();
  return points.map((p) => {
    const f = factors.get(p.districtCode)?.factor;
    if (f === undefined || f === 1) return p;
    const population = Object.fromEntries(AGE_BANDS.map((b) => [b, p.population[b] * f])) as BandCounts;
    return { ...p, population, total: p.total * f };
  });
}

/** Districts with the projected residents of the scenario. */
export function applyDistrictChanges<D extends OverlayDistrict>(
  districts: readonly D[],
  points: readonly OverlayPoint[],
  changes: readonly ScenarioChange[],
): D[] {
  const factors = populationFactors(districts, points, changes);
  return districts.map((d) => {
    const f = factors.get(d.code);
    return f ? { ...d, residentPopulation: f.projected } : d;
  });
}

/** Norms with the values the scenario gives them (the last change for a norm wins). */
export function applyNormChanges<N extends { code: string; value: number }>(
  norms: readonly N[],
  changes: readonly ScenarioChange[],
): N[] {
  const values = new Map<string, number>();
  for (const c of changes) if (c.kind === 'changeNorm') values.set(c.normCode, c.value);
  return norms.map((n) => (values.has(n.code) ? { ...n, value: values.get(n.code) as number } : n));
}

/**
 * A scenario's `completeProjects` changes in the terms the rest of the overlay knows: each counted
 * project with a place becomes an `addFacility` change (at the first `completeProjects` change, so
 * added ids stay in the order of the list), and those without one are returned apart, to be counted
 * in their district's supply only (the overlay's `unplaced`). Other changes pass through unchanged.
 */
export function expandCompleteProjects(
  changes: readonly ScenarioChange[],
  counted: readonly ScenarioProject[],
): { changes: ScenarioChange[]; unplaced: ScenarioProject[] } {
  const added: AddFacilityChange[] = counted.flatMap((p) =>
    p.placed && p.location
      ? [
          {
            kind: 'addFacility',
            name: `重大项目 ${p.code} ${p.name}`.slice(0, 200),
            type: p.type,
            lon: p.location.lon,
            lat: p.location.lat,
            districtCode: p.districtCode,
            capacities: { ...p.capacities },
          },
        ]
      : [],
  );
  const out: ScenarioChange[] = [];
  let expanded = false;
  for (const c of changes) {
    if (c.kind !== 'completeProjects') out.push(c);
    else if (!expanded) {
      out.push(...added);
      expanded = true;
    }
  }
  return { changes: out, unplaced: expanded ? counted.filter((p) => !p.placed) : [] };
}

/** Every part of the overlay at once. */
export function applyChanges<
  F extends OverlayFacility,
  P extends OverlayPoint,
  D extends OverlayDistrict,
  N extends { code: string; value: number },
>(
  base: { facilities: readonly F[]; points: readonly P[]; districts: readonly D[]; norms: readonly N[] },
  changes: readonly ScenarioChange[],
  makeAdded: (c: AddFacilityChange, id: number) => F,
): { facilities: F[]; points: P[]; districts: D[]; norms: N[] } {
  return {
    facilities: applyFacilityChanges(base.facilities, changes, makeAdded),
    points: applyPopulationChanges(base.points, base.districts, changes),
    districts: applyDistrictChanges(base.districts, base.points, changes),
    norms: applyNormChanges(base.norms, changes),
  };
}
