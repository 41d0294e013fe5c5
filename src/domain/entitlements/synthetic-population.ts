/**
 * A seeded synthetic population of Chengdu (示例, synthetic) in households, for proactive matching
 * (服务找人) where no real registry is connected. Built straight into columns (PopulationColumns):
 * no object per person, so 1,000,000 people take about 82 MB (per person: 54 bytes of person
 * columns, 4 for the household index, about 24 of household columns) and the full 21,000,000 about
 * 1.7 GB, on one machine.
 *
 * What it matches, and how:
 * - district totals: the requested size is split over the pack's districts in proportion to their
 *   resident population (largest remainder, so the parts add up exactly);
 * - ages: each district's people are split over single years of age by the city's census shares
 *   (age-bands.ts, the same shares as the synthetic residential points), exactly;
 * - households (1–6 members) are assembled from those ages so that relations are plausible:
 *   children live with one or two parents 22–40 years older, sometimes with grandparents; the other
 *   adults live alone, as couples of similar age, or as an older parent with an adult child.
 * - relations come from that layout (`person.relationToHead`): the head is the parent (in half of
 *   three-generation households the grandparent, whose grandchildren the children then are), a
 *   couple's second member is the spouse (opposite sex; `person.spouseBirthDate` is the partner's),
 *   children are ≥ 18 years younger than their parent, parents ≥ 18 years older.
 * - family planning (计划生育, `childrenCount`, `daughtersOnly`, `onlyChildDied`,
 *   `onlyChildDisabledGrade3Plus`): see `fillChildren` for the rates, all assumptions.
 * Everything else (hukou, income, disability…) is drawn with seeded rates written down below as
 * assumptions, and a little data is deliberately missing (unknown), as in a real registry.
 *
 * No real identity numbers exist here: a person is known by a synthetic id (`syntheticPersonId`),
 * and their GB 11643-shaped identity number is derived on demand from the index, birth date and sex
 * (identity/id-number.ts `syntheticIdNumber`, province 99, which no real number has): no column.
 * Receipt of services is added afterwards (receipts.ts), from the compiled rules.
 */
import { AGE_BANDS, CHENGDU_AGE_SHARES_2020 } from '../people/age-bands.ts';
import type { AgeBand, BandCounts } from '../people/age-bands.ts';
import { apportionLargestRemainder } from '../people/apportion.ts';
import { invalidField } from '../shared/errors.ts';
import { createRandom } from '../shared/random.ts';
import type { CivilDate } from './derive.ts';
import { civilOf, daysFromCivil, daysInMonth, isIsoDate } from './derive.ts';
import type { FactKey } from './facts.ts';
import { FACTS } from './facts.ts';
import type { FactColumn, PopulationColumns } from './population-columns.ts';
import { UNKNOWN_BYTE, UNKNOWN_DAY } from './population-columns.ts';

export const DEFAULT_POPULATION_SIZE = 1_000_000;
/** The largest population the generator accepts: Chengdu's residents, rounded up. */
export const MAX_POPULATION_SIZE = 21_000_000;
const MAX_AGE = 100;

export interface PopulationDistrict {
  code: string;
  /** Resident population: the weight of the district. */
  residentPopulation: number;
  /** Registered (hukou) population, for the share with a Chengdu hukou; null: city average. */
  registeredPopulation?: number | null;
  areaKm2?: number | null;
}

export interface SyntheticPopulationOptions {
  seed: number;
  size: number;
  districts: readonly PopulationDistrict[];
  /** The date ages are counted at (YYYY-MM-DD): birth dates are drawn so ages are right on it. */
  date: string;
  /** Age shares per disjoint band (default: Chengdu, 2020 census). */
  shares?: BandCounts;
  /**
   * Monthly per-capita income lines the assistance statuses are drawn around (assumption: about
   * Chengdu's 2023 minimum-living-allowance line; the batch passes the catalog's own value).
   */
  dibaoLine?: number;
}

/** A person's display id: synthetic, never an identity number (e.g. SYN-0000042). */
export function syntheticPersonId(index: number): string {
  return `SYN-${String(index).padStart(7, '0')}`;
}

/** The person index of a synthetic id, or null when it is not one. */
export function personIndexOf(id: string): number | null {
  const m = /^SYN-(\d{7,8})$/.exec(id);
  return m ? Number(m[1]) : null;
}

