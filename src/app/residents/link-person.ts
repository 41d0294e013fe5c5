/**
 * Link a resident to a person of the records (here the synthetic population of the latest matching
 * snapshot, 示例) and copy the facts held about them: the portal shows them and prefills forms with
 * them. A person belongs to one resident; relinking keeps the previous link as a revision, and every
 * link is in the audit log (who linked whom to which person).
 */
import { personIndexOf, syntheticPersonId } from '../../domain/entitlements/synthetic-population.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError, invalidField, notFound } from '../../domain/shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { EntitlementSnapshotRepository } from '../../store/repositories/entitlement-snapshot.repository.ts';
import type { ResidentProfileRow } from '../../store/repositories/resident-profile.repository.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import type { SnapshotPerson } from './snapshot-person.ts';
import { checkPersonIndex, snapshotPerson } from './snapshot-person.ts';
import type { ProfileView } from './profile-view.ts';
import { toProfileView } from './profile-view.ts';

/** The latest snapshot's id, or null when no matching has run yet. */
export async function latestSnapshotId(ctx: AppContext): Promise<number | null> {
  const [latest] = await new EntitlementSnapshotRepository(ctx.db).list();
  return latest?.id ?? null;
}

/** A spread-out but repeatable start position for a user id (Knuth's multiplicative hash). */
function startFor(userId: number, n: number): number {
  return Number((BigInt(userId) * 2654435761n) % BigInt(n));
}

/**
 * The person a new resident is linked to for the demonstration: chosen from the user id among those
 * not yet linked, preferring someone on a 应享未享 list (so the portal has "you may be entitled" to
 * show), else anyone. Null when every candidate looked at is taken.
 */
export async function chooseSamplePerson(
  ctx: AppContext,
  snapshotId: number,
  userId: number,
): Promise<number | null> {
  const profiles = new ResidentProfileRepository(ctx.db);
  const gap = await profiles.countGapPeople(snapshotId);
  const BATCH = 50;
  if (gap > 0) {
    const start = startFor(userId, gap);
    for (let k = 0; k < 4; k++) {
      const offset = (start + k * BATCH) % gap;
      const people = await profiles.gapPeople(snapshotId, offset, BATCH);
      const taken = await profiles.linkedAmong(people.map(syntheticPersonId));
      const free = people.find((p) => !taken.has(syntheticPersonId(p)));
      if (free !== undefined) return free;
    }
  }
  const summary = await new EntitlementSnapshotRepository(ctx.db).get(snapshotId);
  const size = summary?.populationSize ?? 0;
  if (size === 0) return null;
  const start = startFor(userId, size);
  for (let k = 0; k < 4; k++) {
    const people = Array.from({ length: Math.min(BATCH, size) }, (_, j) => (start + k * BATCH + j) % size);
    const taken = await profiles.linkedAmong(people.map(syntheticPersonId));
    const free = people.find((p) => !taken.has(syntheticPersonId(p)));
    if (free !== undefined) return free;
  }
  return null;
}

/** Write the link inside `tx`: refuse a person linked to someone else; keep the previous link as a revision. */
export async function writeLink(
  tx: Db,
  actor: Actor,
  userId: number,
  person: SnapshotPerson,
  at: Date,
): Promise<ResidentProfileRow> {
  const profiles = new ResidentProfileRepository(tx);
  const holder = await profiles.findByPerson(person.personId);
  if (holder && holder.userId !== userId)
    throw new FuwuError(
      'conflict',
      `人员 ${person.personId} 已关联到另一位居民`,
      `person ${person.personId} is already linked to another resident`,
      [{ field: 'personId', zh: '已被关联', en: 'already linked' }],
    );
  const before = await profiles.findByUser(userId);
  const row = await profiles.upsert(
    {
      userId,
      personId: person.personId,
      facts: person.facts as Record<string, unknown>,
      source: person.source,
      synthetic: person.synthetic,
      linkedBy: actor.username,
    },
    at,
  );
  if (before)
    await new RevisionRepository(tx).record(
      {
        tableName: 'resident_profiles',
        rowKey: String(userId),
        revision: row.revision,
        previous: { personId: before.personId, source: before.source, revision: before.revision },
        current: { personId: row.personId, source: row.source },
        changedBy: actor.username,
        reason: '重新关联人员 relink',
      },
      at,
    );
  await audit(tx, actor, at, before ? 'resident.relink' : 'resident.link', 'user', String(userId), {
    personId: row.personId,
    previousPersonId: before?.personId ?? null,
    source: row.source,
  });
  return row;
}

export interface LinkInput {
  personId?: unknown;
}

/** An admin links a resident to a person of the latest snapshot (or relinks them). */
export async function linkResidentPerson(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  input: LinkInput,
): Promise<ProfileView> {
  authorize(actor, 'residents.linkPerson');
  if (!Number.isSafeInteger(userId) || userId < 1) throw notFound('user', '用户', String(userId));
  const user = await new UserRepository(ctx.db).findById(userId);
  if (!user) throw notFound('user', '用户', String(userId));
  if (user.role !== 'resident')
    throw invalidField(
      'userId',
      '只能为居民账号关联人员',
      'only a resident account can be linked to a person',
    );
  const index = typeof input.personId === 'string' ? personIndexOf(input.personId) : null;
  if (index === null)
    throw invalidField(
      'personId',
      '应为示例人员编号，如 SYN-0000042',
      'must be a person id such as SYN-0000042',
    );
  const snapshotId = await latestSnapshotId(ctx);
  if (snapshotId === null)
    throw new FuwuError(
      'conflict',
      '尚无匹配快照，请先运行批量匹配',
      'no matching snapshot yet: run the matching first',
    );
  const summary = await new EntitlementSnapshotRepository(ctx.db).get(snapshotId);
  checkPersonIndex(index, summary!.populationSize, 'personId');
  const person = await snapshotPerson(ctx, snapshotId, index);
  const at = ctx.clock.now();
  const row = await ctx.db.transaction((tx) => writeLink(tx, actor, userId, person, at));
  return toProfileView(row);
}
