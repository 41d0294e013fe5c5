/**
 * How a newer plan pack meets a catalog that users have edited. The pack owns the descriptive fields
 * of its entries; users add dated rule versions and dated parameter values. A pack update therefore
 * takes the pack's entry and keeps every dated item a user added that the pack does not date the
 * same day (the pack wins on the same `from`). Pure: the repository calls it inside the sync.
 */
import type { Parameter, Service } from './catalog.schema.ts';

/** Entries with a `from` date, sorted by it; on the same date the first list wins. */
function unionByFrom<T extends { from: string }>(winner: readonly T[], other: readonly T[]): T[] {
  const taken = new Set(winner.map((x) => x.from));
  return [...winner, ...other.filter((x) => !taken.has(x.from))].sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
  );
}

/** The dated items of `stored` that the old pack entry did not have: what users added. */
function userAdded<T extends { from: string }>(stored: readonly T[], oldPack: readonly T[] | null): T[] {
  const packDates = new Set((oldPack ?? []).map((x) => x.from));
  return stored.filter((x) => !packDates.has(x.from));
}

export function mergeServiceUpdate(stored: Service, oldPack: Service | null, newPack: Service): Service {
  return { ...newPack, rules: unionByFrom(newPack.rules, userAdded(stored.rules, oldPack?.rules ?? null)) };
}

export function mergeParameterUpdate(
  stored: Parameter,
  oldPack: Parameter | null,
  newPack: Parameter,
): Parameter {
  return {
    ...newPack,
    values: unionByFrom(newPack.values, userAdded(stored.values, oldPack?.values ?? null)),
  };
}

/** Entries sorted by date, as the engine reads them (a new dated item lands in its place). */
export function withDatedItem<T extends { from: string }>(items: readonly T[], item: T): T[] {
  return unionByFrom([item], items);
}
