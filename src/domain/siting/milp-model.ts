/**
 * Exact maximal covering as a mixed-integer program, written in CPLEX LP format for any MILP solver
 * (the project uses HiGHS). Demand points covered by an existing facility, or by no candidate, are
 * constants and left out; the rest are grouped by the set of candidates that cover them (points
 * with the same candidates share one variable), which shrinks city-sized models by orders of
 * magnitude without changing the optimum.
 *
 *   maximise Σ_g W_g · y_g
 *   subject to  y_g − Σ_{j covers g} x_j ≤ 0   for every group g
 *               Σ_j x_j ≤ k   (or Σ_j c_j · x_j ≤ budget)
 *               x_j ∈ {0, 1},  0 ≤ y_g ≤ 1
 */
import type { SitingInstance } from './instance.ts';
import { checkInstance } from './instance.ts';
import type { SitingLimit } from './max-cover.ts';

export type MilpStatus = 'optimal' | 'timeLimit' | 'infeasible' | 'error';

export interface MilpSolution {
  status: MilpStatus;
  /** Objective of the best solution found (null when none). */
  objective: number | null;
  /** Column values by name. */
  values: ReadonlyMap<string, number>;
  /** Best proven bound on the objective when the solver reports one. */
  bound?: number | null;
}

/** Any MILP solver that reads LP format (injected: the domain does no I/O and loads no WebAssembly). */
export type MilpSolver = (lp: string, opts: { timeLimitSeconds: number }) => MilpSolution;

export interface MaxCoverModel {
  lp: string;
  groups: number;
  candidates: number;
  /** People in groups: the most the new sites could cover. */
  coverable: number;
  /** The chosen candidates of a solution. */
  sitesOf(values: ReadonlyMap<string, number>): number[];
}

/** Terms as `+ 3.5 x1 + 2 x7`, broken into lines (LP readers limit line length). */
function terms(parts: Array<[number, string]>): string {
  const out: string[] = [];
  for (let p = 0; p < parts.length; p += 16) {
    out.push(
      parts
        .slice(p, p + 16)
        .map(([c, v]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`)
        .join(' '),
    );
  }
  return out.join('\n  ');
}

export function maxCoverModel(
  inst: SitingInstance,
  limit: SitingLimit,
  opts: { integer: boolean },
): MaxCoverModel {
  checkInstance(inst);
  const { offsets, demand, candidateCount } = inst.sets;
  // Candidates covering each demand point (transpose of the coverage sets), existing cover left out.
  const coverers: number[][] = Array.from({ length: inst.weights.length }, () => []);
  for (let j = 0; j < candidateCount; j++) {
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      if (!inst.existingCover[i] && inst.weights[i]! > 0) coverers[i]!.push(j);
    }
  }
  const groups = new Map<string, { candidates: number[]; weight: number }>();
  coverers.forEach((cs, i) => {
    if (cs.length === 0) return;
    const key = cs.join(',');
    const g = groups.get(key);
    if (g) g.weight += inst.weights[i]!;
    else groups.set(key, { candidates: cs, weight: inst.weights[i]! });
  });
  const list = [...groups.values()];
  const used = new Set(list.flatMap((g) => g.candidates));
  const xs = [...used].sort((a, b) => a - b);
  const lines: string[] = ['\\ fuwu maximal covering', 'Maximize'];
  lines.push(`  obj: ${list.length > 0 ? terms(list.map((g, q) => [g.weight, `y${q}`])) : '0 x0'}`);
  lines.push('Subject To');
  list.forEach((g, q) => {
    lines.push(`  g${q}: + 1 y${q} ${terms(g.candidates.map((j) => [-1, `x${j}`]))} <= 0`);
  });
  if (xs.length > 0) {
    const cost = (j: number) => ('budget' in limit ? (inst.costs?.[j] ?? 1) : 1);
    const rhs = 'budget' in limit ? limit.budget : limit.k;
    lines.push(`  limit: ${terms(xs.map((j) => [cost(j), `x${j}`]))} <= ${rhs}`);
  }
  lines.push('Bounds');
  list.forEach((_, q) => lines.push(`  0 <= y${q} <= 1`));
  xs.forEach((j) => lines.push(`  0 <= x${j} <= 1`));
  if (list.length === 0) lines.push('  0 <= x0 <= 0');
  if (opts.integer && xs.length > 0) {
    lines.push('General');
    for (let p = 0; p < xs.length; p += 16)
      lines.push(
        `  ${xs
          .slice(p, p + 16)
          .map((j) => `x${j}`)
          .join(' ')}`,
      );
  }
  lines.push('End', '');
  return {
    lp: lines.join('\n'),
    groups: list.length,
    candidates: xs.length,
    coverable: list.reduce((s, g) => s + g.weight, 0),
    sitesOf: (values) => xs.filter((j) => (values.get(`x${j}`) ?? 0) > 0.5),
  };
}
