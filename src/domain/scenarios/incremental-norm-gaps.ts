/**
 * Incremental norm gaps for scenarios (issue 4 §2, "changing one facility updates the figures
 * quickly"): a facility's capacities count only towards its own district's supply, and a district's
 * residents only towards its own rows, so one changed facility (or one projected district) changes the
 * gap rows of one district. The state keeps today's facilities per district and the rows per district;
 * a change marks its district, and `rows()` recomputes only the marked districts, each from its own
 * facilities (computeNormGaps on that district alone). A changed norm value touches every district, so
 * it marks them all.
 *
 * Contract: after any changes, `rows()` equals computeNormGaps over the scenario's inputs (the
 * overlay of apply-changes.ts), exactly, row for row and in the same order. Why exactly and not
 * within rounding: a district's supply is summed again over its facilities in the same order the
 * full computation sums them (today's order, resized ones in place, added ones last), rather than
 * by adding and subtracting deltas, which could differ in the last bit for fractional capacities.
 * test/unit/scenarios/incremental-norm-gaps.test.ts checks it on random scenarios.
 */
import type { BandCounts } from '../people/age-bands.ts';
import type { Area, Norm } from '../plan/pack.schema.ts';
import type { NormGap, SupplyFacility } from '../resources/norm-gaps.ts';
import { computeNormGaps } from '../resources/norm-gaps.ts';
import { addedFacilityId, applyDistrictChanges, applyNormChanges } from './apply-changes.ts';
import type { AddFacilityChange, Capacities, ScenarioChange } from './scenario.ts';

export type GapDistrict = Pick<Area, 'code' | 'residentPopulation'>;
export type GapFacility = SupplyFacility & { id: number };

export class IncrementalNormGaps {
  /** Facilities per district in the full computation's order (a Map keeps insertion order). */
  private readonly byDistrict: Map<string, Map<number, GapFacility>>;
  /** Districts whose facility map this instance owns (the others are shared with the copy's source). */
  private readonly owned: Set<string>;
  private readonly districtOf: Map<number, string>;
  private districts: GapDistrict[];
  private norms: Norm[];
  /** Per district, its rows in norm order (every district has the same computable norms). */
  private readonly rowsOf: Map<string, NormGap[]>;
  private readonly dirty: Set<string>;
  private readonly ageShares: BandCounts;

  constructor(
    input: {
      norms: readonly Norm[];
      districts: readonly GapDistrict[];
      facilities: readonly GapFacility[];
      ageShares: BandCounts;
    },
    from?: IncrementalNormGaps,
  ) {
    if (from) {
      this.byDistrict = new Map(from.byDistrict);
      this.owned = new Set();
      this.districtOf = new Map(from.districtOf);
      this.districts = from.districts;
      this.norms = from.norms;
      this.rowsOf = new Map(from.rowsOf);
      this.dirty = new Set(from.dirty);
      this.ageShares = from.ageShares;
      return;
    }
    this.ageShares = input.ageShares;
    this.norms = input.norms.slice();
    this.districts = input.districts.slice();
    this.byDistrict = new Map();
    this.owned = new Set();
    this.districtOf = new Map();
    this.rowsOf = new Map();
    this.dirty = new Set(this.districts.map((d) => d.code));
    for (const f of input.facilities) this.put(f);
  }

  /** An independent copy for a scenario; district facility maps are copied only when changed. */
  copy(): IncrementalNormGaps {
    return new IncrementalNormGaps(
      { norms: [], districts: [], facilities: [], ageShares: this.ageShares },
      this,
    );
  }

  private mine(code: string): Map<number, GapFacility> {
    let m = this.byDistrict.get(code);
    if (!this.owned.has(code)) {
      m = new Map(m ?? []);
      this.byDistrict.set(code, m);
      this.owned.add(code);
    }
    return m as Map<number, GapFacility>;
  }

