/**
 * Age bands for residents and Chengdu's share of each, from the 2020 census (七普).
 *
 * The plan names the bands 0–2, 3–5, 6–14, 15–59, 60+, 65+ and 80+, but 65+ and 80+ are nested
 * inside 60+, so counts per named band cannot be added up. Residents are therefore counted in
 * disjoint bands (0–2, 3–5, 6–14, 15–59, 60–64, 65–79, 80+) and the nested ones are sums
 * (`namedBandTotals`).
 */

/** Disjoint age bands, youngest first. */
export const AGE_BANDS = ['0-2', '3-5', '6-14', '15-59', '60-64', '65-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** People (or shares) per disjoint band. */
export type BandCounts = Record<AgeBand, number>;

/** The bands the plan names, nested ones included, as sums of disjoint bands. */
export interface NamedBandTotals {
  age0to2: number;
  age3to5: number;
  age6to14: number;
  age15to59: number;
  age60plus: number;
  age65plus: number;
  age80plus: number;
}

/** Adds disjoint bands up to the bands the plan names. */
export function namedBandTotals(c: BandCounts): NamedBandTotals {
  return {
    age0to2: c['0-2'],
    age3to5: c['3-5'],
    age6to14: c['6-14'],
    age15to59: c['15-59'],
    age60plus: c['60-64'] + c['65-79'] + c['80+'],
    age65plus: c['65-79'] + c['80+'],
    age80plus: c['80+'],
  };
}

/** Age structure as the census publishes it, in percent of the resident population. */
export interface CensusAgePercents {
  age0to14: number;
  age15to59: number;
  age60plus: number;
  age65plus: number;
}

/** A share per band (fractions summing to 1) with where it comes from and what was assumed. */
export interface AgeShares {
  shares: BandCounts;
  source: string;
  assumptions: string[];
}

/**
 * Chengdu, 2020 census (七普), resident population 20,937,757: as recorded in
 * shared/data/chengdu-districts-stats.json (cityTotals.census2020).
 */
export const CHENGDU_CENSUS_2020: CensusAgePercents = {
  age0to14: 13.28,
  age15to59: 68.74,
  age60plus: 17.98,
  age65plus: 13.62,
};

/**
 * The 80+ share of the total, an assumption: the census communiqué gives no 80+ figure for Chengdu.
 * Nationally the 2020 census counted 80+ at 2.54% of the population with 65+ at 13.50%; Chengdu's
 * 65+ share (13.62%) is close to the national one, so the national 80+ share is used, rounded to
 * 2.5%. Replace it with the Chengdu census yearbook's single-age table (成都市第七次全国人口普查
 * 资料, 分年龄人口) when that is gathered.
 */
export const ASSUMED_80_PLUS_PERCENT = 2.5;

/**
 * Splits census percentages into disjoint-band shares. 0–14 is split by single years of age evenly
 * (0–2 = 3/15, 3–5 = 3/15, 6–14 = 9/15) because the census figure has no finer split; 60–64 and
 * 65–79 are differences of the nested totals; 80+ is the given assumption.
 */
export function deriveBandShares(c: CensusAgePercents, age80plusPercent: number): BandCounts {
  const sum = c.age0to14 + c.age15to59 + c.age60plus;
  // Published percentages are rounded; normalise so the shares add to exactly 1.
  const f = (pct: number) => pct / sum;
  return {
    '0-2': f((c.age0to14 * 3) / 15),
    '3-5': f((c.age0to14 * 3) / 15),
    '6-14': f((c.age0to14 * 9) / 15),
    '15-59': f(c.age15to59),
    '60-64': f(c.age60plus - c.age65plus),
    '65-79': f(c.age65plus - age80plusPercent),
    '80+': f(age80plusPercent),
  };
}

/** Chengdu's age shares per disjoint band, for generating synthetic residents. */
export const CHENGDU_AGE_SHARES_2020: AgeShares = {
  shares: deriveBandShares(CHENGDU_CENSUS_2020, ASSUMED_80_PLUS_PERCENT),
  source:
    'Chengdu 2020 census (七普) age structure: 0–14 13.28%, 15–59 68.74%, 60+ 17.98%, 65+ 13.62% of 20,937,757 residents; ' +
    'http://m.343358.com/guonei/2021/0528/31163.html (成都商报 reprint), ' +
    'https://dinovaliano.com/news/data/hongguan/20210603/1003451469827_2.shtml (中商产业研究院 reprint); ' +
    'recorded in shared/data/chengdu-districts-stats.json (cityTotals.census2020).',
  assumptions: [
    '0–14 is split evenly by single year of age: 0–2 and 3–5 are 3/15 of it each, 6–14 is 9/15 (the census figure has no finer split; births fell after 2017, so 0–2 is likely overstated).',
    `80+ is assumed to be ${ASSUMED_80_PLUS_PERCENT}% of the total: the national 2020 census share (2.54%, with 65+ at 13.50% nationally vs 13.62% in Chengdu), rounded; to be replaced by the Chengdu census yearbook's age table.`,
    'The same city-wide shares are applied to every district; the census per-district age structure was not gathered.',
  ],
};
