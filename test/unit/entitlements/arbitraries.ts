/**
 * fast-check generators for the engine's property tests: facts over the whole registry (any of them
 * may be unknown), conditions over the registry with valid ops and values, and evaluation dates that
 * hit the edges (29 February, a birthday, a parameter change). Values cluster near the thresholds
 * so that "exactly at the line" comes up often.
 */
import fc from 'fast-check';
import type {
  ComparisonOp,
  Condition,
  Literal,
  Parameter,
} from '../../../src/domain/entitlements/catalog.schema.ts';
import { parameterSchema } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { FactKey, FactValue, Facts } from '../../../src/domain/entitlements/facts.ts';
import { FACTS, FACT_KEYS, INPUT_FACT_KEYS } from '../../../src/domain/entitlements/facts.ts';
import { DIBAO_LINE, HIGH_AGE_START } from './fixtures.ts';

export const DISTRICTS = ['510104', '510105', '510106'];

/** A district-varying parameter, so tables by person.residenceDistrict are exercised too. */
export const CARE_LINE: Parameter = parameterSchema.parse({
  code: 'care_line',
  name: '示例护理补贴线',
  nameEn: 'sample care line',
  unit: '元',
  by: 'person.residenceDistrict',
  values: [
    {
      from: '2020-01-01',
      value: { '510104': 3, '510105': 5, '510106': 7 },
      reference: '示例',
      provenance: 'assumption',
    },
  ],
});

export const PROPERTY_PARAMS: Parameter[] = [DIBAO_LINE, HIGH_AGE_START, CARE_LINE];
const NUMBER_PARAMS = ['dibao_line', 'high_age_start', 'care_line'];

/** Evaluation dates from the first dibao value on, with the calendar edges in. */
export const dateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2024-07-01',
    '2025-02-28',
    '2025-03-01',
    '2025-06-30',
    '2025-07-01',
    '2028-02-29',
    '2027-12-31',
  ),
  fc
    .date({
      min: new Date('2024-07-01T00:00:00Z'),
      max: new Date('2029-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
);

const birthArb = fc.oneof(
  fc.constantFrom(
    '1944-02-29',
    '1945-02-28',
    '1945-03-01',
    '1960-07-01',
    '2024-02-29',
    '2022-06-30',
    '2025-01-31',
  ),
  fc
    .date({
      min: new Date('1920-01-01T00:00:00Z'),
      max: new Date('2029-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
);

/** Numbers near the thresholds the conditions use: small counts, ages, lines, halves. */
const numberArb = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.constantFrom(0.5, 2.5, 59.5, 60, 79, 80, 81, 850, 900, 1050, 1090, 1635, 2180, 3270),
  fc.integer({ min: 0, max: 5000 }),
);

export function valueArb(key: FactKey): fc.Arbitrary<FactValue> {
  const def = FACTS[key];
  if (key === 'household.memberCount') return fc.integer({ min: 1, max: 6 });
  if (key === 'person.childrenCount') return fc.integer({ min: 0, max: 4 });
  if (def.type === 'number') return numberArb;
  if (def.type === 'boolean') return fc.boolean();
  if (def.type === 'date') return birthArb;
  return fc.constantFrom(...(key === 'person.residenceDistrict' ? DISTRICTS : (def.values ?? [])));
}

/** Facts over every input fact, each known with probability about ½ (or as asked, up to ⅚). */
export function factsArb(knownShare = 0.5): fc.Arbitrary<Facts> {
  const entries = INPUT_FACT_KEYS.map((key) =>
    fc
      .option(valueArb(key), { freq: Math.max(2, Math.round(1 / (1 - knownShare))), nil: undefined })
      .map((v) => [key, v] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const facts: Facts = {};
    for (const [k, v] of pairs) if (v !== undefined) facts[k] = v;
    return facts;
  });
}

const ORDER_OPS: ComparisonOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'notIn'];
const SET_OPS: ComparisonOp[] = ['eq', 'ne', 'in', 'notIn'];

function compareArb(key: FactKey): fc.Arbitrary<Condition> {
  const def = FACTS[key];
  const ordered = def.type === 'number' || def.type === 'date';
  const literal: fc.Arbitrary<Literal> =
    key === 'person.ageYears' || key === 'person.spouseAgeYears'
      ? fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(59.5, 80))
      : key === 'person.ageMonths'
        ? fc.integer({ min: 0, max: 48 })
        : (valueArb(key) as fc.Arbitrary<Literal>);
  return fc.constantFrom(...(ordered ? ORDER_OPS : SET_OPS)).chain((op) => {
    const list = op === 'in' || op === 'notIn';
    const byValue = (list ? fc.array(literal, { minLength: 1, maxLength: 3 }) : literal).map(
      (value): Condition => ({ fact: key, op, value }),
    );
    if (def.type !== 'number' || list) return byValue;
    const byParam = fc
      .record({
        param: fc.constantFrom(...NUMBER_PARAMS),
        factor: fc.option(fc.constantFrom(0.5, 1.5, 2), { nil: undefined }),
      })
      .map(({ param, factor }): Condition =>
        factor === undefined ? { fact: key, op, param } : { fact: key, op, param, factor },
      );
    return fc.oneof(byValue, byParam);
  });
}

/** Conditions over the whole registry (input and derived facts), up to four levels deep. */
export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...FACT_KEYS).chain(compareArb),
    fc.array(tie('cond'), { maxLength: 4 }).map((all): Condition => ({ all })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 4 }).map((any): Condition => ({ any })),
    tie('cond').map((not): Condition => ({ not })),
  ),
})).cond;