  private put(f: GapFacility): void {
    this.mine(f.districtCode).set(f.id, f);
    this.districtOf.set(f.id, f.districtCode);
    this.dirty.add(f.districtCode);
  }

  /** Adds a facility (a new id goes last in its district, as an added facility does in the overlay). */
  add(f: GapFacility): void {
    if (this.districtOf.has(f.id)) this.remove(f.id);
    this.put(f);
  }

  /** Removes a facility; unknown ids change nothing. */
  remove(id: number): void {
    const code = this.districtOf.get(id);
    if (code === undefined) return;
    this.mine(code).delete(id);
    this.districtOf.delete(id);
    this.dirty.add(code);
  }

  /** Changes some capacities of a facility, keeping its place in the order; unknown ids change nothing. */
  resize(id: number, capacities: Capacities): void {
    const code = this.districtOf.get(id);
    if (code === undefined) return;
    const m = this.mine(code);
    const f = m.get(id) as GapFacility;
    m.set(id, { ...f, capacities: { ...f.capacities, ...capacities } });
    this.dirty.add(code);
  }

  /** Sets a district's residents (a projection). */
  setResidents(code: string, residentPopulation: number | null): void {
    this.districts = this.districts.map((d) => (d.code === code ? { ...d, residentPopulation } : d));
    this.dirty.add(code);
  }

  /** Sets a norm's value: every district's row of it changes. */
  setNormValue(code: string, value: number): void {
    this.norms = this.norms.map((n) => (n.code === code ? { ...n, value } : n));
    for (const d of this.districts) this.dirty.add(d.code);
  }

  /**
   * Applies a scenario's changes with the overlay's meaning (apply-changes.ts): removals (of today's
   * facilities and of added ones, whatever the order), resizes of today's facilities merged in order,
   * added facilities last in the order added, projected residents, changed norms. `makeAdded` gives
   * an added facility's record from its change and id.
   */
  applyScenario(
    changes: readonly ScenarioChange[],
    makeAdded: (c: AddFacilityChange, id: number) => GapFacility,
  ): void {
    const removed = new Set<number>();
    for (const c of changes) if (c.kind === 'removeFacility') removed.add(c.facilityId);
    const today = new Set(this.districtOf.keys());
    for (const id of removed) this.remove(id);
    for (const c of changes)
      if (c.kind === 'resizeFacility' && today.has(c.facilityId)) this.resize(c.facilityId, c.capacities);
    let added = 0;
    for (const c of changes) {
      if (c.kind !== 'addFacility') continue;
      const id = addedFacilityId(added++);
      if (!removed.has(id)) this.add(makeAdded(c, id));
    }
    const projected = applyDistrictChanges(this.districts, [], changes);
    projected.forEach((d, i) => {
      if (d.residentPopulation !== this.districts[i]?.residentPopulation)
        this.setResidents(d.code, d.residentPopulation);
    });
    const norms = applyNormChanges(this.norms, changes);
    norms.forEach((n, i) => {
      if (n.value !== this.norms[i]?.value) this.setNormValue(n.code, n.value);
    });
  }

  /** Districts recomputed by the next `rows()` call (for tests and timings). */
  pending(): string[] {
    return [...this.dirty];
  }

  /** The gap rows, as computeNormGaps gives them: per norm, per district. */
  rows(): NormGap[] {
    for (const code of this.dirty) {
      const d = this.districts.find((x) => x.code === code);
      if (!d) continue;
      this.rowsOf.set(
        code,
        computeNormGaps({
          norms: this.norms,
          districts: [d],
          facilities: [...(this.byDistrict.get(code)?.values() ?? [])],
          ageShares: this.ageShares,
        }),
      );
    }
    this.dirty.clear();
    const perDistrict = this.districts.map((d) => this.rowsOf.get(d.code) ?? []);
    const normCount = perDistrict[0]?.length ?? 0;
    const out: NormGap[] = [];
    for (let k = 0; k < normCount; k++) for (const rows of perDistrict) out.push(rows[k] as NormGap);
    return out;
  }
}
