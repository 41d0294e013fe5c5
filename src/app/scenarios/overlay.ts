/**
 * The overlay a scenario lays over today's inputs (see src/domain/scenarios/apply-changes.ts), in the
 * shapes the store returns: added facilities become open registry rows with negative ids, marked as
 * scenario facilities (revision 0, source 情景).
 */
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

/** Today's facility rows with the scenario's facility changes; `type` keeps only that type. */
export function overlayFacilities(
  rows: readonly FacilityRow[],
  overlay: ScenarioOverlay | undefined,
  type?: string,
): FacilityRow[] {
  if (!overlay) return rows.slice();
  const out = applyFacilityChanges(rows, overlay.changes, addedFacilityRow);
  return type === undefined ? out : out.filter((f) => f.type === type);
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
