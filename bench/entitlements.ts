/**
 * Bench (issue 5 §4): proactive matching over 1,000,000 synthetic people and every service of the
 * Chengdu catalog — the compiled batch (match-batch.ts over compile.ts) against a baseline that
 * interprets the same rules one person at a time with a generic expression evaluator, json-logic-js.
 *
 * The baseline gets each person as a JSON object (facts decoded, derived facts and parameters
 * resolved: what a generic evaluator needs) and each rule translated from our Condition to JSON
 * Logic, with the three-valued logic (unknown is never false) as three added operations. Both must
 * give the same eligible / not eligible / cannot-decide counts per service on the people both ran
 * (checked in the same run; a mismatch ends it).
 *
 * The baseline over all 1,000,000 people would take many minutes; it runs on a seeded sample
 * (BENCH_SAMPLE, default 50,000 people) and the two are compared per person. Writes
 * bench/results/entitlements.json with the machine and the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import {
  buildPopulation,
  districtsOf,
  trackedServices,
} from '../src/app/entitlements/matching-population.ts';
import type { Condition, Parameter, Service } from '../src/domain/entitlements/catalog.schema.ts';
import { compileRule } from '../src/domain/entitlements/compile.ts';
import { deriveFact, isDerivedFact } from '../src/domain/entitlements/derive.ts';
import { ruleInForce } from '../src/domain/entitlements/evaluate.ts';
import type { FactKey, FactValue, Facts } from '../src/domain/entitlements/facts.ts';
import { FACT_KEYS } from '../src/domain/entitlements/facts.ts';
import { matchPopulation } from '../src/domain/entitlements/match-batch.ts';
import type { ParameterIndex } from '../src/domain/entitlements/parameters.ts';
import { indexParameters, valueInForce } from '../src/domain/entitlements/parameters.ts';
import { factsOfPerson } from '../src/domain/entitlements/person-facts.ts';
import { createRandom } from '../src/domain/shared/random.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../src/store/pack/pack-loader.ts';
import { check, median } from './lib.ts';
import { commit, machine } from './provenance.ts';

const SIZE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const SAMPLE = Math.min(SIZE, Number(process.env.BENCH_SAMPLE ?? 50_000));
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SEED = 20250630;
const DATE = '2025-06-30';

// ---- the baseline: our conditions as JSON Logic, with Kleene's three-valued and/or/not
jsonLogic.add_operation('all3', (...xs: unknown[]) =>
  xs.some((x) => x === false) ? false : xs.some((x) => x === null) ? null : true,
);
jsonLogic.add_operation('any3', (...xs: unknown[]) =>
  xs.some((x) => x === true) ? true : xs.some((x) => x === null) ? null : false,
);
jsonLogic.add_operation('not3', (x: unknown) => (x === null ? null : !x));

const OPS = { eq: '===', ne: '!==', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** A Condition as JSON Logic over data { person: {…}, household: {…}, param: {…} }. */
function toJsonLogic(c: Condition): RulesLogic {
  if ('all' in c) return { all3: c.all.map(toJsonLogic) } as unknown as RulesLogic;
  if ('any' in c) return { any3: c.any.map(toJsonLogic) } as unknown as RulesLogic;
  if ('not' in c) return { not3: [toJsonLogic(c.not)] } as unknown as RulesLogic;
  const fact = { var: c.fact };
  const threshold: RulesLogic =
    c.param !== undefined
      ? c.factor !== undefined
        ? ({ '*': [{ var: `param.${c.param}` }, c.factor] } as RulesLogic)
        : { var: `param.${c.param}` }
      : (c.value as RulesLogic);
  const list = Array.isArray(c.value) || c.op === 'in' || c.op === 'notIn';
  const values = (Array.isArray(c.value) ? c.value : [c.value]) as RulesLogic[];
  const member = { in: [fact, values] } as unknown as RulesLogic;
  const test: RulesLogic = list
    ? c.op === 'notIn' || c.op === 'ne'
      ? { '!': member }
      : member
    : ({ [OPS[c.op as keyof typeof OPS]]: [fact, threshold] } as RulesLogic);
  const unknown: RulesLogic =
    c.param !== undefined
      ? { or: [{ '==': [fact, null] }, { '==': [{ var: `param.${c.param}` }, null] }] }
      : { '==': [fact, null] };
  return { if: [unknown, null, test] } as RulesLogic;
}

