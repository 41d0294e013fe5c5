/**
 * The synthetic population (示例): reproducible for a seed, district totals exactly proportional
 * (largest remainder), single-year ages following the census shares exactly and birth dates giving
 * those ages on the date, households of 1–6 whose children live with adults old enough to be their
 * parents, ≈6% disabled, a few % under the dibao line; relations to the head that fit the ages,
 * spouses paired, and family-planning facts consistent with the children at home.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilOf, fullYears } from '../../../src/domain/entitlements/derive.ts';
import type { PopulationDistrict } from '../../../src/domain/entitlements/synthetic-population.ts';
import {
  ageCounts,
  bandYears,
  birthDayAt,
  generatePopulation,
  personIndexOf,
  syntheticPersonId,
} from '../../../src/domain/entitlements/synthetic-population.ts';
import { RELATIONS_TO_HEAD } from '../../../src/domain/entitlements/facts.ts';
import { UNKNOWN_BYTE, UNKNOWN_DAY } from '../../../src/domain/entitlements/population-columns.ts';
import { AGE_BANDS, CHENGDU_AGE_SHARES_2020 } from '../../../src/domain/people/age-bands.ts';
import { apportionLargestRemainder } from '../../../src/domain/people/apportion.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const DISTRICTS: PopulationDistrict[] = [
  { code: '510104', residentPopulation: 908_900, registeredPopulation: 658_500, areaKm2: 60.5 },
  { code: '510107', residentPopulation: 1_880_000, registeredPopulation: 1_481_200, areaKm2: 76.6 },
  { code: '510129', residentPopulation: 474_100, registeredPopulation: 490_000, areaKm2: 1_377 },
];
const DATE = '2025-06-30';

function dayToCivil(day: number) {
  const d = new Date(day * 86_400_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** Byte-for-byte equality of two typed arrays (toEqual is slow on 60,000 elements). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function agesOf(pop: ReturnType<typeof generatePopulation>): number[] {
  const birth = pop.person['person.birthDate'] as Int32Array;
  const on = civilOf(DATE);
  return Array.from(birth, (b) => fullYears(dayToCivil(b), on));
}

/** The head of each household: their person index, -1 if it has none, -2 if it has two or more. */
function headsOf(pop: ReturnType<typeof generatePopulation>): Int32Array {
  const rel = pop.person['person.relationToHead'] as Uint8Array;
  const heads = new Int32Array(pop.households).fill(-1);
  rel.forEach((r, i) => {
    if (r !== RELATIONS_TO_HEAD.indexOf('head')) return;
    const h = pop.householdOf[i]!;
    heads[h] = heads[h] === -1 ? i : -2;
  });
  return heads;
}

