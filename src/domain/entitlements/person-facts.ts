/**
 * One person of a population (population-columns.ts) back as Facts, so the one-person engine can
 * explain a batch result (the trace on demand of a work list). Unknown encodings become absent keys:
 * the engine then says what is missing, as it would for a resident.
 */
import { isoOfDay } from './derive.ts';
import type { FactKey, FactValue, Facts } from './facts.ts';
import { FACTS } from './facts.ts';
import type { FactColumn, PopulationColumns } from './population-columns.ts';
import { UNKNOWN_BYTE, UNKNOWN_DAY } from './population-columns.ts';

export function factsOfPerson(pop: PopulationColumns, i: number): Facts {
  const facts: Facts = {};
  const h = pop.householdOf[i]!;
  for (const [key, col] of Object.entries(pop.person) as [FactKey, FactColumn][]) {
    const value = decode(key, col[i]!, pop);
    if (value !== undefined) facts[key] = value;
  }
  for (const [key, col] of Object.entries(pop.household) as [FactKey, FactColumn][]) {
    const value = decode(key, col[h]!, pop);
    if (value !== undefined) facts[key] = value;
  }
  return facts;
}

/** One stored code as a fact value; undefined for the unknown encodings (never a default). */
export function decode(key: FactKey, code: number, pop: PopulationColumns): FactValue | undefined {
  const def = FACTS[key];
  switch (def.type) {
    case 'number':
      return Number.isNaN(code) ? undefined : code;
    case 'boolean':
      return code === UNKNOWN_BYTE ? undefined : code === 1;
    case 'date':
      return code === UNKNOWN_DAY ? undefined : isoOfDay(code);
    case 'enum': {
      const values = key === 'person.residenceDistrict' ? pop.districtCodes : (def.values ?? []);
      return code === UNKNOWN_BYTE ? undefined : values[code];
    }
  }
}
