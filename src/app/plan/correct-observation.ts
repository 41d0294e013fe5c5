/** Correct a held observation by id: new value and source, with the reason kept in its history. */
import type { Actor } from '../../domain/identity/roles.ts';
import { validateObservationDraft } from '../../domain/plan/observation-rows.ts';
import type { ObservationView } from '../../domain/plan/views.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize, requireFigureWrite } from '../policies.ts';
import { requireIndicator } from './active-plan.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import { observationContext } from './observation-context.ts';

export interface ObservationCorrection {
  value: unknown;
  source: unknown;
  note?: unknown;
  reason: string | null | undefined;
}

export async function correctObservation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  c: ObservationCorrection,
): Promise<ObservationView> {
  authorize(actor, 'figures.write');
  const plan = await ctx.plan.get();
  const repo = new ObservationRepository(ctx.db);
  const held = await repo.get(id);
  if (!held) throw notFound('observation', '观测值', String(id));
  requireFigureWrite(actor, requireIndicator(plan, held.indicatorCode), held.areaCode);
  const reason = requireReason(c.reason);
  const { draft, problems } = validateObservationDraft(
    {
      indicatorCode: held.indicatorCode,
      areaCode: held.areaCode,
      year: held.year,
      value: c.value,
      source: c.source,
      note: c.note,
    },
    observationContext(plan),
  );
  if (!draft) throw invalidInput(problems);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row } = await new ObservationRepository(tx).save(
      { ...draft, sample: false },
      actor.username,
      at,
      reason,
    );
    await audit(tx, actor, at, 'observation.correct', 'observation', String(row.id), {
      previous: held.value,
      value: row.value,
      reason,
    });
    return row;
  });
}
