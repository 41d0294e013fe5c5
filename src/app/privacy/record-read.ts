/**
 * Writes staff reads of personal data to the read log (personal_data_reads), with the reader's unit
 * as it is now. Reads by the person themselves are not logged: callers pass only staff reads, and a
 * resident reader is skipped here as well.
 */
import type { ReadKind } from '../../domain/identity/personal-data.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Db } from '../../store/db.ts';
import type { ReadSubject } from '../../store/repositories/personal-data-read.repository.ts';
import { PersonalDataReadRepository } from '../../store/repositories/personal-data-read.repository.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';

export interface StaffRead {
  what: ReadKind;
  purpose: string;
  entityId: string | null;
}

export async function recordReads(
  db: Db,
  actor: Actor,
  subjects: readonly ReadSubject[],
  read: StaffRead,
  at: Date,
): Promise<void> {
  if (actor.role === 'resident') return;
  const own = subjects.filter((s) => s.userId !== null || s.personId !== null);
  if (own.length === 0) return;
  const user = await new UserRepository(db).findById(actor.id);
  await new PersonalDataReadRepository(db).record(
    own,
    {
      id: actor.id,
      role: actor.role,
      officeCode: user?.officeCode ?? null,
      districtCode: actor.districtCode,
      sector: actor.sector,
    },
    read,
    at,
  );
}
