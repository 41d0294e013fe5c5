/** Delete an observation; the row goes, its last value stays in the revision history with the reason. */
import type { Actor } from '../../domain/identity/roles.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize, requireFigureWrite } from '../policies.ts';
import { requireIndicator } from './active-plan.ts';
import { requireReason } from '../input-errors.ts';

export async function deleteObservation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  reason: string | null | undefined,
): Promise<void> {
  authorize(actor, 'figures.write');
  const plan = await ctx.plan.get();
  const held = await new ObservationRepository(ctx.db).get(id);
  if (!held) throw notFound('observation', '观测值', String(id));
  requireFigureWrite(actor, requireIndicator(plan, held.indicatorCode), held.areaCode);
  const why = requireReason(reason);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await new ObservationRepository(tx).delete(id, actor.username, at, why);
    await audit(tx, actor, at, 'observation.delete', 'observation', String(id), {
      indicatorCode: held.indicatorCode,
      areaCode: held.areaCode,
      year: held.year,
      value: held.value,
      reason: why,
    });
  });
}