/** A person as the nested object a generic evaluator reads; derived facts and parameters resolved. */
function personData(
  facts: Facts,
  params: readonly Parameter[],
  date: string,
): Record<string, Record<string, unknown>> {
  const data: Record<string, Record<string, unknown>> = { person: {}, household: {}, param: {} };
  for (const key of FACT_KEYS) {
    const v: FactValue | null | undefined = isDerivedFact(key) ? deriveFact(key, facts, date) : facts[key];
    if (v === undefined || v === null) continue;
    const [entity, name] = key.split('.') as [string, string];
    data[entity]![name] = v;
  }
  for (const p of params) {
    const held = valueInForce(p, date);
    if (!held) continue;
    if (typeof held.value === 'number') data.param![p.code] = held.value;
    else {
      const by = facts[p.by as FactKey];
      data.param![p.code] = typeof by === 'string' ? (held.value[by] ?? null) : null;
    }
  }
  return data;
}

function baseline(
  services: readonly Service[],
  params: readonly Parameter[],
  people: ArrayLike<number>,
  factsOf: (i: number) => Facts,
): { ms: number; totals: Array<[number, number, number]> } {
  const rules = services.map((s) => toJsonLogic(ruleInForce(s, DATE)!.eligibility));
  const totals = services.map((): [number, number, number] => [0, 0, 0]);
  const t0 = performance.now();
  for (let k = 0; k < people.length; k++) {
    const data = personData(factsOf(people[k]!), params, DATE);
    for (let s = 0; s < rules.length; s++) {
      const r = jsonLogic.apply(rules[s]!, data) as boolean | null;
      totals[s]![r === true ? 0 : r === false ? 1 : 2]++;
    }
  }
  return { ms: performance.now() - t0, totals };
}

function engineOnSample(
  services: readonly Service[],
  params: ParameterIndex,
  pop: Parameters<typeof compileRule>[3],
  people: ArrayLike<number>,
): Array<[number, number, number]> {
  return services.map((s) => {
    const f = compileRule(ruleInForce(s, DATE)!, params, DATE, pop);
    const t: [number, number, number] = [0, 0, 0];
    for (let k = 0; k < people.length; k++) {
      const o = f(people[k]!);
      t[o === 1 ? 0 : o === 0 ? 1 : 2]++;
    }
    return t;
  });
}

const mb = (n: number) => Math.round(n / 2 ** 20);

const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
const catalog = { services: pack.services, parameters: pack.parameters };
const params = indexParameters(catalog.parameters);
const services = catalog.services.filter((s) => ruleInForce(s, DATE) !== null);

let t = performance.now();
const { pop } = buildPopulation({ seed: SEED, size: SIZE, date: DATE }, districtsOf(pack.areas), catalog);
const populationMs = performance.now() - t;
global.gc?.();
const memAfterPopulation = process.memoryUsage();
console.log(`population: ${SIZE} people, ${pop.households} households in ${Math.round(populationMs)} ms`);

// ---- engine: the whole batch (compile, evaluate everyone, counts per district, work lists)
const engineMs: number[] = [];
let result = matchPopulation(pop, catalog.services, params, DATE, {
  tracked: (s) => trackedServices([s]).length > 0,
});
for (let r = 0; r < REPS; r++) {
  t = performance.now();
  result = matchPopulation(pop, catalog.services, params, DATE, {
    tracked: (s) => trackedServices([s]).length > 0,
  });
  engineMs.push(performance.now() - t);
}
const memAfterEngine = process.memoryUsage();
const batchMs = median(engineMs);
console.log(
  `engine: ${services.length} services × ${SIZE} people in ${Math.round(batchMs)} ms (median of ${REPS}); ${result.items.length} work-list items`,
);