function checkOptions(o: SyntheticPopulationOptions): void {
  if (!Number.isInteger(o.seed)) throw invalidField('seed', '应为整数', `expected an integer, got ${o.seed}`);
  if (!Number.isInteger(o.size) || o.size < 1 || o.size > MAX_POPULATION_SIZE)
    throw invalidField(
      'size',
      `应为 1 到 ${MAX_POPULATION_SIZE} 之间的整数，收到 ${o.size}`,
      `expected a whole number from 1 to ${MAX_POPULATION_SIZE}, got ${o.size}`,
    );
  if (o.districts.length === 0)
    throw invalidField('districts', '至少需要一个区县', 'at least one district is needed');
  if (!isIsoDate(o.date))
    throw invalidField('date', '应为 YYYY-MM-DD 格式的日期', `expected a YYYY-MM-DD date, got ${o.date}`);
  if (o.districts.length >= UNKNOWN_BYTE)
    throw invalidField(
      'districts',
      `最多 ${UNKNOWN_BYTE - 1} 个区县`,
      `at most ${UNKNOWN_BYTE - 1} districts`,
    );
}

/** Single-year age counts of one district: bands by the shares, each band spread over its years. */
export function ageCounts(total: number, shares: BandCounts): Uint32Array {
  const bandTotals = apportionLargestRemainder(
    total,
    AGE_BANDS.map((b) => shares[b]),
  );
  const counts = new Uint32Array(MAX_AGE + 1);
  AGE_BANDS.forEach((band, k) => {
    const [lo, hi] = bandYears(band);
    // 80+ thins out with age (a person of 95 is rarer than one of 81); other bands are even.
    const weights = [];
    for (let a = lo; a <= hi; a++) weights.push(band === '80+' ? Math.pow(0.85, a - lo) : 1);
    apportionLargestRemainder(bandTotals[k]!, weights).forEach((n, j) => (counts[lo + j] = n));
  });
  return counts;
}

export function bandYears(band: AgeBand): [number, number] {
  if (band === '80+') return [80, MAX_AGE];
  const [lo, hi] = band.split('-').map(Number);
  return [lo!, hi!];
}

/** Columns of the input facts, allocated once for the whole population. */
function allocate(size: number): Record<string, FactColumn> {
  const cols: Record<string, FactColumn> = {};
  for (const key of Object.keys(FACTS) as FactKey[]) {
    const def = FACTS[key];
    if ('derivedFrom' in def) continue;
    if (!key.startsWith('person.')) continue;
    cols[key] =
      def.type === 'number'
        ? new Float64Array(size).fill(NaN)
        : def.type === 'date'
          ? new Int32Array(size).fill(UNKNOWN_DAY)
          : new Uint8Array(size).fill(UNKNOWN_BYTE);
  }
  return cols;
}

function allocateHouseholds(size: number): Record<string, FactColumn> {
  const cols: Record<string, FactColumn> = {};
  for (const key of Object.keys(FACTS) as FactKey[]) {
    const def = FACTS[key];
    if ('derivedFrom' in def || !key.startsWith('household.')) continue;
    cols[key] =
      def.type === 'number' ? new Float64Array(size).fill(NaN) : new Uint8Array(size).fill(UNKNOWN_BYTE);
  }
  return cols;
}

/** The same columns with room for `size` households (unknown beyond the copied ones). */
function grown(cols: Record<string, FactColumn>, size: number): Record<string, FactColumn> {
  const next = allocateHouseholds(size);
  for (const [k, col] of Object.entries(cols)) next[k]!.set(col as Float64Array & Uint8Array);
  return next;
}

const idx = (key: FactKey, value: string): number =>
  (FACTS[key] as { values: readonly string[] }).values.indexOf(value);

