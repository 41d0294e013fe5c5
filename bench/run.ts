/**
 * Benchmarks: `npm run bench`. Each names its baseline and is measured against it in the same run;
 * results go to bench/results/<name>.json with the machine and the commit.
 *
 * review-build: a whole review (every indicator of the Chengdu pack for the city and 20 districts)
 * with five years of sample data, by buildReview (observations grouped once by key) against the
 * naive baseline that filters the full observation list for every indicator and area.
 *
 * import-save: saving the rows of an accepted import on the embedded PGlite, in bulk (saveMany)
 * against the baseline of one save per row (what single entry does), same number of new rows each.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluateInArea, buildReview } from '../src/domain/plan/review.ts';
import { generateSampleData } from '../src/domain/plan/sample-data.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../src/store/pack/pack-loader.ts';
import { SYSTEM_ACTOR } from '../src/app/audit.ts';
import { createContext } from '../src/app/context.ts';
import { loadPack } from '../src/app/plan/load-pack.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite-db.ts';
import { ObservationRepository } from '../src/store/repositories/observation.repository.ts';
import type { ObservationInput } from '../src/store/repositories/observation.repository.ts';
import { commit, machine } from './provenance.ts';

function timeIt(fn: () => unknown, minMs = 1500): { runs: number; meanMs: number; minMs: number } {
  fn(); // warm up
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || times.length < 5) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return {
    runs: times.length,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    minMs: Math.min(...times),
  };
}

const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
const data = generateSampleData(pack.indicators, pack.areas, 20211229, pack.meta.periodEnd);
const city = pack.areas.find((a) => a.kind === 'city');
if (!city) throw new Error('pack has no city');
const areas = pack.areas.filter((a) => a.kind === 'city' || a.kind === 'district');
const year = 2023;

const optimised = timeIt(() =>
  buildReview({
    kind: 'midTerm',
    year,
    indicators: pack.indicators,
    areas: pack.areas,
    cityCode: city.code,
    ...data,
  }),
);
const baseline = timeIt(() => {
  for (const ind of pack.indicators) {
    for (const area of areas) {
      const obs = data.observations.filter((o) => o.indicatorCode === ind.code && o.areaCode === area.code);
      const jud = data.judgements.filter((j) => j.indicatorCode === ind.code && j.areaCode === area.code);
      evaluateInArea(ind, area, pack.areas, year, obs, jud);
    }
  }
});

const reviewResult = {
  name: 'review-build',
  description: 'One mid-term review: 154 indicators × (city + 20 districts), five years of sample data',
  baseline: 'naive: filter all observations for each indicator and area',
  observations: data.observations.length,
  optimised,
  baselineResult: baseline,
  speedup: baseline.meanMs / optimised.meanMs,
  machine: machine(),
  commit: commit(),
  at: new Date().toISOString(),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/review-build.json', `${JSON.stringify(reviewResult, null, 2)}\n`);
console.log(
  `review-build: ${optimised.meanMs.toFixed(1)} ms (baseline ${baseline.meanMs.toFixed(1)} ms, ${reviewResult.speedup.toFixed(1)}× faster), ${data.observations.length} observations`,
);

// import-save: the same number of new rows, one save per row (baseline) and in bulk.
const db = await openPglite(null);
await migrate(db);
await loadPack(createContext(db), SYSTEM_ACTOR, DEFAULT_PACK_DIR);
const numeric = pack.indicators.filter((i) => i.target.kind !== 'qualitative');
const rowsFor = (years: number[]): ObservationInput[] =>
  numeric.flatMap((ind) =>
    areas.flatMap((area) =>
      years.map((y) => ({
        indicatorCode: ind.code,
        areaCode: area.code,
        year: y,
        value: 1,
        source: 'bench',
        note: null,
        sample: false,
      })),
    ),
  );
const rowsA = rowsFor([2021, 2022]);
const rowsB = rowsFor([2023, 2024]);
const t0 = performance.now();
await db.transaction(async (tx) => {
  const repo = new ObservationRepository(tx);
  for (const r of rowsA) await repo.save(r, 'bench', new Date(), 'bench');
});
const perRowMs = performance.now() - t0;
const t1 = performance.now();
await db.transaction((tx) => new ObservationRepository(tx).saveMany(rowsB, 'bench', new Date(), 'bench'));
const bulkMs = performance.now() - t1;
await db.close();
const importResult = {
  name: 'import-save',
  description: `Saving ${rowsB.length} new observations of an accepted import on the embedded PGlite`,
  baseline: 'one save per row (select, insert, revision), as single entry does',
  rows: rowsB.length,
  optimised: { ms: bulkMs, rowsPerSecond: rowsB.length / (bulkMs / 1000) },
  baselineResult: { ms: perRowMs, rowsPerSecond: rowsA.length / (perRowMs / 1000) },
  speedup: perRowMs / bulkMs,
  machine: machine(),
  commit: commit(),
  at: new Date().toISOString(),
};
writeFileSync('bench/results/import-save.json', `${JSON.stringify(importResult, null, 2)}\n`);
console.log(
  `import-save: ${bulkMs.toFixed(0)} ms for ${rowsB.length} rows (baseline ${perRowMs.toFixed(0)} ms, ${importResult.speedup.toFixed(1)}× faster)`,
);
