/**
 * Derived facts: the ones the engine computes from input facts and the evaluation date (facts.ts,
 * `derivedFrom`). evaluate.ts reads them per person; compile.ts turns the age rules into birth-date
 * cutoffs with `ageCutoffDay`, which must agree with `fullYears`/`fullMonths` for every birth date
 * (a property test checks it).
 *
 * Birthdays (a documented choice): a person reaches age N on the calendar day N years after their
 * birth. Someone born on 29 February reaches it on 1 March in a non-leap year (not on 28 February):
 * age is compared as (year, month, day) tuples, and (Y, 2, 28) comes before (Y, 2, 29). Months work
 * the same way: someone born on the 31st has a full month on the 1st of a month with fewer days.
 */
import type { FactKey, FactValue, Facts } from './facts.ts';
import { FACTS } from './facts.ts';
import type { CivilDate } from '../shared/dates.ts';
import { civilOf, daysInMonth } from '../shared/dates.ts';

// Moved to domain/shared/dates.ts; re-exported while other modules still import them from here.
export type { CivilDate } from '../shared/dates.ts';
export { civilOf, daysInMonth, isIsoDate, isLeapYear } from '../shared/dates.ts';

/**
 * Days since 1970-01-01 of a civil date, for any year (H. Hinnant's days_from_civil; `Date.UTC`
 * maps years 0–99 to 1900–1999, so it is not used).
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Full years from `birth` to `on` (negative before birth). */
export function fullYears(birth: CivilDate, on: CivilDate): number {
  const early = on.m < birth.m || (on.m === birth.m && on.d < birth.d);
  return on.y - birth.y - (early ? 1 : 0);
}

/** Full months from `birth` to `on` (negative before birth). */
export function fullMonths(birth: CivilDate, on: CivilDate): number {
  return (on.y - birth.y) * 12 + (on.m - birth.m) - (on.d < birth.d ? 1 : 0);
}

/** Ages further out than this are beyond any real birth date (years 0000–9999): clamp to it. */
const AGE_BOUND = 200_000;

/**
 * The last birth day (days since 1970-01-01) at which a person is at least `n` full years (or
 * months) old on `on`: age ≥ n exactly when birthDay ≤ this. It is the last real date not after
 * (on.y − n, on.m, on.d) in (year, month, day) order, i.e. the day clamped to the month's length.
 */
export function ageCutoffDay(unit: 'years' | 'months', n: number, on: CivilDate): number {
  const k = Math.max(-AGE_BOUND, Math.min(AGE_BOUND, n));
  let y = on.y;
  let m = on.m;
  if (unit === 'years') y -= k;
  else {
    const index = on.y * 12 + (on.m - 1) - k;
    y = Math.floor(index / 12);
    m = index - y * 12 + 1;
  }
  return daysFromCivil(y, m, Math.min(on.d, daysInMonth(y, m)));
}

/** The derived facts and how each is computed; the inputs are FACTS[key].derivedFrom. */
export type DerivedFactKey =
  | 'person.ageYears'
  | 'person.ageMonths'
  | 'person.spouseAgeYears'
  | 'household.incomePerCapitaMonthly'
  | 'household.financialAssetsPerCapita';

/**
 * The ages: each counted from a birth-date fact, in full years or months. compile.ts turns a rule
 * on any of them into birth-day cutoffs on that column (the spouse's age for 女方年满49周岁).
 */
export const AGE_FACTS = {
  'person.ageYears': { birth: 'person.birthDate', unit: 'years' },
  'person.ageMonths': { birth: 'person.birthDate', unit: 'months' },
  'person.spouseAgeYears': { birth: 'person.spouseBirthDate', unit: 'years' },
} as const satisfies Partial<Record<DerivedFactKey, { birth: FactKey; unit: 'years' | 'months' }>>;

export type AgeFactKey = keyof typeof AGE_FACTS;

export function isAgeFact(key: FactKey): key is AgeFactKey {
  return Object.hasOwn(AGE_FACTS, key);
}

/**
 * The value of a derived fact for these facts on `date`, or null when an input is unknown (a
 * derived fact is never guessed). Per-capita figures divide by the member count (≥ 1, checked
 * when facts come in).
 */
export function deriveFact(key: DerivedFactKey, facts: Facts, date: string): number | null {
  switch (key) {
    case 'person.ageYears':
    case 'person.ageMonths':
    case 'person.spouseAgeYears': {
      const { birth: birthKey, unit } = AGE_FACTS[key];
      const birth = facts[birthKey];
      if (typeof birth !== 'string') return null;
      const from = civilOf(birth);
      const on = civilOf(date);
      return unit === 'years' ? fullYears(from, on) : fullMonths(from, on);
    }
    case 'household.incomePerCapitaMonthly':
      return perCapita(facts['household.incomeMonthly'], facts['household.memberCount']);
    case 'household.financialAssetsPerCapita':
      return perCapita(facts['household.financialAssets'], facts['household.memberCount']);
  }
}

function perCapita(total: FactValue | undefined, members: FactValue | undefined): number | null {
  if (typeof total !== 'number' || typeof members !== 'number' || members < 1) return null;
  return total / members;
}

/** Derived facts are marked in the registry; a unit test checks `deriveFact` handles each one. */
export function isDerivedFact(key: FactKey): key is DerivedFactKey {
  return FACTS[key].derivedFrom !== undefined;
}

/** The input facts a fact rests on: itself for an input fact, its `derivedFrom` for a derived one. */
export function inputsOf(key: FactKey): FactKey[] {
  return (FACTS[key].derivedFrom as FactKey[] | undefined) ?? [key];
}

/** The civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days), as YYYY-MM-DD. */
export function isoOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
