/**
 * Whose identity number, from where: the number a resident stated at sign-up, else the synthetic
 * number of the person of the records they are linked to (derived on demand from the person's index,
 * birth date and sex: the generator stores none).
 */
import { personIndexOf } from '../../domain/entitlements/synthetic-population.ts';
import { syntheticIdNumber } from '../../domain/identity/id-number.ts';
import { isIsoDate } from '../../domain/shared/dates.ts';
import type { Db } from '../../store/db.ts';
import { PersonalDataReadRepository } from '../../store/repositories/personal-data-read.repository.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';

/** The synthetic number of a person of the records, from the facts held about them; null if unknown. */
export function personIdNumber(
  personId: string | null,
  facts: Record<string, unknown> | null,
): string | null {
  const index = personId === null ? null : personIndexOf(personId);
  const birth = facts?.['person.birthDate'];
  const sex = facts?.['person.sex'];
  if (index === null || !isIsoDate(birth) || (sex !== 'male' && sex !== 'female')) return null;
  return syntheticIdNumber(index, birth, sex === 'female');
}

/** A resident's number: stated at sign-up, else their linked person's; null when neither. */
export async function residentIdNumber(db: Db, userId: number): Promise<string | null> {
  const stated = await new PersonalDataReadRepository(db).idNumberOf(userId);
  if (stated) return stated;
  const profile = await new ResidentProfileRepository(db).findByUser(userId);
  return profile ? personIdNumber(profile.personId, profile.facts) : null;
}
