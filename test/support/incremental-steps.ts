/**
 * What the incremental 2SFCA property tests share: random sequences of scenario changes (a facility
 * added, removed or resized, some points' demand changed), played on an incremental state's copy and
 * on a plain list, with the state's accessibility held equal to the full computation after each step.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** A supply or a demand: often exactly 0 (no places, nobody), else any amount up to 500. */
export const amount = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true }));

/** One change; `add` is where the added facility is (its place before `placeOf` below). */
export type Step<A> =
  | { add: A; supply: number }
  | { remove: number }
  | { resize: number; supply: number }
  | { demand: Array<[number, number]> };

/** Random changes; slots and points are taken modulo the current counts when played. */
export function stepArbitrary<A>(place: fc.Arbitrary<A>): fc.Arbitrary<Step<A>> {
  return fc.oneof(
    fc.record({ add: place, supply: amount }),
    fc.record({ remove: fc.nat() }),
    fc.record({ resize: fc.nat(), supply: amount }),
    fc.record({ demand: fc.array(fc.tuple(fc.nat(), amount), { minLength: 1, maxLength: 5 }) }),
  );
}

/** What the tests ask of IncrementalTwoStep and IncrementalNetworkTwoStep. */
export interface IncrementalState<F> {
  readonly accessibility: Float64Array;
  copy(): IncrementalState<F>;
  add(f: F, supply: number): number;
  remove(slot: number): void;
  resize(slot: number, supply: number): void;
  setDemand(changes: ReadonlyMap<number, number>): void;
  liveSlots(): number[];
}

export interface Facility<F> {
  at: F;
  supply: number;
}

/**
 * Builds the baseline with `create` over `base` and `demand0`, then plays `steps` on a copy, checking
 * after each that its accessibility equals `full` over the live facilities and the current demand;
 * last, that the live slots are the facilities still standing and the baseline is untouched.
 */
export function checkSteps<F, A>(opts: {
  base: ReadonlyArray<Facility<F>>;
  demand0: readonly number[];
  steps: ReadonlyArray<Step<A>>;
  placeOf: (added: A) => F;
  create: (facilities: F[], supply: number[], demand: Float64Array) => IncrementalState<F>;
  full: (live: Array<Facility<F>>, demand: Float64Array) => ArrayLike<number>;
}): void {
  const demand = Float64Array.from(opts.demand0);
  const facilities: Array<Facility<F> | null> = opts.base.map((f) => ({ ...f }));
  const full = () =>
    Array.from(
      opts.full(
        facilities.filter((f): f is Facility<F> => f !== null),
        demand.slice(),
      ),
    );
  const inc = opts.create(
    opts.base.map((f) => f.at),
    opts.base.map((f) => f.supply),
    demand.slice(),
  );
  const today = full();
  expect(Array.from(inc.accessibility)).toEqual(today);
  const s = inc.copy();
  for (const st of opts.steps) {
    if ('add' in st) {
      const at = opts.placeOf(st.add);
      expect(s.add(at, st.supply)).toBe(facilities.length);
      facilities.push({ at, supply: st.supply });
    } else if ('remove' in st) {
      if (facilities.length === 0) continue;
      const j = st.remove % facilities.length;
      s.remove(j);
      facilities[j] = null;
    } else if ('resize' in st) {
      if (facilities.length === 0) continue;
      const j = st.resize % facilities.length;
      s.resize(j, st.supply);
      const f = facilities[j];
      if (f) f.supply = st.supply;
    } else {
      const m = new Map(st.demand.map(([i, d]) => [i % demand.length, d]));
      s.setDemand(m);
      for (const [i, d] of m) demand[i] = d;
    }
    expect(Array.from(s.accessibility)).toEqual(full());
  }
  expect(s.liveSlots()).toEqual(facilities.flatMap((f, j) => (f ? [j] : [])));
  // The baseline is untouched by its copy.
  expect(Array.from(inc.accessibility)).toEqual(today);
}
