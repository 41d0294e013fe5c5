/**
 * One person of a snapshot, on demand: their facts (decoded from the rebuilt population), what they
 * receive, and every service evaluated with its full trace on the snapshot's date and catalog — the
 * reason a name is on a work list. Reading it is reading personal data: it needs a stated purpose
 * and is written to the audit log (who, whom, why), even though the people are synthetic.
 */
import { evaluateAll } from '../../domain/entitlements/evaluate.ts';
import type { PersonTraceView } from '../../domain/entitlements/matching-views.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import { factsOfPerson } from '../../domain/entitlements/person-facts.ts';
import { hasBit } from '../../domain/entitlements/population-columns.ts';
import { syntheticPersonId } from '../../domain/entitlements/synthetic-population.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { personIdNumber } from '../privacy/id-numbers.ts';
import { requirePurpose } from '../privacy/purpose.ts';
import { recordReads } from '../privacy/record-read.ts';
import { snapshotPopulation } from './matching-population.ts';
import { outOfScope, requireSnapshot, scopeOf } from './matching-scope.ts';

export async function getPersonTrace(
  ctx: AppContext,
  actor: Actor,
  id: number,
  personIndex: number,
  purpose: string | undefined,
): Promise<PersonTraceView & { idNumber: string | null }> {
  authorize(actor, 'matching.people');
  const why = requirePurpose(purpose);
  const { summary, catalog } = await requireSnapshot(ctx, id);
  if (!Number.isInteger(personIndex) || personIndex < 0 || personIndex >= summary.populationSize)
    throw invalidField(
      'person',
      `应为 0 到 ${summary.populationSize - 1} 之间的人员序号`,
      `must be a person index from 0 to ${summary.populationSize - 1}`,
    );
  const { pop } = await snapshotPopulation(ctx, summary, catalog);
  const facts = factsOfPerson(pop, personIndex);
  const districtCode =
    pop.districtCodes[(pop.person['person.residenceDistrict'] as Uint8Array)[personIndex]!] ?? 'unknown';
  const scope = scopeOf(actor, catalog.services);
  if (scope.districtCodes && !scope.districtCodes.includes(districtCode))
    throw outOfScope('this person', '此人员');
  const services = catalog.services.filter((s) => !scope.serviceCodes || scope.serviceCodes.includes(s.code));
  const evaluations = evaluateAll(services, indexParameters(catalog.parameters), facts, summary.onDate);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await audit(
      tx,
      actor,
      now,
      'entitlement.person.read',
      'synthetic_person',
      syntheticPersonId(personIndex),
      {
        snapshotId: id,
        purpose: why,
      },
    );
    await recordReads(
      tx,
      actor,
      [{ userId: null, personId: syntheticPersonId(personIndex) }],
      { what: 'personTrace', purpose: why, entityId: `snapshot ${id}` },
      now,
    );
  });
  const plan = await ctx.plan.get();
  return {
    snapshotId: id,
    onDate: summary.onDate,
    personIndex,
    personId: syntheticPersonId(personIndex),
    districtCode,
    districtName: plan.areaByCode.get(districtCode)?.name ?? districtCode,
    facts,
    // In full: this read is behind a stated purpose and logged (personal-data.ts, seesFullIdNumber).
    idNumber: personIdNumber(syntheticPersonId(personIndex), facts),
    services: services.map((s, k) => {
      const bits = pop.receives.get(s.code);
      return {
        code: s.code,
        name: s.name,
        leadDepartment: s.leadDepartment,
        receives: bits ? hasBit(bits, personIndex) : null,
        evaluation: evaluations[k]!,
      };
    }),
    synthetic: summary.synthetic,
  };
}
