/**
 * The batch of proactive matching (服务找人) over a population in columns: each service's rule in
 * force on the date is compiled once (compile.ts) and run over every person. Per district and
 * service it counts the eligible, the not eligible, the undecidable and who receives what; for the
 * services whose receipt is tracked it lists
 * - gap (应享未享): eligible and not receiving — someone to reach;
 * - recheck (应退未退): receiving and no longer eligible — someone to review.
 * Undecidable people are counted, never listed as either: the registry lacks a fact about them.
 */
import type { Service } from './catalog.schema.ts';
import { compileRule } from './compile.ts';
import { ruleInForce } from './evaluate.ts';
import type { ParameterIndex } from './parameters.ts';
import type { PopulationColumns } from './population-columns.ts';

export interface MatchCount {
  district: number;
  service: number;
  population: number;
  eligible: number;
  notEligible: number;
  cannotDecide: number;
  receiving: number;
  receivingEligible: number;
  gap: number;
  recheck: number;
}

/** Work-list items in columns (item k: person[k], service index service[k], kind 0 gap / 1 recheck). */
export interface MatchItems {
  person: Int32Array;
  service: Int32Array;
  kind: Uint8Array;
  district: Int32Array;
  length: number;
}

export interface MatchResult {
  /** The services evaluated (a rule in force on the date), in catalog order; indexes refer here. */
  services: Service[];
  counts: MatchCount[];
  items: MatchItems;
  /** Per service (same order): eligible / notEligible / cannotDecide over everyone. */
  outcomeTotals: Array<[number, number, number]>;
}

class ItemBuffer {
  person = new Int32Array(1 << 16);
  service = new Int32Array(1 << 16);
  kind = new Uint8Array(1 << 16);
  district = new Int32Array(1 << 16);
  length = 0;

  push(p: number, s: number, k: number, d: number): void {
    if (this.length === this.person.length) this.grow();
    const n = this.length++;
    this.person[n] = p;
    this.service[n] = s;
    this.kind[n] = k;
    this.district[n] = d;
  }

  private grow(): void {
    const size = this.person.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.person = copy(this.person, (n) => new Int32Array(n));
    this.service = copy(this.service, (n) => new Int32Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.district = copy(this.district, (n) => new Int32Array(n));
  }

  done(): MatchItems {
    return {
      person: this.person.subarray(0, this.length),
      service: this.service.subarray(0, this.length),
      kind: this.kind.subarray(0, this.length),
      district: this.district.subarray(0, this.length),
      length: this.length,
    };
  }
}

/**
 * Runs every service with a rule in force on `date` over the population. `tracked(service)` says
 * whose work lists are made (receipt is tracked); `onService` is called after each service (progress).
 */
export function matchPopulation(
  pop: PopulationColumns,
  services: readonly Service[],
  params: ParameterIndex,
  date: string,
  opts: { tracked?: (s: Service) => boolean; onService?: (done: number, total: number) => void } = {},
): MatchResult {
  const inForce = services.filter((s) => ruleInForce(s, date) !== null);
  const districtCol = pop.person['person.residenceDistrict'] as Uint8Array;
  const D = pop.districtCodes.length;
  const items = new ItemBuffer();
  const counts: MatchCount[] = [];
  const outcomeTotals: Array<[number, number, number]> = [];
  // Per district: [population, eligible, notEligible, cannotDecide, receiving, receivingEligible, gap, recheck]
  const acc = new Int32Array((D + 1) * 8);
  inForce.forEach((service, s) => {
    const outcome = compileRule(ruleInForce(service, date)!, params, date, pop);
    const receives = pop.receives.get(service.code);
    const listed = opts.tracked ? opts.tracked(service) : service.applicationNeeded;
    acc.fill(0);
    for (let i = 0; i < pop.size; i++) {
      const dRaw = districtCol[i]!;
      const d = dRaw < D ? dRaw : D; // D: district unknown
      const o = outcome(i);
      const r = receives !== undefined && (receives[i >>> 3]! & (1 << (i & 7))) !== 0;
      const base = d * 8;
      acc[base]!++;
      acc[base + 1 + (o === 1 ? 0 : o === 0 ? 1 : 2)]!++;
      if (r) {
        acc[base + 4]!++;
        if (o === 1) acc[base + 5]!++;
      }
      if (!listed || receives === undefined) continue;
      if (o === 1 && !r) {
        acc[base + 6]!++;
        items.push(i, s, 0, d);
      } else if (o === 0 && r) {
        acc[base + 7]!++;
        items.push(i, s, 1, d);
      }
    }
    const totals: [number, number, number] = [0, 0, 0];
    for (let d = 0; d <= D; d++) {
      const b = d * 8;
      totals[0] += acc[b + 1]!;
      totals[1] += acc[b + 2]!;
      totals[2] += acc[b + 3]!;
      if (acc[b] === 0) continue;
      counts.push({
        district: d,
        service: s,
        population: acc[b]!,
        eligible: acc[b + 1]!,
        notEligible: acc[b + 2]!,
        cannotDecide: acc[b + 3]!,
        receiving: acc[b + 4]!,
        receivingEligible: acc[b + 5]!,
        gap: acc[b + 6]!,
        recheck: acc[b + 7]!,
      });
    }
    outcomeTotals.push(totals);
    opts.onService?.(s + 1, inForce.length);
  });
  return { services: inForce, counts, items: items.done(), outcomeTotals };
}
