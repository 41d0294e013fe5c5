/**
 * Maximal covering solved exactly by a MILP solver, with the LP relaxation as the bound when the
 * solver stops at its time limit: so a heuristic's result can be given a proven gap either way.
 */
import type { SitingInstance } from './instance.ts';
import type { SitingLimit } from './max-cover.ts';
import { coverOf } from './max-cover.ts';
import type { MilpSolver, MilpStatus } from './milp-model.ts';
import { maxCoverModel } from './milp-model.ts';

export interface ExactMaxCoverResult {
  status: MilpStatus;
  /** Sites of the best integer solution found (empty when none). */
  sites: number[];
  /** People newly covered by those sites (recomputed from the instance, not read from the solver). */
  objective: number | null;
  /** A proven upper bound: the optimum when status is optimal, else the LP relaxation's value. */
  bound: number | null;
  groups: number;
}

export function exactMaximalCovering(
  inst: SitingInstance,
  limit: SitingLimit,
  solve: MilpSolver,
  opts: { timeLimitSeconds: number },
): ExactMaxCoverResult {
  const model = maxCoverModel(inst, limit, { integer: true });
  const sol = solve(model.lp, { timeLimitSeconds: opts.timeLimitSeconds });
  const sites = sol.objective !== null ? model.sitesOf(sol.values) : [];
  const objective = sol.objective !== null ? coverOf(inst, sites) : null;
  let bound: number | null = sol.status === 'optimal' ? objective : (sol.bound ?? null);
  if (sol.status !== 'optimal' && bound === null) {
    const relaxed = solve(maxCoverModel(inst, limit, { integer: false }).lp, opts);
    bound = relaxed.status === 'optimal' ? relaxed.objective : null;
  }
  return { status: sol.status, sites, objective, bound, groups: model.groups };
}

/** Relative gap of a value below a bound (0 when equal; null without a bound). */
export function gapToBound(value: number, bound: number | null): number | null {
  if (bound === null) return null;
  if (bound <= 0) return value >= bound ? 0 : null;
  return Math.max(0, (bound - value) / bound);
}
