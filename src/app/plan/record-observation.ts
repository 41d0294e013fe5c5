/**
 * Enter an observation. When one is already held for the same indicator, area and year this is a
 * correction: it needs a reason, and the previous figure is kept as a revision.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { validateObservationDraft } from '../../domain/plan/observation-rows.ts';
import type { ObservationView } from '../../domain/plan/views.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize, requireFigureWrite } from '../policies.ts';
import { requireIndicator } from './active-plan.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import { observationContext } from './observation-context.ts';

export interface ObservationEntry {
  indicatorCode: unknown;
  areaCode: unknown;
  year: unknown;
  value: unknown;
  source: unknown;
  note?: unknown;
  reason?: string | null;
}

export async function recordObservation(
  ctx: AppContext,
  actor: Actor,
  entry: ObservationEntry,
): Promise<{ observation: ObservationView; created: boolean }> {
  authorize(actor, 'figures.write');
  const plan = await ctx.plan.get();
  const { draft, problems } = validateObservationDraft(
    entry as unknown as Record<string, unknown>,
    observationContext(plan),
  );
  if (!draft) throw invalidInput(problems);
  requireFigureWrite(actor, requireIndicator(plan, draft.indicatorCode), draft.areaCode);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const repo = new ObservationRepository(tx);
    const existing = await repo.findByKey(draft.indicatorCode, draft.areaCode, draft.year);
    // Replacing generated sample data with a real figure is not a correction of a real figure.
    const reason =
      existing && !existing.sample ? requireReason(entry.reason) : entry.reason?.trim() || 'entered';
    const { row, created } = await repo.save({ ...draft, sample: false }, actor.username, at, reason);
    await audit(
      tx,
      actor,
      at,
      created ? 'observation.create' : 'observation.correct',
      'observation',
      String(row.id),
      {
        indicatorCode: row.indicatorCode,
        areaCode: row.areaCode,
        year: row.year,
        value: row.value,
        previous: existing?.value ?? null,
        reason,
      },
    );
    return { observation: row, created };
  });
}