// ---- baseline on a seeded sample; the engine on the same people; counts must be equal
const next = createRandom(SEED);
const sample = new Int32Array(SAMPLE);
if (SAMPLE === SIZE) sample.forEach((_, k) => (sample[k] = k));
else {
  const chosen = new Set<number>();
  while (chosen.size < SAMPLE) chosen.add(Math.floor(next() * SIZE));
  sample.set([...chosen].sort((a, b) => a - b));
}
const base = baseline(services, catalog.parameters, sample, (i) => factsOfPerson(pop, i));
const engineSample = engineOnSample(services, params, pop, sample);
services.forEach((s, k) =>
  check(
    base.totals[k]!.join('/') === engineSample[k]!.join('/'),
    `${s.code}: json-logic ${base.totals[k]!.join('/')} vs engine ${engineSample[k]!.join('/')} (eligible/not/unknown)`,
  ),
);
if (SAMPLE === SIZE)
  services.forEach((s, k) =>
    check(base.totals[k]!.join('/') === result.outcomeTotals[k]!.join('/'), `${s.code}: full-run totals`),
  );
// How much of the baseline is decoding people into objects rather than evaluating rules.
t = performance.now();
let decoded = 0;
for (let k = 0; k < SAMPLE; k++)
  decoded += Object.keys(personData(factsOfPerson(pop, sample[k]!), catalog.parameters, DATE).person!).length;
const decodeMs = performance.now() - t;
check(decoded > 0, 'decoded people');
const baselinePerPersonUs = (base.ms * 1000) / SAMPLE;
const enginePerPersonUs = (batchMs * 1000) / SIZE;
const ratio = baselinePerPersonUs / enginePerPersonUs;
console.log(
  `baseline (json-logic-js): ${SAMPLE} people in ${Math.round(base.ms)} ms = ${baselinePerPersonUs.toFixed(2)} µs/person; engine ${enginePerPersonUs.toFixed(3)} µs/person; ${ratio.toFixed(1)}× faster; counts equal`,
);

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const out = {
  bench: 'entitlements',
  what: `proactive matching: every service in force on ${DATE} (${services.length}) over ${SIZE} synthetic people (seed ${SEED}), outcome per person, counts per district and work lists (gap / re-check)`,
  baseline:
    'json-logic-js 2.0.5 interpreting the same rules translated to JSON Logic (three-valued all/any/not as added operations), one person at a time, each person decoded to a JSON object with derived facts and parameters resolved',
  machine: machine(),
  commit: commit(),
  people: SIZE,
  households: pop.households,
  services: services.length,
  populationBuildMs: Math.round(populationMs),
  engine: {
    batchMs: Math.round(batchMs),
    reps: REPS,
    runsMs: engineMs.map((x) => Math.round(x)),
    perPersonMicroseconds: round(enginePerPersonUs, 3),
    workListItems: result.items.length,
  },
  baselineRun: {
    sample: SAMPLE,
    sampled: SAMPLE < SIZE,
    note:
      SAMPLE < SIZE
        ? `The baseline ran on a seeded sample of ${SAMPLE} people (over all ${SIZE} it would take about ${Math.round((baselinePerPersonUs * SIZE) / 1e6)} s); rates are compared per person, and the engine's counts on the same people were checked equal.`
        : 'The baseline ran over everyone; counts checked equal.',
    ms: Math.round(base.ms),
    perPersonMicroseconds: round(baselinePerPersonUs, 2),
    projectedFullMs: Math.round((baselinePerPersonUs * SIZE) / 1000),
    decodeMs: Math.round(decodeMs),
    /** The ratio with the baseline's decoding of people into JSON objects left out: rule interpretation alone. */
    ratioRulesOnly: round(((base.ms - decodeMs) * 1000) / SAMPLE / enginePerPersonUs),
  },
  ratio: round(ratio),
  targets: { ratioAtLeast: 20, batchUnderMs: 10_000, met: ratio >= 20 && batchMs < 10_000 },
  countsEqual: true,
  memoryMiB: {
    afterPopulation: {
      rss: mb(memAfterPopulation.rss),
      heapUsed: mb(memAfterPopulation.heapUsed),
      arrayBuffers: mb(memAfterPopulation.arrayBuffers),
    },
    afterEngine: {
      rss: mb(memAfterEngine.rss),
      heapUsed: mb(memAfterEngine.heapUsed),
      arrayBuffers: mb(memAfterEngine.arrayBuffers),
    },
    final: { rss: mb(process.memoryUsage().rss), heapUsed: mb(process.memoryUsage().heapUsed) },
  },
  perServiceSample: services.map((s, k) => ({ code: s.code, eligibleNotUnknown: engineSample[k] })),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/entitlements.json', `${JSON.stringify(out, null, 2)}\n`);
