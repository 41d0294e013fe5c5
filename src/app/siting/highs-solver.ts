/**
 * The MILP solver the siting use cases inject into the domain: HiGHS compiled to WebAssembly (the
 * `highs` package). Loaded once per process; each solve runs on a fresh native instance and blocks
 * the thread, so callers run it in a job.
 */
import highsImport from 'highs';
import type { MilpSolution, MilpSolver, MilpStatus } from '../../domain/siting/milp-model.ts';

/**
 * The package ships ES-module types inside a CommonJS package, so TypeScript (NodeNext) sees the
 * loader one level down, as `.default`, while Node gives the ES build's default export itself.
 */
type Loader = typeof highsImport.default;
const highsLoader: Loader =
  (highsImport as unknown as { default?: Loader }).default ?? (highsImport as unknown as Loader);

let loading: Promise<MilpSolver> | null = null;

const STATUS: Record<string, MilpStatus> = {
  Optimal: 'optimal',
  'Time limit reached': 'timeLimit',
  Infeasible: 'infeasible',
};

export function loadHighsSolver(): Promise<MilpSolver> {
  loading ??= highsLoader().then((highs) => (lp, opts): MilpSolution => {
    const r = highs.solve(lp, { time_limit: opts.timeLimitSeconds, output_flag: false });
    const status = STATUS[r.Status] ?? 'error';
    const values = new Map<string, number>();
    for (const [name, col] of Object.entries(r.Columns)) {
      if ('Primal' in col) values.set(name, col.Primal as number);
    }
    const hasSolution = status === 'optimal' || (status === 'timeLimit' && values.size > 0);
    return { status, objective: hasSolution ? r.ObjectiveValue : null, values };
  });
  return loading;
}
