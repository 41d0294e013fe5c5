/** A resident's own applications, newest first. */
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { caseActorOf } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export async function listMyCases(ctx: AppContext, actor: Actor): Promise<CaseView[]> {
  authorize(actor, 'own.read');
  const rows = await new CaseRepository(ctx.db).listByApplicant(actor.id);
  const today = dateInZone(ctx.clock.now());
  const calendar = await caseCalendar(ctx);
  return rows.map((c) => toCaseView(c, caseActorOf(actor), today, calendar));
}
