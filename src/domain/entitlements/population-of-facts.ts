/**
 * The inverse of person-facts.ts: a small PopulationColumns built from people's Facts, with the
 * unknown encodings for absent keys. For tests and for checking one household through the batch
 * evaluator; the city-wide population is generated column by column (synthetic-population.ts).
 */
import { isoDay } from './population-columns.ts';
import type { FactColumn, PopulationColumns } from './population-columns.ts';
import { UNKNOWN_BYTE, UNKNOWN_DAY } from './population-columns.ts';
import type { FactKey, Facts } from './facts.ts';
import { FACTS, INPUT_FACT_KEYS } from './facts.ts';

/**
 * @param householdOf person → household index (default: everyone their own household); household
 *   facts are taken from the household's first member.
 */
export function populationOfFacts(
  people: readonly Facts[],
  districtCodes: readonly string[],
  householdOf: readonly number[] = people.map((_, i) => i),
): PopulationColumns {
  const households = householdOf.reduce((n, h) => Math.max(n, h + 1), 0);
  const firstMember = new Array<number>(households).fill(-1);
  householdOf.forEach((h, i) => {
    if (firstMember[h] === -1) firstMember[h] = i;
  });
  const person: Partial<Record<FactKey, FactColumn>> = {};
  const household: Partial<Record<FactKey, FactColumn>> = {};
  for (const key of INPUT_FACT_KEYS) {
    const isHousehold = key.startsWith('household.');
    const rows = isHousehold ? firstMember.map((i) => people[i] ?? {}) : people;
    const col = columnFor(key, rows.length);
    rows.forEach((facts, r) => (col[r] = encode(key, facts[key], districtCodes)));
    (isHousehold ? household : person)[key] = col;
  }
  return {
    size: people.length,
    households,
    householdOf: Uint32Array.from(householdOf),
    person,
    household,
    districtCodes,
    receives: new Map(),
    synthetic: true,
  };
}

function columnFor(key: FactKey, n: number): FactColumn {
  const type = FACTS[key].type;
  return type === 'number' ? new Float64Array(n) : type === 'date' ? new Int32Array(n) : new Uint8Array(n);
}

function encode(key: FactKey, value: unknown, districtCodes: readonly string[]): number {
  const def = FACTS[key];
  switch (def.type) {
    case 'number':
      return typeof value === 'number' ? value : NaN;
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : UNKNOWN_BYTE;
    case 'date':
      return typeof value === 'string' ? isoDay(value) : UNKNOWN_DAY;
    case 'enum': {
      const values = key === 'person.residenceDistrict' ? districtCodes : (def.values ?? []);
      const code = typeof value === 'string' ? values.indexOf(value) : -1;
      return code >= 0 ? code : UNKNOWN_BYTE;
    }
  }
}