describe('generatePopulation', () => {
  const pop = generatePopulation({ seed: 7, size: 60_000, districts: DISTRICTS, date: DATE });

  it('is reproducible: the same seed gives the same columns, another seed different ones', () => {
    const again = generatePopulation({ seed: 7, size: 60_000, districts: DISTRICTS, date: DATE });
    for (const part of ['person', 'household'] as const)
      for (const [k, col] of Object.entries(pop[part]))
        expect(sameBytes(again[part][k as keyof (typeof pop)[typeof part]]!, col), k).toBe(true);
    expect(sameBytes(again.householdOf, pop.householdOf)).toBe(true);
    const other = generatePopulation({ seed: 8, size: 60_000, districts: DISTRICTS, date: DATE });
    expect(sameBytes(other.person['person.incomeMonthly']!, pop.person['person.incomeMonthly']!)).toBe(false);
  });

  it('is labelled synthetic and has no receipts until they are drawn from the rules', () => {
    expect(pop.synthetic).toBe(true);
    expect(pop.receives.size).toBe(0);
  });

  it('splits the size over districts exactly in proportion (largest remainder)', () => {
    const expected = apportionLargestRemainder(
      60_000,
      DISTRICTS.map((d) => d.residentPopulation),
    );
    const district = pop.person['person.residenceDistrict'] as Uint8Array;
    const counts = DISTRICTS.map(() => 0);
    for (const d of district) counts[d]!++;
    expect(counts).toEqual(expected);
  });

  it("follows the census age shares: each band's count is within one person per district of its share", () => {
    const ages = agesOf(pop);
    for (const band of AGE_BANDS) {
      const [lo, hi] = bandYears(band);
      const n = ages.filter((a) => a >= lo && a <= hi).length;
      expect(Math.abs(n - CHENGDU_AGE_SHARES_2020.shares[band] * 60_000)).toBeLessThanOrEqual(
        DISTRICTS.length,
      );
    }
  });

  it('builds households of 1–6 people; every child under 18 lives with someone at least 18 years older', () => {
    const ages = agesOf(pop);
    const members = new Map<number, number[]>();
    pop.householdOf.forEach((h, i) => members.set(h, [...(members.get(h) ?? []), i]));
    expect(members.size).toBe(pop.households);
    let orphans = 0;
    for (const [h, people] of members) {
      expect(people.length).toBeGreaterThanOrEqual(1);
      expect(people.length).toBeLessThanOrEqual(6);
      expect((pop.household['household.memberCount'] as Float64Array)[h]).toBe(people.length);
      const oldest = Math.max(...people.map((i) => ages[i]!));
      for (const i of people) if (ages[i]! < 18 && oldest - ages[i]! < 18) orphans++;
    }
    expect(orphans / pop.size).toBeLessThan(0.002);
  });

  it('has about 6% disabled people, each with a grade 1–4, and none graded without a disability', () => {
    const type = pop.person['person.disabilityType'] as Uint8Array;
    const grade = pop.person['person.disabilityGrade'] as Float64Array;
    let disabled = 0;
    type.forEach((t, i) => {
      if (t > 0) {
        disabled++;
        expect([1, 2, 3, 4]).toContain(grade[i]);
      } else expect(Number.isNaN(grade[i])).toBe(true);
    });
    expect(disabled / pop.size).toBeGreaterThan(0.045);
    expect(disabled / pop.size).toBeLessThan(0.075);
  });

  it('puts a few % of people under the dibao line, most of them on dibao, and a household income equal to its members plus other income', () => {
    const income = pop.household['household.incomeMonthly'] as Float64Array;
    const n = pop.household['household.memberCount'] as Float64Array;
    const status = pop.household['household.assistanceStatus'] as Uint8Array;
    let under = 0;
    let underOnDibao = 0;
    for (let h = 0; h < pop.households; h++) {
      if (income[h]! / n[h]! < 1100) {
        under += n[h]!;
        if (status[h] === 2 || status[h] === 3) underOnDibao += n[h]!;
      }
    }
    expect(under / pop.size).toBeGreaterThan(0.02);
    expect(under / pop.size).toBeLessThan(0.1);
    expect(underOnDibao / under).toBeGreaterThan(0.5);
  });

  it('leaves some facts unknown, as a registry would, and never encodes unknown as 0', () => {
    const assets = pop.household['household.financialAssets'] as Float64Array;
    const unknownAssets = assets.filter((a) => Number.isNaN(a)).length / pop.households;
    expect(unknownAssets).toBeGreaterThan(0.01);
    expect(unknownAssets).toBeLessThan(0.06);
    const sex = pop.person['person.sex'] as Uint8Array;
    expect(sex.every((s) => s === 0 || s === 1)).toBe(true);
    const selfCare = pop.person['person.selfCare'] as Uint8Array;
    expect(selfCare.some((s) => s === UNKNOWN_BYTE)).toBe(true);
  });

  it('makes pupils of the school ages: every 6–11-year-old is in primary school', () => {
    const ages = agesOf(pop);
    const stage = pop.person['person.studentStage'] as Uint8Array;
    ages.forEach((a, i) => {
      if (a >= 6 && a <= 11) expect(stage[i]).toBe(2); // STUDENT_STAGES[2] = primary
    });
  });

  it('grows its household columns when there are more households than it first made room for', () => {
    // Only the old: singles and couples, about 0.63 households per person (room is made for 0.6).
    const old = { '0-2': 0, '3-5': 0, '6-14': 0, '15-59': 0, '60-64': 0, '65-79': 0, '80+': 1 };
    const few = generatePopulation({ seed: 2, size: 5000, districts: DISTRICTS, date: DATE, shares: old });
    expect(few.households).toBeGreaterThan(5000 * 0.6 + 16);
    const members = few.household['household.memberCount'] as Float64Array;
    expect(members.length).toBe(few.households);
    expect(members.reduce((s, n) => s + n, 0)).toBe(5000);
    expect(Math.max(...few.householdOf)).toBe(few.households - 1);
  });

  it('gives every household exactly one head, and relations that fit the ages (children ≥ 18 years younger, parents ≥ 18 older, grandchildren ≥ 36 younger)', () => {
    const ages = agesOf(pop);
    const rel = pop.person['person.relationToHead'] as Uint8Array;
    const R = Object.fromEntries(RELATIONS_TO_HEAD.map((r, k) => [r, k])) as Record<string, number>;
    const heads = headsOf(pop);
    expect(heads.every((i) => i >= 0)).toBe(true); // one head each: none is -1, two are -2
    const bad: string[] = [];
    const seen = new Set<number>();
    rel.forEach((r, i) => {
      seen.add(r);
      const gap = ages[heads[pop.householdOf[i]!]!]! - ages[i]!;
      if (r === R.child && gap < 18) bad.push(`child ${i}: ${gap}`);
      if (r === R.parent && gap > -18) bad.push(`parent ${i}: ${gap}`);
      if (r === R.grandchild && gap < 36) bad.push(`grandchild ${i}: ${gap}`);
    });
    expect(bad).toEqual([]);
    // The layouts give every relation but sibling (only children living without adults, none here).
    for (const r of ['head', 'spouse', 'child', 'parent', 'grandchild', 'other'])
      expect(seen.has(R[r]!), r).toBe(true);
    expect(rel.includes(UNKNOWN_BYTE)).toBe(false);
  });

  it("pairs spouses: opposite sex, in one household, each holding the other's birth date", () => {
    const rel = pop.person['person.relationToHead'] as Uint8Array;
    const sex = pop.person['person.sex'] as Uint8Array;
    const birth = pop.person['person.birthDate'] as Int32Array;
    const spouseBirth = pop.person['person.spouseBirthDate'] as Int32Array;
    const spouse = RELATIONS_TO_HEAD.indexOf('spouse');
    const heads = headsOf(pop);
    let spouses = 0;
    for (let i = 0; i < pop.size; i++) {
      if (rel[i] !== spouse) continue;
      const j = heads[pop.householdOf[i]!]!;
      expect(sex[j]).toBe(1 - sex[i]!);
      expect(spouseBirth[i]).toBe(birth[j]);
      expect(spouseBirth[j]).toBe(birth[i]);
      spouses++;
    }
    expect(spouses / pop.households).toBeGreaterThan(0.3);
    // Living alone, the spouse's birth date is unknown (never a default date).
    const members = pop.household['household.memberCount'] as Float64Array;
    let alone = 0;
    pop.householdOf.forEach((h, i) => {
      if (members[h] !== 1) return;
      alone++;
      expect(spouseBirth[i]).toBe(UNKNOWN_DAY);
    });
    expect(alone).toBeGreaterThan(0);
  });

  it('counts living children at least those at home, with the family-planning flags consistent and rare', () => {
    const ages = agesOf(pop);
    const count = pop.person['person.childrenCount'] as Float64Array;
    const daughters = pop.person['person.daughtersOnly'] as Uint8Array;
    const died = pop.person['person.onlyChildDied'] as Uint8Array;
    const disabled = pop.person['person.onlyChildDisabledGrade3Plus'] as Uint8Array;
    const rel = pop.person['person.relationToHead'] as Uint8Array;
    const grade = pop.person['person.disabilityGrade'] as Float64Array;
    const CHILD = RELATIONS_TO_HEAD.indexOf('child');
    const HEAD = RELATIONS_TO_HEAD.indexOf('head');
    // The head's children living here (relation 子女) are among the head's living children.
    const childrenHere = new Map<number, number[]>();
    rel.forEach((r, i) => {
      if (r === CHILD)
        childrenHere.set(pop.householdOf[i]!, [...(childrenHere.get(pop.householdOf[i]!) ?? []), i]);
    });
    let unknown = 0;
    let adults = 0;
    let diedN = 0;
    let disabledN = 0;
    for (let i = 0; i < pop.size; i++) {
      if (Number.isNaN(count[i])) {
        unknown++;
        expect([daughters[i], died[i], disabled[i]]).toEqual([UNKNOWN_BYTE, UNKNOWN_BYTE, UNKNOWN_BYTE]);
        continue;
      }
      if (ages[i]! >= 18) adults++;
      if (ages[i]! < 18) expect(count[i]).toBe(0);
      if (daughters[i] === 1) expect(count[i]).toBeGreaterThanOrEqual(1);
      if (died[i] === 1) {
        diedN++;
        expect(count[i]).toBe(0);
        // Drawn for couples whose older partner is 45 or more.
        expect(ages[i]).toBeGreaterThanOrEqual(30);
      }
      if (disabled[i] === 1) {
        disabledN++;
        expect(count[i]).toBe(1);
      }
      if (rel[i] === HEAD) {
        const here = childrenHere.get(pop.householdOf[i]!) ?? [];
        expect(count[i]).toBeGreaterThanOrEqual(here.length);
        // An only child at home is disabled grade 1–3 exactly when the parent's flag says so.
        if (count[i] === 1 && here.length === 1) expect(disabled[i]).toBe(grade[here[0]!]! <= 3 ? 1 : 0);
      }
    }
    expect(unknown / pop.size).toBeGreaterThan(0.001);
    expect(unknown / pop.size).toBeLessThan(0.01);
    expect(diedN / adults).toBeGreaterThan(0.0003);
    expect(diedN / adults).toBeLessThan(0.01);
    expect(disabledN / adults).toBeGreaterThan(0.001);
    expect(disabledN / adults).toBeLessThan(0.03);
    const twoGirls = Array.from(count).filter((c, i) => c === 2 && daughters[i] === 1).length;
    const two = Array.from(count).filter((c) => c === 2).length;
    expect(twoGirls / two).toBeGreaterThan(0.12);
    expect(twoGirls / two).toBeLessThan(0.35);
  });

  it('refuses a bad size or date, naming the field', () => {
    expect(() => generatePopulation({ seed: 1, size: 0, districts: DISTRICTS, date: DATE })).toThrow(
      FuwuError,
    );
    expect(() => generatePopulation({ seed: 1, size: 10, districts: DISTRICTS, date: '2025-02-30' })).toThrow(
      /date/,
    );
  });
});

describe('ageCounts', () => {
  it('adds up to the total for any total (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (total) => {
        const c = ageCounts(total, CHENGDU_AGE_SHARES_2020.shares);
        expect(c.reduce((s, n) => s + n, 0)).toBe(total);
      }),
    );
  });
});

describe('birthDayAt', () => {
  it('gives exactly the asked age on the reference date, including leap days (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (d, age, u) => {
          const iso = d.toISOString().slice(0, 10);
          expect(fullYears(dayToCivil(birthDayAt(civilOf(iso), age, u)), civilOf(iso))).toBe(age);
        },
      ),
    );
  });
});

describe('synthetic person ids', () => {
  it('are SYN- plus the index, never an identity number, and read back (property)', () => {
    expect(syntheticPersonId(42)).toBe('SYN-0000042');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_999_999 }), (i) => {
        expect(personIndexOf(syntheticPersonId(i))).toBe(i);
        expect(syntheticPersonId(i)).not.toMatch(/^\d{17}[\dX]$/);
      }),
    );
    expect(personIndexOf('510104199001011234')).toBeNull();
  });
});