/** Seeded draws the generator needs. */
class Draw {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = createRandom(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** Log-normal with the given median and log-sd: a skewed income. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  pick(weights: readonly number[]): number {
    let r = this.next() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
    return weights.length - 1;
  }
}

/** The people of a district still to place in households, as counts per year of age. */
class AgePool {
  left: number;
  constructor(readonly counts: Uint32Array) {
    this.left = counts.reduce((s, n) => s + n, 0);
  }
  countIn(lo: number, hi: number): number {
    let n = 0;
    for (let a = Math.max(0, lo); a <= Math.min(MAX_AGE, hi); a++) n += this.counts[a]!;
    return n;
  }
  /** Takes someone aged as near `want` as possible within [lo, hi]; -1 if there is nobody there. */
  takeNear(want: number, lo: number, hi: number): number {
    lo = Math.max(0, lo);
    hi = Math.min(MAX_AGE, hi);
    for (let d = 0; d <= MAX_AGE; d++) {
      for (const a of [want - d, want + d]) {
        if (a >= lo && a <= hi && this.counts[a]! > 0) {
          this.counts[a]!--;
          this.left--;
          return a;
        }
      }
      if (want - d < lo && want + d > hi) break;
    }
    return -1;
  }
  /** Takes someone at random (weighted by count) within [lo, hi]; -1 if nobody. */
  takeRandom(draw: Draw, lo: number, hi: number): number {
    const n = this.countIn(lo, hi);
    if (n === 0) return -1;
    let r = Math.floor(draw.next() * n);
    for (let a = Math.max(0, lo); a <= hi; a++) {
      if (r < this.counts[a]!) {
        this.counts[a]!--;
        this.left--;
        return a;
      }
      r -= this.counts[a]!;
    }
    return -1;
  }
}

/** Household sizes of adults without children (1–3), and the shares of each, an assumption. */
const ADULT_HOUSEHOLD = { single: 0.42, couple: 0.46, parentAndAdultChild: 0.12 };

const REL = {
  head: idx('person.relationToHead', 'head'),
  spouse: idx('person.relationToHead', 'spouse'),
  child: idx('person.relationToHead', 'child'),
  parent: idx('person.relationToHead', 'parent'),
  grandchild: idx('person.relationToHead', 'grandchild'),
  sibling: idx('person.relationToHead', 'sibling'),
  other: idx('person.relationToHead', 'other'),
};

/**
 * One household as generated: per member (same order) the age, the relation to the head (REL),
 * the member they are a couple with and a parent of theirs living here (-1: none).
 */
interface HouseholdLayout {
  ages: number[];
  relations: number[];
  partnerOf: number[];
  parentOf: number[];
}

function layout(): HouseholdLayout & { add(age: number, rel: number, parent?: number): number } {
  const l = {
    ages: [] as number[],
    relations: [] as number[],
    partnerOf: [] as number[],
    parentOf: [] as number[],
    add(age: number, rel: number, parent = -1): number {
      l.ages.push(age);
      l.relations.push(rel);
      l.partnerOf.push(-1);
      l.parentOf.push(parent);
      return l.ages.length - 1;
    },
  };
  return l;
}

function pair(l: HouseholdLayout, a: number, b: number): void {
  l.partnerOf[a] = b;
  l.partnerOf[b] = a;
}

/**
 * Assembles one district's households from its age pool. Children first (each with parents), then
 * the adults. The head is the parent, or in half of the three-generation households the
 * grandparent (the parent is then their child, the parent's partner 其他 (a child-in-law), and the
 * children grandchildren).
 */
function* households(pool: AgePool, draw: Draw): Generator<HouseholdLayout> {
  while (pool.left > 0) {
    const kids = pool.countIn(0, 17);
    if (kids > 0) {
      const first = pool.takeRandom(draw, 0, 17);
      const ages: number[] = [];
      const parentWant = first + draw.int(24, 36);
      const p1 = pool.takeNear(parentWant, first + 18, first + 45);
      let p2 = -1;
      if (p1 >= 0) {
        ages.push(p1);
        if (draw.chance(0.85)) {
          p2 = pool.takeNear(p1 + draw.int(-3, 3), first + 18, first + 48);
          if (p2 >= 0) ages.push(p2);
        }
      }
      const children = [first];
      const siblings = draw.pick([0.62, 0.33, 0.05]);
      for (let s = 0; s < siblings && ages.length + children.length < 6; s++) {
        const sib = pool.takeNear(first + draw.int(-6, 6), 0, 17);
        if (sib >= 0) children.push(sib);
      }
      // Three generations: grandparents, mostly where there are young children to look after.
      let g1 = -1;
      let g2 = -1;
      if (ages.length + children.length < 6 && p1 >= 0 && draw.chance(first < 6 ? 0.35 : 0.15)) {
        g1 = pool.takeNear(p1 + draw.int(25, 32), p1 + 18, MAX_AGE);
        if (g1 >= 0 && ages.length + children.length < 5 && draw.chance(0.6))
          g2 = pool.takeNear(g1 + draw.int(-3, 3), p1 + 18, MAX_AGE);
      }
      const grandHead = g1 >= 0 && draw.chance(0.5);
      const l = layout();
      if (p1 < 0) {
        // No adult left to be a parent: the children live on their own (rare at the census shares).
        children.forEach((a, k) => l.add(a, k === 0 ? REL.head : REL.sibling));
        yield l;
        continue;
      }
      // Member order: parents, children, grandparents (the order the ages were drawn in).
      const m1 = l.add(p1, grandHead ? REL.child : REL.head);
      if (p2 >= 0) pair(l, m1, l.add(p2, grandHead ? REL.other : REL.spouse));
      for (const a of children) l.add(a, grandHead ? REL.grandchild : REL.child, m1);
      if (g1 >= 0) {
        const mg = l.add(g1, grandHead ? REL.head : REL.parent);
        l.parentOf[m1] = mg;
        if (g2 >= 0) pair(l, mg, l.add(g2, grandHead ? REL.spouse : REL.parent));
      }
      yield l;
      continue;
    }
    const head = pool.takeRandom(draw, 18, MAX_AGE);
    const l = layout();
    if (head < 0) {
      // Only children left (a district with more children than parents can place): they form
      // households of their own, flagged by their ages; rare at the census shares.
      l.add(pool.takeRandom(draw, 0, MAX_AGE), REL.head);
      yield l;
      continue;
    }
    const kind = draw.pick([
      ADULT_HOUSEHOLD.single,
      ADULT_HOUSEHOLD.couple,
      ADULT_HOUSEHOLD.parentAndAdultChild,
    ]);
    const h = l.add(head, REL.head);
    if (kind === 1) {
      const partner = pool.takeNear(head + draw.int(-4, 4), 18, MAX_AGE);
      if (partner >= 0) pair(l, h, l.add(partner, REL.spouse));
    } else if (kind === 2) {
      if (head >= 55) {
        const child = pool.takeNear(head - draw.int(24, 34), 18, head - 18);
        if (child >= 0) l.add(child, REL.child, h);
      } else {
        const parent = pool.takeNear(head + draw.int(24, 34), head + 18, MAX_AGE);
        if (parent >= 0) l.parentOf[h] = l.add(parent, REL.parent);
      }
    }
    yield l;
  }
}

export interface GeneratedPopulation extends PopulationColumns {
  /** The generation options, kept so the population can be rebuilt exactly (seed, size, date). */
  readonly options: { seed: number; size: number; date: string };
}

/**
 * Generates the population. Deterministic: the same options give the same columns, byte for byte.
 * Persons are numbered district by district, household by household.
 */
export function generatePopulation(o: SyntheticPopulationOptions): GeneratedPopulation {
  checkOptions(o);
  const shares = o.shares ?? CHENGDU_AGE_SHARES_2020.shares;
  const dibaoLine = o.dibaoLine ?? 1100;
  const ref = civilOf(o.date);
  const perDistrict = apportionLargestRemainder(
    o.size,
    o.districts.map((d) => d.residentPopulation),
  );
  const person = allocate(o.size);
  // At most one household per person; trimmed at the end.
  // Households are about half as many as people; start at 60% and grow if a district needs more
  // (one household per person would cost 1 GB of transient columns at 21 million people).
  let capacity = Math.ceil(o.size * 0.6) + 16;
  let hh = allocateHouseholds(capacity);
  const householdOf = new Uint32Array(o.size);
  const P = person as Cols;

  const cityRegistered =
    o.districts.reduce((s, d) => s + (d.registeredPopulation ?? 0), 0) /
    Math.max(
      1,
      o.districts.reduce((s, d) => s + (d.registeredPopulation != null ? d.residentPopulation : 0), 0),
    );

  let i = 0;
  let h = 0;
  o.districts.forEach((district, dIndex) => {
    const draw = new Draw((o.seed * 7919 + dIndex * 104_729) >>> 0);
    const pool = new AgePool(ageCounts(perDistrict[dIndex]!, shares));
    const chengduHukou = Math.min(
      0.98,
      district.registeredPopulation != null && district.residentPopulation > 0
        ? district.registeredPopulation / district.residentPopulation
        : cityRegistered || 0.75,
    );
    const density =
      district.areaKm2 && district.areaKm2 > 0 ? district.residentPopulation / district.areaKm2 : 2000;
    const urbanShare = density > 5000 ? 0.92 : density > 1000 ? 0.72 : 0.45;
    for (const members of households(pool, draw)) {
      const ages = members.ages;
      const first = i;
      if (h === capacity) {
        capacity = Math.min(o.size, Math.ceil(capacity * 1.5));
        hh = grown(hh, capacity);
      }
      fillHousehold(
        members,
        first,
        h,
        dIndex,
        { chengduHukou, urbanShare, ref, dibaoLine },
        draw,
        P,
        hh as Cols,
      );
      for (let k = 0; k < ages.length; k++) householdOf[first + k] = h;
      i += ages.length;
      h++;
    }
  });

  // Trim the household columns to the households made.
  const trimmed: Record<string, FactColumn> = {};
  for (const [k, col] of Object.entries(hh)) trimmed[k] = col.slice(0, h);
  hh = trimmed;
  return {
    size: o.size,
    households: h,
    householdOf,
    person,
    household: hh,
    districtCodes: o.districts.map((d) => d.code),
    receives: new Map(),
    synthetic: true,
    options: { seed: o.seed, size: o.size, date: o.date },
  };
}

/** Columns written by index (every column type takes a number). */
type Cols = Record<string, { [i: number]: number }>;

/**
 * A birth day (days since 1970) for someone exactly `age` full years old on `ref`: uniformly among
 * the days from a day after their (age+1)-th birthday before `ref` back to their age-th (u in [0, 1)).
 */
export function birthDayAt(ref: CivilDate, age: number, u: number): number {
  const day = (y: number) => daysFromCivil(y, ref.m, Math.min(ref.d, daysInMonth(y, ref.m)));
  const latest = day(ref.y - age);
  const earliest = day(ref.y - age - 1) + 1;
  return earliest + Math.floor(u * (latest - earliest + 1));
}

interface DistrictTraits {
  chengduHukou: number;
  urbanShare: number;
  ref: CivilDate;
  dibaoLine: number;
}

const E = {
  employed: idx('person.employmentStatus', 'employed'),
  selfEmployed: idx('person.employmentStatus', 'selfEmployed'),
  flexible: idx('person.employmentStatus', 'flexible'),
  registeredUnemployed: idx('person.employmentStatus', 'registeredUnemployed'),
  unemployed: idx('person.employmentStatus', 'unemployed'),
  retired: idx('person.employmentStatus', 'retired'),
  notInLabourForce: idx('person.employmentStatus', 'notInLabourForce'),
};
const STAGE = (s: string) => idx('person.studentStage', s);
const DISABILITY_WEIGHTS = [0, 0.14, 0.24, 0.015, 0.36, 0.07, 0.07, 0.09]; // by DISABILITY_TYPES
const GRADE_WEIGHTS = [0.12, 0.2, 0.3, 0.38]; // grades 1–4

/** Disability prevalence by age (assumption: ≈6% overall, as the 2006 sample survey's 6.34%). */
function disabilityRate(age: number): number {
  return age < 18 ? 0.014 : age < 45 ? 0.029 : age < 60 ? 0.063 : age < 80 ? 0.15 : 0.3;
}

/** Writes one household's members (persons first..first+n-1) and the household row h. */
function fillHousehold(
  members: HouseholdLayout,
  first: number,
  h: number,
  district: number,
  t: DistrictTraits,
  draw: Draw,
  P: Cols,
  H: Cols,
): void {
  const { ages, partnerOf } = members;
  const n = ages.length;
  const local = draw.chance(t.chengduHukou);
  const hukouPlace = local ? 0 : draw.chance(0.6) ? 1 : 2;
  const hukouType = draw.chance(t.urbanShare) ? 0 : 1;
  // A household in hardship (assumption 3.5%): little or no work income, few assets.
  const hardship = draw.chance(0.035);
  const suddenHardship = draw.chance(hardship ? 0.08 : 0.003);
  let income = 0;
  let employed = 0;
  let workingAge = 0;
  let childUnder3 = 0;
  let onlyOld = true;
  for (let k = 0; k < n; k++) {
    const i = first + k;
    const age = ages[k]!;
    if (age >= 18) onlyOld &&= age >= 60;
    // Sex: a couple is one of each; otherwise even.
    const partner = partnerOf[k]!;
    const female =
      partner >= 0 && partner < k ? 1 - P['person.sex']![first + partner]! : draw.chance(0.49) ? 1 : 0;
    P['person.sex']![i] = female;
    P['person.relationToHead']![i] = members.relations[k]!;
    P['person.birthDate']![i] = birthDayAt(t.ref, age, draw.next());
    P['person.residenceDistrict']![i] = district;
    P['person.hukouPlace']![i] = hukouPlace;
    P['person.hukouType']![i] = hukouType;
    P['person.hasResidencePermit']![i] = local ? 0 : age >= 16 && draw.chance(0.7) ? 1 : 0;
    P['person.pregnant']![i] = female && age >= 20 && age <= 42 ? (draw.chance(0.025) ? 1 : 0) : 0;
    P['person.planningPregnancy']![i] = female && age >= 22 && age <= 38 ? (draw.chance(0.05) ? 1 : 0) : 0;
    const stage =
      age >= 3 && age <= 5
        ? draw.chance(0.9)
          ? STAGE('preschool')
          : STAGE('none')
        : age >= 6 && age <= 11
          ? STAGE('primary')
          : age >= 12 && age <= 14
            ? STAGE('juniorSecondary')
            : age >= 15 && age <= 17
              ? [STAGE('seniorSecondary'), STAGE('vocationalSecondary'), STAGE('none')][
                  draw.pick([0.57, 0.4, 0.03])
                ]!
              : age >= 18 && age <= 22 && draw.chance(0.55)
                ? STAGE('tertiary')
                : STAGE('none');
    P['person.studentStage']![i] = stage;
    const student = stage !== STAGE('none');

    // Disability: type and grade (grade unknown where there is no disability: it does not apply).
    const disabled = draw.chance(disabilityRate(age));
    const dType = disabled ? draw.pick(DISABILITY_WEIGHTS) : 0;
    const grade = disabled ? draw.pick(GRADE_WEIGHTS) + 1 : NaN;
    P['person.disabilityType']![i] = dType;
    P['person.disabilityGrade']![i] = grade;
    const severe = disabled && grade <= 2;

    // Employment by age (statutory retirement: men 60, women 50/55 — 55 used for all women here).
    const retireAge = female ? 55 : 60;
    let status: number;
    if (age < 16 || student) status = E.notInLabourForce;
    else if (age >= retireAge)
      status = draw.chance(0.82) ? E.retired : draw.chance(0.3) ? E.flexible : E.notInLabourForce;
    else if (severe && draw.chance(0.8)) status = E.notInLabourForce;
    else if (hardship)
      status = [E.flexible, E.registeredUnemployed, E.unemployed, E.notInLabourForce][
        draw.pick([0.3, 0.25, 0.25, 0.2])
      ]!;
    else
      status = [
        E.employed,
        E.selfEmployed,
        E.flexible,
        E.registeredUnemployed,
        E.unemployed,
        E.notInLabourForce,
      ][draw.pick([0.66, 0.08, 0.1, 0.025, 0.025, 0.11])]!;
    P['person.employmentStatus']![i] = status;
    const working = status === E.employed || status === E.selfEmployed || status === E.flexible;
    if (working && age < retireAge) employed++;
    if (age >= 16 && age < retireAge && !student && !severe) workingAge++;
    if (age < 3) childUnder3++;

    const employee = status === E.employed;
    P['person.medicalInsurance']![i] = employee && draw.chance(0.92) ? 0 : draw.chance(0.95) ? 1 : 2;
    const pension =
      age < 16 || student
        ? 2
        : employee || (status === E.retired && draw.chance(0.7))
          ? 0
          : draw.chance(0.8)
            ? 1
            : 2;
    P['person.pensionInsurance']![i] = pension;
    P['person.receivesPension']![i] = pension !== 2 && age >= retireAge && draw.chance(0.96) ? 1 : 0;

    // Own monthly income, skewed (log-normal), in yuan.
    let own = 0;
    if (status === E.employed) own = draw.logNormal(5200, 0.55);
    else if (status === E.selfEmployed) own = draw.logNormal(6000, 0.9);
    else if (status === E.flexible) own = draw.logNormal(hardship ? 900 : 3000, 0.6);
    else if (P['person.receivesPension']![i])
      own = pension === 0 ? draw.logNormal(3300, 0.4) : draw.logNormal(260, 0.3);
    own = Math.round(own);
    P['person.incomeMonthly']![i] = own;
    income += own;

    const selfCare =
      disabled && grade === 1
        ? 2
        : severe || age >= 80
          ? draw.pick([0.62, 0.25, 0.13])
          : age >= 60
            ? draw.pick([0.9, 0.07, 0.03])
            : 0;
    // 2% of the old have no assessment on file yet: unknown.
    P['person.selfCare']![i] = age >= 60 && draw.chance(0.02) ? UNKNOWN_BYTE : selfCare;
    P['person.veteranStatus']![i] =
      !female && age >= 20 && age <= 85
        ? draw.pick([0.95, 0.044, 0.002, 0.0005, 0.0035])
        : draw.chance(0.004)
          ? 4
          : 0;
    P['person.hasLegalMatter']![i] = age >= 18 && draw.chance(0.015) ? 1 : 0;
    P['person.sufferedSuddenHardship']![i] = suddenHardship ? 1 : 0;
  }
  for (let k = 0; k < n; k++) {
    const partner = partnerOf[k]!;
    if (partner >= 0) P['person.spouseBirthDate']![first + k] = P['person.birthDate']![first + partner]!;
  }
  fillChildren(members, first, draw, P);
  // Who has a capable supporter: children and anyone living with a working-age adult; the old alone
  // mostly have children elsewhere.
  for (let k = 0; k < n; k++) {
    const alone = n === 1 || onlyOld;
    P['person.hasCapableSupporter']![first + k] =
      ages[k]! < 18 || !alone ? 1 : draw.chance(hardship ? 0.4 : 0.88) ? 1 : 0;
  }
  // Other household income (farming, rent, support from relatives elsewhere), per member, skewed;
  // without it the rural old on a resident pension would all fall under the line.
  income += hardship ? 0 : Math.round(draw.logNormal(1500, 0.6) * n);
  const perCapita = income / n;
  H['household.memberCount']![h] = n;
  H['household.incomeMonthly']![h] = income;
  const assets = hardship
    ? Math.round(draw.logNormal(3000, 1))
    : Math.round(perCapita * n * 12 * draw.logNormal(1.2, 0.9));
  // 3% of households have no means check on file: assets unknown.
  H['household.financialAssets']![h] = draw.chance(0.03) ? NaN : assets;
  H['household.employedCount']![h] = employed;
  H['household.workingAgeCount']![h] = workingAge;
  H['household.hasChildUnder3']![h] = childUnder3 > 0 ? 1 : 0;
  // Assistance status follows income: most households under the line are on dibao, a few are not
  // (not yet found); the old alone without a supporter are supported as 特困.
  const line = t.dibaoLine;
  let assistance = 0;
  if (onlyOld && n === 1 && !P['person.hasCapableSupporter']![first] && perCapita < line)
    assistance = draw.chance(0.8) ? 3 : 0;
  else if (perCapita < line && assets / n < line * 24) assistance = draw.chance(0.75) ? 2 : 0;
  else if (perCapita < line * 1.5) assistance = draw.chance(0.35) ? 1 : 0;
  else if (draw.chance(0.002)) assistance = 2; // still recorded as dibao after income rose: a re-check case
  H['household.assistanceStatus']![h] = assistance;
  const housing = hardship ? draw.pick([0.35, 0.45, 0.17, 0.03]) : draw.pick([0.73, 0.245, 0.02, 0.005]);
  H['household.housingStatus']![h] = housing;
  const area =
    housing === 0
      ? draw.logNormal(38, 0.35)
      : housing === 1
        ? draw.logNormal(22, 0.4)
        : housing === 2
          ? draw.logNormal(16, 0.2)
          : 0;
  H['household.housingAreaPerCapita']![h] = draw.chance(0.02) ? NaN : Math.round(area * 10) / 10;
}

/**
 * Family size by the age of the older partner, weights for 0, 1, 2, 3, 4 living children
 * (assumption, not a census table: one child was the rule for people now 45–59, born 1966–1980
 * and having children under the one-child policy; rural Sichuan often allowed a second; older
 * cohorts had larger families).
 */
function familySizeWeights(age: number): readonly number[] {
  if (age < 30) return [0.55, 0.33, 0.11, 0.01, 0];
  if (age < 45) return [0.12, 0.5, 0.35, 0.03, 0];
  if (age < 60) return [0.05, 0.58, 0.33, 0.04, 0];
  if (age < 75) return [0.03, 0.18, 0.44, 0.25, 0.1];
  return [0.02, 0.06, 0.25, 0.35, 0.32];
}

/** Share of daughters among births (assumption: sex ratio at birth ≈ 113 boys to 100 girls). */
const DAUGHTER_SHARE = 0.47;
/** Of parents (45+) whose one child lives elsewhere, the share whose child has died (assumption). */
const ONLY_CHILD_DIED_RATE = 0.01;
/** Of parents aged 40+, the share with no family record on file: all four facts unknown. */
const CHILDREN_UNKNOWN_RATE = 0.01;

/**
 * The family-planning facts of one household's members, per couple (a couple shares its children):
 * living children = those living here (members whose parent is one of the couple) plus, from age 22
 * on, a seeded number elsewhere (familySizeWeights; parents under 45 with children at home have
 * none elsewhere). Daughters only: every child here is female and each child elsewhere is drawn
 * female with DAUGHTER_SHARE. An only child living elsewhere has died at ONLY_CHILD_DIED_RATE
 * (the couple then has no living child), and is disabled grade 1–3 at the generator's disability
 * rate for an adult of their age (disabilityRate × 0.62, the share of grades 1–3); an only child
 * living here is disabled grade 1–3 exactly when their own columns say so.
 */
function fillChildren(members: HouseholdLayout, first: number, draw: Draw, P: Cols): void {
  const { ages, partnerOf, parentOf } = members;
  const n = ages.length;
  for (let k = 0; k < n; k++) {
    const partner = partnerOf[k]!;
    if (partner >= 0 && partner < k) continue; // written with the partner
    const age = partner >= 0 ? Math.max(ages[k]!, ages[partner]!) : ages[k]!;
    const here: number[] = [];
    for (let j = 0; j < n; j++)
      if (parentOf[j] === k || (partner >= 0 && parentOf[j] === partner)) here.push(j);
    let count = here.length;
    let elsewhere = 0;
    if (age >= 22 && !(here.length > 0 && age < 45)) {
      count = Math.max(here.length, draw.pick(familySizeWeights(age)));
      elsewhere = count - here.length;
    }
    let daughtersOnly = count > 0 && here.every((j) => P['person.sex']![first + j] === 1);
    for (let e = 0; e < elsewhere && daughtersOnly; e++) daughtersOnly = draw.chance(DAUGHTER_SHARE);
    let died = false;
    let disabled = false;
    if (count === 1 && here.length === 1) {
      const grade = P['person.disabilityGrade']![first + here[0]!]!;
      disabled = grade >= 1 && grade <= 3;
    } else if (count === 1) {
      died = age >= 45 && draw.chance(ONLY_CHILD_DIED_RATE);
      disabled = !died && draw.chance(disabilityRate(Math.max(0, age - 28)) * 0.62);
    }
    if (died) {
      count = 0;
      daughtersOnly = false;
    }
    const unknown = age >= 40 && draw.chance(CHILDREN_UNKNOWN_RATE);
    for (const i of partner >= 0 ? [first + k, first + partner] : [first + k]) {
      P['person.childrenCount']![i] = unknown ? NaN : count;
      P['person.daughtersOnly']![i] = unknown ? UNKNOWN_BYTE : daughtersOnly ? 1 : 0;
      P['person.onlyChildDied']![i] = unknown ? UNKNOWN_BYTE : died ? 1 : 0;
      P['person.onlyChildDisabledGrade3Plus']![i] = unknown ? UNKNOWN_BYTE : disabled ? 1 : 0;
    }
  }
}
