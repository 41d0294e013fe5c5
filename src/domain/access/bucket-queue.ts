/**
 * A monotone bucket queue (Dial's algorithm) with integer keys (seconds) and lazy deletion.
 *
 * Why: with integer arc costs no larger than C, every key in the queue lies in [current, current + C],
 * so a ring of C + 1 buckets (rounded up to a power of two) holds them all and push and pop are O(1):
 * no heap, no log factor. Entries are (id, next) pairs in a pool of typed arrays; a bucket is a
 * singly linked list through the pool. Decrease-key is a plain second push: the search skips an entry
 * whose key no longer equals its id's current time (lazy deletion). That is less bookkeeping per
 * relaxation than intrusive doubly linked buckets with a true decrease-key, for a few cheap stale
 * pops; the pool holds at most one entry per successful relaxation.
 *
 * The pool lives as long as the queue and grows by doubling when a search needs more entries, so
 * searches on a reused workspace allocate nothing once it has grown to size.
 *
 * Contract: every key pushed is ≥ `current` and < `current` + ring size (the caller sizes the ring
 * with `reset(span, startKey)`); a search pops until -1 (empty) before the next `reset`, or resets.
 */
export class BucketQueue {
  private heads = new Int32Array(0);
  private mask = 0;
  private entryId: Uint32Array;
  private entryNext: Int32Array;
  private used = 0;
  private count = 0;
  /** Key of the bucket being scanned: after pop(), the key of the entry popped. */
  current = 0;

  constructor(initialEntries = 1024) {
    this.entryId = new Uint32Array(Math.max(16, initialEntries));
    this.entryNext = new Int32Array(Math.max(16, initialEntries));
  }

  /** Empties the queue; keys pushed from now on lie in [startKey, startKey + spanSeconds] at the start. */
  reset(spanSeconds: number, startKey: number): void {
    let ring = 1;
    while (ring < spanSeconds + 1) ring *= 2;
    if (this.heads.length < ring) this.heads = new Int32Array(ring);
    this.mask = ring - 1;
    this.heads.fill(-1, 0, ring);
    this.used = 0;
    this.count = 0;
    this.current = startKey;
  }

  get size(): number {
    return this.count;
  }

  push(id: number, key: number): void {
    if (this.used === this.entryId.length) this.grow();
    const e = this.used++;
    const b = key & this.mask;
    this.entryId[e] = id;
    this.entryNext[e] = this.heads[b]!;
    this.heads[b] = e;
    this.count++;
  }

  /** Removes and returns an id with the smallest key (then `current` is that key), or -1 if empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const heads = this.heads;
    const mask = this.mask;
    let key = this.current;
    let e = heads[key & mask]!;
    while (e < 0) {
      key++;
      e = heads[key & mask]!;
    }
    this.current = key;
    heads[key & mask] = this.entryNext[e]!;
    this.count--;
    return this.entryId[e]!;
  }

  private grow(): void {
    const id = new Uint32Array(this.entryId.length * 2);
    id.set(this.entryId);
    this.entryId = id;
    const next = new Int32Array(this.entryNext.length * 2);
    next.set(this.entryNext);
    this.entryNext = next;
  }
}
