/**
 * Population covered within a walking time, and per-facility catchments, from the result of a
 * nearest-source search. Population is per node (residential points snapped to the network), any
 * non-negative number.
 */
import { invalidField } from '../shared/errors.ts';
import { UNREACHABLE } from './sources.ts';

export interface Coverage {
  totalPopulation: number;
  /** Population on nodes whose nearest source is within the threshold. */
  coveredPopulation: number;
  /** coveredPopulation / totalPopulation; 0 when there is no population. */
  share: number;
}

function checkLength(population: Float64Array, length: number, otherField: string): void {
  if (population.length !== length) {
    throw invalidField(
      'population',
      `长度 ${population.length} 与 ${otherField} 的长度 ${length} 不一致`,
      `length ${population.length} differs from ${otherField} (${length})`,
    );
  }
}

function badPopulation(i: number, p: number): never {
  throw invalidField(
    `population[${i}]`,
    `人口必须是非负有限数，实际为 ${p}`,
    `population must be a non-negative finite number, got ${p}`,
  );
}

function checkPopulation(population: Float64Array, length: number, otherField: string): void {
  checkLength(population, length, otherField);
  for (let i = 0; i < population.length; i++) {
    const p = population[i]!;
    if (!(p >= 0) || !Number.isFinite(p)) badPopulation(i, p);
  }
}

/** Population within `thresholdSeconds` of its nearest source (times from nearestSources). */
export function coverage(population: Float64Array, times: Uint32Array, thresholdSeconds: number): Coverage {
  checkLength(population, times.length, 'times');
  if (!(thresholdSeconds >= 0)) {
    throw invalidField(
      'thresholdSeconds',
      `阈值必须是非负数，实际为 ${thresholdSeconds}`,
      `threshold must be non-negative, got ${thresholdSeconds}`,
    );
  }
  const none = UNREACHABLE; // local: imported bindings can be getters under some loaders
  let total = 0;
  let covered = 0;
  // One pass: each population value is checked where it is summed (this runs once per facility
  // type over a million nodes).
  for (let i = 0; i < times.length; i++) {
    const p = population[i]!;
    if (!(p >= 0) || !Number.isFinite(p)) badPopulation(i, p);
    total += p;
    const t = times[i]!;
    if (t !== none && t <= thresholdSeconds) covered += p;
  }
  return { totalPopulation: total, coveredPopulation: covered, share: total > 0 ? covered / total : 0 };
}

export interface Catchments {
  /** Population assigned to each source: the nodes whose nearest source it is. */
  populationBySource: Float64Array;
  /** Population of nodes no source reaches (within the search's cutoff). */
  unassignedPopulation: number;
}

/**
 * Non-overlapping areas of responsibility: each node's population goes to its nearest source (the
 * `source` array of nearestSources, ties already broken to the lowest index), so the catchments and
 * the unassigned population add up to the total.
 */
export function catchments(population: Float64Array, source: Int32Array, sourceCount: number): Catchments {
  checkPopulation(population, source.length, 'source');
  const bySource = new Float64Array(sourceCount);
  let unassigned = 0;
  for (let i = 0; i < source.length; i++) {
    const s = source[i]!;
    if (s < 0) unassigned += population[i]!;
    else if (s < sourceCount) bySource[s]! += population[i]!;
    else {
      throw invalidField(
        `source[${i}]`,
        `设施序号 ${s} 超出设施数 ${sourceCount}`,
        `source index ${s} is not below the source count ${sourceCount}`,
      );
    }
  }
  return { populationBySource: bySource, unassignedPopulation: unassigned };
}
