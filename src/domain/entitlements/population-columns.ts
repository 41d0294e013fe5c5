/**
 * A population as columns (struct of arrays), the shape the batch evaluator reads: one typed array
 * per input fact, persons and households apart, so 1,000,000 people (or 21,000,000) fit in memory
 * and a compiled rule reads a few numbers per person.
 *
 * Encodings (an unknown value is never 0):
 * - number facts: Float64Array, NaN = unknown
 * - boolean facts: Uint8Array, 0 false, 1 true, UNKNOWN_BYTE unknown
 * - enum facts: Uint8Array, the index into FACTS[key].values (for person.residenceDistrict into
 *   `districtCodes`), UNKNOWN_BYTE unknown
 * - date facts: Int32Array, days since 1970-01-01 (UTC), UNKNOWN_DAY unknown
 */
import type { FactKey } from './facts.ts';

export const UNKNOWN_BYTE = 255;
export const UNKNOWN_DAY = -2147483648;

export type FactColumn = Float64Array | Uint8Array | Int32Array;

export interface PopulationColumns {
  /** Number of persons. */
  readonly size: number;
  /** Number of households. */
  readonly households: number;
  /** Person → household index. */
  readonly householdOf: Uint32Array;
  /** Input facts `person.*`, one entry per person. */
  readonly person: Partial<Record<FactKey, FactColumn>>;
  /** Input facts `household.*`, one entry per household. */
  readonly household: Partial<Record<FactKey, FactColumn>>;
  /** The values of person.residenceDistrict, in index order (the pack's district codes). */
  readonly districtCodes: readonly string[];
  /** Who receives each service now: a bitset per service code (bit i = person i). */
  readonly receives: ReadonlyMap<string, Uint8Array>;
  /** Always true for generated data: shown wherever the population is. */
  readonly synthetic: boolean;
}

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), in UTC. */
export function isoDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

export function hasBit(bits: Uint8Array, i: number): boolean {
  return ((bits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

export function setBit(bits: Uint8Array, i: number): void {
  bits[i >>> 3] = (bits[i >>> 3] ?? 0) | (1 << (i & 7));
}

export function bitsetFor(size: number): Uint8Array {
  return new Uint8Array((size + 7) >>> 3);
}
