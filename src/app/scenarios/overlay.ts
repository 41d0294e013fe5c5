/**
 * The overlay a scenario lays over today's inputs (see src/domain/scenarios/apply-changes.ts), in the
 * shapes the store returns: added facilities become open registry rows with negative ids, marked as
 * scenario facilities (revision 0, source 情景).
 */
import type { ScenarioProject } from '../../domain/projects/scenario-projects.ts';
import type { AddFacilityChange, ScenarioChange } from '../../domain/scenarios/scenario.ts';
import { applyFacilityChanges } from '../../domain/scenarios/apply-changes.ts';
import type { FacilityRow } from '../../store/repositories/facility.repository.ts';
import type { ResidentialPointRow } from '../../store/repositories/residential-point.repository.ts';
import type { Area } from '../../domain/plan/pack.schema.ts';
import { applyDistrictChanges } from '../../domain/scenarios/apply-changes.ts';

/** A scenario's changes, passed to the use cases that can compute on changed inputs. */
export interface ScenarioOverlay {
  changes: readonly ScenarioChange[];
  /**
   * Today's residential points and facilities of the type computed on, when the caller has read them
   * already (a comparison reads them once for several computations); read from the store otherwise.
   */
  today?: { points: ResidentialPointRow[]; facilities: FacilityRow[] };
  /**
   * Major projects a `completeProjects` change counts as built that have no location (see
   * src/app/projects/scenario-projects.ts, which also turns the located ones into `addFacility`
   * changes): their capacity counts in their district's supply (norm gaps, registry indicators), never
   * in a distance computation.
   */
  unplaced?: readonly ScenarioProject[];
}

export const SCENARIO_SOURCE = '情景 scenario';

export function addedFacilityRow(c: AddFacilityChange, id: number): FacilityRow {
  return {
    id,
    name: c.name,
    type: c.type,
    lon: c.lon,
    lat: c.lat,
    districtCode: c.districtCode,
    communityCode: null,
    capacities: c.capacities,
    ownership: 'public',
    status: 'open',
    openingDate: null,
    source: SCENARIO_SOURCE,
    synthetic: false,
    revision: 0,
    updatedAt: '',
    updatedBy: '',
  };
}

/** An unplaced project's capacity as a registry row of its district, with no coordinates (NaN). */
export function unplacedProjectRow(p: ScenarioProject, id: number): FacilityRow {
  return {
    ...addedFacilityRow(
      {
        kind: 'addFacility',
        name: `重大项目 ${p.code} ${p.name}`,
        type: p.type,
        lon: Number.NaN,
        lat: Number.NaN,
        districtCode: p.districtCode,
        capacities: p.capacities,
      },
      id,
    ),
    source: `${SCENARIO_SOURCE} ${PROJECT_NOT_PLACED}`,
  };
}

const PROJECT_NOT_PLACED = '未定位 not placed';

/**
 * Today's facility rows with the scenario's facility changes; `type` keeps only that type. The
 * type-filtered list feeds distance computations (coverage, 2SFCA), so it leaves out the unplaced
 * projects; the full list feeds supply counts (norm gaps, registry indicators) and has them, after
 * the added facilities, with the next negative ids.
 */
export function overlayFacilities(
  rows: readonly FacilityRow[],
  overlay: ScenarioOverlay | undefined,
  type?: string,
): FacilityRow[] {
  if (!overlay) return rows.slice();
  const out = applyFacilityChanges(rows, overlay.changes, addedFacilityRow);
  if (type !== undefined) return out.filter((f) => f.type === type);
  const firstId = out.reduce((m, f) => Math.min(m, f.id), 0);
  return out.concat((overlay.unplaced ?? []).map((p, i) => unplacedProjectRow(p, firstId - 1 - i)));
}

/**
 * The city and its districts with a scenario's projected residents: the city's figure moves by the
 * districts' changes (the pack's city figure need not be their sum).
 */
export function overlayAreas(
  plan: { city: Area; districts: Area[] },
  overlay: ScenarioOverlay | undefined,
): { city: Area; districts: Area[] } {
  if (!overlay) return { city: plan.city, districts: plan.districts };
  const districts = applyDistrictChanges(plan.districts, [], overlay.changes);
  const moved = districts.reduce(
    (s, d, i) => s + (d.residentPopulation ?? 0) - (plan.districts[i]?.residentPopulation ?? 0),
    0,
  );
  const city =
    plan.city.residentPopulation !== null && moved !== 0
      ? { ...plan.city, residentPopulation: plan.city.residentPopulation + moved }
      : plan.city;
  return { city, districts };
}
