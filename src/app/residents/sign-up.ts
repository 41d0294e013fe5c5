/**
 * A resident signs up (public: no session needed). The account is created by the system (audited as
 * such) with the role resident and the same checks and password hashing as an admin-made account,
 * then signed in. With `linkSamplePerson`, and once a matching snapshot exists, the new resident is
 * linked to one person of its synthetic population (示例) so the portal can show held facts.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { validateIdNumber } from '../../domain/identity/id-number.ts';
import { dateInZone } from '../../domain/shared/dates.ts';
import { PersonalDataReadRepository } from '../../store/repositories/personal-data-read.repository.ts';
import { SYSTEM_ACTOR } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { signIn } from '../identity/sessions.ts';
import { withSignUpSlot } from '../identity/throttle.ts';
import { createUser } from '../identity/users.ts';
import { invalidInput } from '../input-errors.ts';
import { chooseSamplePerson, latestSnapshotId, writeLink } from './link-person.ts';
import type { ProfileView } from './profile-view.ts';
import { toProfileView } from './profile-view.ts';
import { snapshotPerson } from './snapshot-person.ts';

export interface SignUpInput {
  username?: unknown;
  displayName?: unknown;
  password?: unknown;
  linkSamplePerson?: unknown;
  /** Optional: the resident's citizen identity number (GB 11643), kept apart and masked in lists. */
  idNumber?: unknown;
}

export interface SignedUp {
  actor: Actor;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  profile: ProfileView;
}

export async function signUpResident(
  ctx: AppContext,
  input: SignUpInput,
  clientAddress: string,
): Promise<SignedUp> {
  const problems: FieldProblem[] = [];
  const str = (field: string, v: unknown, max: number, optional = false): string => {
    if (optional && (v === undefined || v === null)) return '';
    if (typeof v !== 'string' || v.length > max) {
      problems.push({
        field,
        zh: `应为不超过 ${max} 个字符的文本`,
        en: `must be text of at most ${max} characters`,
      });
      return '';
    }
    return v;
  };
  const username = str('username', input.username, 32);
  const displayName = str('displayName', input.displayName, 64, true).trim();
  const password = str('password', input.password, 200);
  if (input.linkSamplePerson !== undefined && typeof input.linkSamplePerson !== 'boolean')
    problems.push({ field: 'linkSamplePerson', zh: '应为 true 或 false', en: 'must be true or false' });
  let idNumber: string | null = null;
  if (input.idNumber !== undefined && input.idNumber !== null && input.idNumber !== '') {
    const checked = validateIdNumber(input.idNumber, dateInZone(ctx.clock.now()));
    if (checked.ok) idNumber = checked.idNumber;
    else problems.push({ field: 'idNumber', zh: checked.zh, en: checked.en });
  }
  if (problems.length > 0) throw invalidInput(problems);
  // At most so many accounts per client address and hour (issue 7 §1).
  const user = await withSignUpSlot(ctx, clientAddress, () =>
    createUser(ctx, SYSTEM_ACTOR, {
      username,
      displayName: displayName || username,
      password,
      role: 'resident',
    }),
  );
  if (idNumber !== null)
    await new PersonalDataReadRepository(ctx.db).setIdNumber(user.id, idNumber, ctx.clock.now());
  let profile = toProfileView(null);
  if (input.linkSamplePerson === true) {
    const snapshotId = await latestSnapshotId(ctx);
    // Two sign-ups at once may pick the same person: the loser (UNIQUE person_id) picks again, once.
    for (let attempt = 0; snapshotId !== null && attempt < 2 && profile.personId === null; attempt++) {
      const index = await chooseSamplePerson(ctx, snapshotId, user.id);
      if (index === null) break;
      const person = await snapshotPerson(ctx, snapshotId, index);
      const at = ctx.clock.now();
      try {
        profile = toProfileView(
          await ctx.db.transaction((tx) => writeLink(tx, SYSTEM_ACTOR, user.id, person, at)),
        );
      } catch (e) {
        if (attempt === 1) throw e;
      }
    }
  }
  const session = await signIn(ctx, username, password, clientAddress);
  return { ...session, profile };
}
