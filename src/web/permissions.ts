/**
 * What the signed-in user may do, mirrored from the server's rules (src/domain/identity/permissions.ts)
 * only to hide buttons that would fail; the server decides.
 */
import type { UserView } from '../domain/plan/views.ts';
import { may } from '../domain/identity/permissions.ts';
import { canWriteFigure } from '../domain/identity/roles.ts';

export function canWrite(user: UserView, sector: string, areaCode: string): boolean {
  return canWriteFigure(user, sector, areaCode);
}

/** Whether the user may write any figure at all (shows the entry page's forms). */
export function canWriteAny(user: UserView): boolean {
  return may(user.role, 'figures.write');
}
