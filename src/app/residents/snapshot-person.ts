/**
 * One person of a matching snapshot's synthetic population (示例), rebuilt from the snapshot's seed:
 * their facts as the government "already holds" them (person-facts.ts), their district, and where
 * that came from. Used to link a resident, to notify a person and to open a proactive case.
 */
import type { Facts } from '../../domain/entitlements/facts.ts';
import { factsOfPerson } from '../../domain/entitlements/person-facts.ts';
import { syntheticPersonId } from '../../domain/entitlements/synthetic-population.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { ProfileSource } from '../../store/repositories/resident-profile.repository.ts';
import type { AppContext } from '../context.ts';
import { snapshotPopulation } from '../entitlements/matching-population.ts';
import { requireSnapshot } from '../entitlements/matching-scope.ts';

export interface SnapshotPerson {
  personIndex: number;
  personId: string;
  districtCode: string;
  facts: Facts;
  source: ProfileSource;
  synthetic: boolean;
}

export function checkPersonIndex(personIndex: unknown, size: number, field = 'personIndex'): number {
  if (
    typeof personIndex !== 'number' ||
    !Number.isInteger(personIndex) ||
    personIndex < 0 ||
    personIndex >= size
  )
    throw invalidField(
      field,
      `应为 0 到 ${size - 1} 之间的人员序号`,
      `must be a person index from 0 to ${size - 1}`,
    );
  return personIndex;
}

/** Several people of one snapshot, rebuilding (or reusing) its population once. */
export async function snapshotPeople(
  ctx: AppContext,
  snapshotId: number,
  personIndexes: readonly number[],
): Promise<SnapshotPerson[]> {
  const { summary, catalog } = await requireSnapshot(ctx, snapshotId);
  for (const i of personIndexes) checkPersonIndex(i, summary.populationSize);
  const { spec, pop } = await snapshotPopulation(ctx, summary, catalog);
  const district = pop.person['person.residenceDistrict'] as Uint8Array;
  return personIndexes.map((i) => ({
    personIndex: i,
    personId: syntheticPersonId(i),
    districtCode: pop.districtCodes[district[i]!] ?? 'unknown',
    facts: factsOfPerson(pop, i),
    source: { kind: 'syntheticPopulation', snapshotId, seed: spec.seed, size: spec.size, onDate: spec.date },
    synthetic: summary.synthetic,
  }));
}

export async function snapshotPerson(
  ctx: AppContext,
  snapshotId: number,
  personIndex: number,
): Promise<SnapshotPerson> {
  return (await snapshotPeople(ctx, snapshotId, [personIndex]))[0]!;
}
