/** Read observations, and the revision history of one. */
import type { Actor } from '../../domain/identity/roles.ts';
import type { ObservationView, RevisionView } from '../../domain/plan/views.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export async function listObservations(
  ctx: AppContext,
  actor: Actor,
  f: { indicatorCode?: string; areaCode?: string; year?: number },
): Promise<ObservationView[]> {
  authorize(actor, 'plan.read');
  const rows = await new ObservationRepository(ctx.db).list({
    indicatorCode: f.indicatorCode,
    areaCode: f.areaCode,
  });
  return rows.filter((r) => f.year === undefined || r.year === f.year);
}

export async function observationRevisions(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<RevisionView[]> {
  authorize(actor, 'plan.read');
  const revisions = await new RevisionRepository(ctx.db).list('observations', String(id));
  // Sample data is loaded in bulk with one revision for the batch, so a sample row has no history of its own.
  if (revisions.length === 0 && !(await new ObservationRepository(ctx.db).get(id))) {
    throw notFound('observation', '观测值', String(id));
  }
  return revisions.map((r) => ({
    revision: r.revision,
    previous: r.previous,
    current: r.current,
    changedBy: r.changedBy,
    changedAt: r.changedAt,
    reason: r.reason,
  }));
}
