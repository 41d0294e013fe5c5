/**
 * A project's capacity when the plan prints none (issue 4 §3): the plan gives beds, places or floor
 * area for only 2 of its 79 projects, so a projection or scenario on entered capacities alone barely
 * moves. Where a project has a facility type but no capacity, it is estimated as the median capacity
 * of the open registry facilities of that type, per capacity key, times the project's count for a
 * programme of several facilities; the estimate is marked, with its basis, and a planner-entered
 * capacity always replaces it. One function, used by the projection and by scenarios alike.
 */
import type { CapacityKey, FacilityStatus, FacilityType } from '../resources/facility.ts';
import { CAPACITY_KEYS } from '../resources/facility.ts';

export type Capacities = Partial<Record<CapacityKey, number>>;

export interface EstimateFacility {
  type: FacilityType;
  status: FacilityStatus;
  capacities: Capacities;
}

export interface CapacityProject {
  facilityType: FacilityType | null;
  capacities: Capacities | null;
  /** How many facilities a programme builds (null: one). */
  count?: number | null;
}

export interface ProjectCapacity {
  capacities: Capacities;
  estimated: boolean;
  /** Why the figure is what it is, for an estimate (null for an entered capacity). */
  basis: { zh: string; en: string } | null;
}

/** The median of non-empty values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Per facility type, the median of each capacity key over its open facilities that give that key a
 * positive value (a facility without beds does not pull the median of beds to zero), rounded to a
 * whole unit: beds, places and square metres are counted in whole units.
 */
export function typicalCapacities(facilities: readonly EstimateFacility[]): Map<FacilityType, Capacities> {
  const values = new Map<FacilityType, Map<CapacityKey, number[]>>();
  for (const f of facilities) {
    if (f.status !== 'open') continue;
    for (const k of CAPACITY_KEYS) {
      const v = f.capacities[k];
      if (v === undefined || !(v > 0)) continue;
      const byKey = values.get(f.type) ?? new Map<CapacityKey, number[]>();
      values.set(f.type, byKey);
      byKey.set(k, [...(byKey.get(k) ?? []), v]);
    }
  }
  const out = new Map<FacilityType, Capacities>();
  for (const [type, byKey] of values) {
    const caps: Capacities = {};
    for (const [k, vs] of byKey) caps[k] = Math.round(median(vs));
    out.set(type, caps);
  }
  return out;
}

/** Whether a capacity object gives at least one positive figure. */
export function hasCapacity(c: Capacities | null | undefined): c is Capacities {
  return c !== null && c !== undefined && Object.values(c).some((v) => v !== undefined && v > 0);
}

/**
 * The capacity a project adds: the entered one when it gives any figure, else the typical capacity of
 * its type times its count; null without a facility type or without any open facility of the type.
 */
export function projectCapacity(
  p: CapacityProject,
  typical: ReadonlyMap<FacilityType, Capacities>,
): ProjectCapacity | null {
  if (p.facilityType === null) return null;
  if (hasCapacity(p.capacities)) return { capacities: { ...p.capacities }, estimated: false, basis: null };
  const t = typical.get(p.facilityType);
  if (!hasCapacity(t)) return null;
  const n = p.count !== null && p.count !== undefined && p.count > 0 ? p.count : 1;
  const capacities: Capacities = {};
  for (const k of CAPACITY_KEYS) if (t[k] !== undefined) capacities[k] = (t[k] as number) * n;
  return {
    capacities,
    estimated: true,
    basis:
      n === 1
        ? {
            zh: '按登记同类设施容量中位数估计',
            en: 'estimated: median capacity of registered facilities of the type',
          }
        : {
            zh: `按登记同类设施容量中位数 × ${n} 处估计`,
            en: `estimated: median capacity of registered facilities of the type × ${n}`,
          },
  };
}
