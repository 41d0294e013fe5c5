/** The signed-in resident's profile: who they are linked to and the facts the records hold. */
import type { Actor } from '../../domain/identity/roles.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { residentIdNumber } from '../privacy/id-numbers.ts';
import type { ProfileView } from './profile-view.ts';
import { toProfileView } from './profile-view.ts';

export async function getMyProfile(ctx: AppContext, actor: Actor): Promise<ProfileView> {
  authorize(actor, 'own.read');
  return toProfileView(
    await new ResidentProfileRepository(ctx.db).findByUser(actor.id),
    await residentIdNumber(ctx.db, actor.id),
  );
}
