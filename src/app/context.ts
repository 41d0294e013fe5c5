/**
 * What every use case runs with: the database, a clock (passed in so tests can fix time), the active
 * plan (cached, reloaded after a pack load) and the evaluation options.
 */
import type { Db } from '../store/db.ts';
import type { EvaluationOptions } from '../domain/plan/evaluate.ts';
import { DEFAULT_OPTIONS } from '../domain/plan/evaluate.ts';
import { PlanCache } from './plan/active-plan.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppContext {
  db: Db;
  clock: Clock;
  plan: PlanCache;
  evaluation: EvaluationOptions;
  /** Folder of the imported walking network (walk.fwnet); null: none, use the straight-line fallback. */
  networkDir: string | null;
}

export function createContext(
  db: Db,
  opts: { clock?: Clock; evaluation?: Partial<EvaluationOptions>; networkDir?: string | null } = {},
): AppContext {
  return {
    db,
    clock: opts.clock ?? systemClock,
    plan: new PlanCache(db),
    evaluation: { ...DEFAULT_OPTIONS, ...opts.evaluation },
    networkDir: opts.networkDir ?? null,
  };
}
