/**
 * Load or remove the generated demonstration figures (示例数据). They are seeded, so every install
 * shows the same picture; they never replace a real figure; removing them leaves real figures alone.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { generateSampleData } from '../../domain/plan/sample-data.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export const SAMPLE_SEED = 20211229;

export async function loadSampleData(
  ctx: AppContext,
  actor: Actor,
): Promise<{ observations: number; judgements: number }> {
  authorize(actor, 'sampleData.manage');
  const plan = await ctx.plan.get();
  const data = generateSampleData(plan.indicators, plan.areas, SAMPLE_SEED, plan.meta.periodEnd);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const n = await new ObservationRepository(tx).insertSamples(
      data.observations,
      data.judgements,
      actor.username,
      at,
    );
    await audit(tx, actor, at, 'sampleData.load', 'observation', null, { ...n, seed: SAMPLE_SEED });
    return n;
  });
}

export async function removeSampleData(ctx: AppContext, actor: Actor): Promise<{ removed: number }> {
  authorize(actor, 'sampleData.manage');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const removed = await new ObservationRepository(tx).deleteSamples(actor.username, at);
    await audit(tx, actor, at, 'sampleData.remove', 'observation', null, { removed });
    return { removed };
  });
}
