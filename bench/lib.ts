/**
 * What the benches share: the plain binary-heap Dijkstra every engine kernel is compared with, and
 * the timing and checking helpers (a mismatch between engine and baseline ends the run).
 */
import { performance } from 'node:perf_hooks';
import type { WalkGraph } from '../src/domain/access/graph.ts';
import { UNREACHABLE } from '../src/domain/access/nearest.ts';

/** Plain Dijkstra with a binary heap of (time, node) pairs and lazy deletion; resets touched nodes only. */
export class HeapDijkstra {
  readonly dist: Uint32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  scannedArcs = 0;
  private readonly heapKey: Uint32Array;
  private readonly heapNode: Uint32Array;

  constructor(private readonly g: WalkGraph) {
    this.dist = new Uint32Array(g.nodeCount).fill(UNREACHABLE);
    this.touched = new Uint32Array(g.nodeCount);
    this.heapKey = new Uint32Array(g.targets.length + 1);
    this.heapNode = new Uint32Array(g.targets.length + 1);
  }

  run(origin: number, cutoff: number): void {
    const { dist, touched, heapKey: hk, heapNode: hn } = this;
    // A local copy: under tsx an imported constant is read through a getter (slow in a hot loop).
    const NONE = UNREACHABLE;
    for (let i = 0; i < this.touchedCount; i++) dist[touched[i]!] = NONE;
    const { offsets, targets, costs } = this.g;
    let count = 0;
    let scanned = 0;
    dist[origin] = 0;
    touched[count++] = origin;
    hk[0] = 0;
    hn[0] = origin;
    let size = 1;
    while (size > 0) {
      const d: number = hk[0]!;
      const u: number = hn[0]!;
      size--;
      if (size > 0) {
        // Move the last entry to the root and sift it down.
        const k = hk[size]!;
        const nd = hn[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
          if (hk[c]! >= k) break;
          hk[i] = hk[c]!;
          hn[i] = hn[c]!;
          i = c;
        }
        hk[i] = k;
        hn[i] = nd;
      }
      if (d > dist[u]!) continue; // stale entry
      const end: number = offsets[u + 1]!;
      const start: number = offsets[u]!;
      scanned += end - start;
      for (let a: number = start; a < end; a++) {
        const t = d + costs[a]!;
        if (t > cutoff) continue;
        const v = targets[a]!;
        const old = dist[v]!;
        if (t < old) {
          if (old === NONE) touched[count++] = v;
          dist[v] = t;
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (hk[p]! <= t) break;
            hk[i] = hk[p]!;
            hn[i] = hn[p]!;
            i = p;
          }
          hk[i] = t;
          hn[i] = v;
        }
      }
    }
    this.touchedCount = count;
    this.scannedArcs += scanned;
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Runs fn `reps` times (after one warm-up run) and returns the times in ms and the last result. */
export function measure<T>(reps: number, fn: () => T): { medianMs: number; result: T } {
  let result = fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  return { medianMs: median(ms), result };
}
export async function measureAsync<T>(
  reps: number,
  fn: () => Promise<T>,
): Promise<{ medianMs: number; result: T }> {
  let result = await fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = await fn();
    ms.push(performance.now() - t0);
  }
  return { medianMs: median(ms), result };
}

export function check(ok: boolean, what: string): void {
  if (!ok) {
    console.error(`MISMATCH: ${what}`);
    process.exit(1);
  }
}
export function sameArrays(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  check(a.length === b.length, `${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) check(false, `${what} at ${i}: ${a[i]} vs ${b[i]}`);
}
