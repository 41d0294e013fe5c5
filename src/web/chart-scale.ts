/**
 * Scales for hand-drawn SVG charts. Contract: domains are in data units, ranges in SVG user units
 * (pixels of the viewBox); `niceTicks` returns 2–8 round values covering [min, max].
 */

export interface Extent {
  min: number;
  max: number;
}

/** The extent of the finite values, padded by `padShare` of the span (or ±1 when flat). */
export function paddedExtent(values: readonly number[], padShare = 0.08): Extent | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (max - min < 1e-9) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    return { min: min - pad, max: max + pad };
  }
  const pad = (max - min) * padShare;
  min -= pad;
  max += pad;
  return { min, max };
}

/** A linear map from `domain` to `range`. */
export function linearScale(domain: Extent, range: Extent): (v: number) => number {
  const span = domain.max - domain.min || 1;
  return (v) => range.min + ((v - domain.min) / span) * (range.max - range.min);
}

/** Round tick values (steps of 1, 2 or 5 × 10^k) inside the extent. */
export function niceTicks(extent: Extent, target = 5): number[] {
  const span = extent.max - extent.min;
  if (!(span > 0)) return [extent.min];
  const rough = span / target;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= target + 1) ?? 10 * power;
  // Count in whole steps and round to the step's decimals, so 48 × 0.1 reads 4.8, not 4.800000000000001.
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  for (let k = Math.ceil(extent.min / step - 1e-9); k * step <= extent.max + step * 1e-9; k++) {
    ticks.push(Number((k * step).toFixed(decimals)) + 0); // + 0 turns -0 into 0
  }
  return ticks;
}
