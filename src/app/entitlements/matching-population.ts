/**
 * The synthetic population (示例) a matching run works on, rebuilt on demand from what a snapshot
 * records (seed, size, date, catalog): it is never stored person by person, because the generator
 * gives the same columns for the same inputs and 1,000,000 rows would only cost space. The content
 * hash stored with the snapshot proves a rebuild is the same population.
 *
 * Receipt of services is drawn from the rules in force one year before the run date (the state at
 * the last review): who has since turned 80 shows up as entitled but not served, a child who has
 * since turned 3 as receiving what no longer applies, on top of the seeded take-up gaps.
 */
import { createHash } from 'node:crypto';
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { compileRule } from '../../domain/entitlements/compile.ts';
import { ruleInForce } from '../../domain/entitlements/evaluate.ts';
import type { ParameterIndex } from '../../domain/entitlements/parameters.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { PopulationColumns } from '../../domain/entitlements/population-columns.ts';
import { withReceipts } from '../../domain/entitlements/receipts.ts';
import type { OutcomeOf } from '../../domain/entitlements/receipts.ts';
import type { PopulationDistrict } from '../../domain/entitlements/synthetic-population.ts';
import { generatePopulation } from '../../domain/entitlements/synthetic-population.ts';
import type { SnapshotSummary } from '../../store/repositories/entitlement-snapshot.repository.ts';
import type { AppContext } from '../context.ts';

export interface PopulationSpec {
  seed: number;
  size: number;
  /** The run date (YYYY-MM-DD): ages are counted on it. */
  date: string;
}

export interface MatchingPopulation {
  spec: PopulationSpec;
  pop: PopulationColumns;
  /** sha256 of every column and receipt bitset, in a fixed order. */
  hash: string;
}

/** The date receipts were last reviewed: one year before the run date. */
export function receiptsDate(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${y}-${md}`;
}

/** The services whose receipt is tracked: those applied for (open facilities have no receipt). */
export function trackedServices(services: readonly Service[]): Service[] {
  return services.filter((s) => s.applicationNeeded);
}

export function districtsOf(
  areas: ReadonlyArray<{
    code: string;
    kind: string;
    residentPopulation: number | null;
    registeredPopulation: number | null;
    areaKm2: number | null;
  }>,
): PopulationDistrict[] {
  return areas
    .filter((a) => a.kind === 'district' && (a.residentPopulation ?? 0) > 0)
    .map((a) => ({
      code: a.code,
      residentPopulation: a.residentPopulation!,
      registeredPopulation: a.registeredPopulation,
      areaKm2: a.areaKm2,
    }));
}

/** Builds the population with its receipts (pure given the inputs). */
export function buildPopulation(
  spec: PopulationSpec,
  districts: readonly PopulationDistrict[],
  catalog: { services: readonly Service[]; parameters: readonly Parameter[] },
): MatchingPopulation {
  const params = indexParameters(catalog.parameters);
  const reviewed = receiptsDate(spec.date);
  const dibao = params.get('dibao_line');
  const dibaoValue = dibao?.values.filter((v) => v.from <= spec.date).at(-1)?.value;
  const base = generatePopulation({
    ...spec,
    districts,
    dibaoLine:
      typeof dibaoValue === 'number'
        ? dibaoValue
        : dibaoValue
          ? Math.max(...Object.values(dibaoValue))
          : undefined,
  });
  const outcomes = new Map<string, OutcomeOf>();
  for (const s of trackedServices(catalog.services)) {
    const outcome = compiledOn(s, params, reviewed, base) ?? compiledOn(s, params, spec.date, base);
    if (outcome) outcomes.set(s.code, outcome);
  }
  const pop = withReceipts(base, outcomes, spec.seed);
  return { spec, pop, hash: populationHash(pop) };
}

/**
 * The service's rule compiled for a date; null when no rule or one of its parameters has no value
 * then (a service or amount introduced since the last review: receipt is drawn on today's rule).
 */
function compiledOn(
  s: Service,
  params: ParameterIndex,
  date: string,
  pop: PopulationColumns,
): OutcomeOf | null {
  const rule = ruleInForce(s, date);
  if (!rule) return null;
  try {
    return compileRule(rule, params, date, pop);
  } catch (e) {
    if (e instanceof FuwuError) return null;
    throw e;
  }
}

export function populationHash(pop: PopulationColumns): string {
  const h = createHash('sha256');
  h.update(`${pop.size}/${pop.households}/${pop.districtCodes.join(',')}`);
  h.update(new Uint8Array(pop.householdOf.buffer, pop.householdOf.byteOffset, pop.householdOf.byteLength));
  for (const part of [pop.person, pop.household])
    for (const key of Object.keys(part).sort()) {
      const col = part[key as keyof typeof part]!;
      h.update(key).update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
    }
  for (const code of [...pop.receives.keys()].sort()) h.update(code).update(pop.receives.get(code)!);
  return h.digest('hex');
}

export function catalogHash(catalog: {
  services: readonly Service[];
  parameters: readonly Parameter[];
}): string {
  return createHash('sha256').update(JSON.stringify(catalog)).digest('hex');
}

// The last population built, kept so that a person's trace after a run (or a second trace) does not
// rebuild 1,000,000 people; one is enough, the pages look at one snapshot at a time.
let cached: { key: string; value: MatchingPopulation } | null = null;

/** The population of a spec and catalog, rebuilt or from the one-entry cache. */
export async function matchingPopulation(
  ctx: AppContext,
  spec: PopulationSpec,
  catalog: { services: readonly Service[]; parameters: readonly Parameter[] },
): Promise<MatchingPopulation> {
  const plan = await ctx.plan.get();
  const key = `${spec.seed}/${spec.size}/${spec.date}/${catalogHash(catalog)}/${plan.contentHash}`;
  if (cached?.key === key) return cached.value;
  const value = buildPopulation(spec, districtsOf(plan.areas), catalog);
  cached = { key, value };
  return value;
}

/**
 * The population a snapshot was run on, rebuilt from its seed, size and date, and proved the same by
 * its content hash; a generator changed since the run is a conflict (run the matching again).
 */
export async function snapshotPopulation(
  ctx: AppContext,
  summary: Pick<SnapshotSummary, 'populationSeed' | 'populationSize' | 'onDate' | 'populationHash'>,
  catalog: { services: Service[]; parameters: Parameter[] },
): Promise<MatchingPopulation> {
  const spec = { seed: summary.populationSeed, size: summary.populationSize, date: summary.onDate };
  const population = await matchingPopulation(ctx, spec, catalog);
  if (population.hash !== summary.populationHash)
    throw new FuwuError(
      'conflict',
      '重建的示例人口与快照记录不一致（生成程序已变更），请重新运行匹配',
      'the rebuilt synthetic population differs from the snapshot (the generator changed); run the matching again',
    );
  return population;
}
