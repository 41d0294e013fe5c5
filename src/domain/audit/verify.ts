/**
 * Checking the chain, one entry at a time, so the log can be streamed in pages of any size in bounded
 * memory. The first broken entry is reported and checking stops there: after a break, every later
 * entry is suspect anyway, and the first one is where to look.
 */
import type { AuditFields, ChainHead, Digest } from './chain.ts';
import { EMPTY_HEAD, entryHash } from './chain.ts';

/** An entry as read back from the log; the chain columns are null on entries never linked. */
export interface StoredAuditEntry extends AuditFields {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/**
 * What is wrong: not linked at all; a sequence number other than the next (an entry removed, inserted
 * or moved); prev_hash not the previous entry's hash; hash not that of the content (the content was
 * changed); or the recorded head does not match where the log ends (entries removed from the end, or
 * added past it without moving the head).
 */
export type ChainBreakKind = 'unlinked' | 'sequence' | 'prevHash' | 'hash' | 'head';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The entry's id; null when it is missing (the log ends before the recorded head). */
  id: number | null;
  seq: number | null;
  expected: string;
  found: string;
  zh: string;
  en: string;
}

const short = (h: string | null) => (h === null ? 'null' : h.slice(0, 16));

export class ChainVerifier {
  private last: ChainHead;
  private checked = 0;
  private broken: ChainBreak | null = null;

  constructor(
    private readonly digest: Digest,
    start: ChainHead = EMPTY_HEAD,
  ) {
    this.last = start;
  }

  /** Entries found intact so far. */
  get entries(): number {
    return this.checked;
  }

  /** Where the intact chain ends so far. */
  get head(): ChainHead {
    return this.last;
  }

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  /** Check the next entry (in id order); returns the break it shows, if any (then stop). */
  check(e: StoredAuditEntry): ChainBreak | null {
    if (this.broken) return this.broken;
    const next = this.last.seq + 1;
    if (e.seq === null || e.prevHash === null || e.hash === null) {
      return this.fail({
        kind: 'unlinked',
        id: e.id,
        seq: e.seq,
        expected: `seq ${next}`,
        found: 'no seq/prev_hash/hash',
        zh: `条目 ${e.id} 不在哈希链中（缺少序号或哈希），是绕过追加流程写入的`,
        en: `entry ${e.id} is not in the chain (no seq, prev_hash or hash): it was written around the append path`,
      });
    }
    if (e.seq !== next) {
      return this.fail({
        kind: 'sequence',
        id: e.id,
        seq: e.seq,
        expected: String(next),
        found: String(e.seq),
        zh: `条目 ${e.id} 的序号为 ${e.seq}，应为 ${next}：${e.seq > next ? `序号 ${next}–${e.seq - 1} 的条目缺失（被删除）` : '条目被插入或调换了顺序'}`,
        en: `gap in sequence at entry ${e.id}: seq ${e.seq}, expected ${next} (${e.seq > next ? `entries ${next}–${e.seq - 1} are missing: deleted` : 'an entry was inserted or moved'})`,
      });
    }
    if (e.prevHash !== this.last.hash) {
      return this.fail({
        kind: 'prevHash',
        id: e.id,
        seq: e.seq,
        expected: this.last.hash,
        found: e.prevHash,
        zh: `条目 ${e.id}（序号 ${e.seq}）的 prev_hash ${short(e.prevHash)}… 与前一条目的哈希 ${short(this.last.hash)}… 不符`,
        en: `prev_hash does not match at entry ${e.id} (seq ${e.seq}): ${short(e.prevHash)}… is not the previous entry's hash ${short(this.last.hash)}…`,
      });
    }
    const hash = entryHash(this.digest, e, e.seq, e.prevHash);
    if (hash !== e.hash) {
      return this.fail({
        kind: 'hash',
        id: e.id,
        seq: e.seq,
        expected: hash,
        found: e.hash,
        zh: `条目 ${e.id}（序号 ${e.seq}）哈希不符：内容在写入后被修改（计算得 ${short(hash)}…，记录为 ${short(e.hash)}…）`,
        en: `hash mismatch at entry ${e.id} (seq ${e.seq}): its content was changed after it was written (computed ${short(hash)}…, stored ${short(e.hash)}…)`,
      });
    }
    this.last = { seq: e.seq, hash };
    this.checked++;
    return null;
  }

  /**
   * After the last entry: does the log end where the recorded head says? `firstPastHead` is the id of
   * the entry with seq head.seq + 1, when the log runs past the head (the caller looks it up).
   */
  end(recorded: ChainHead, firstPastHead: number | null = null): ChainBreak | null {
    if (this.broken) return this.broken;
    if (recorded.seq === this.last.seq && recorded.hash === this.last.hash) return null;
    if (recorded.seq > this.last.seq) {
      return this.fail({
        kind: 'head',
        id: null,
        seq: this.last.seq + 1,
        expected: `seq ${recorded.seq}`,
        found: `seq ${this.last.seq}`,
        zh: `日志止于序号 ${this.last.seq}，但链头记录到序号 ${recorded.seq}：末尾的条目 ${this.last.seq + 1}–${recorded.seq} 缺失（被删除）`,
        en: `the log ends at seq ${this.last.seq} but the chain head records seq ${recorded.seq}: entries ${this.last.seq + 1}–${recorded.seq} at the end are missing (deleted)`,
      });
    }
    if (recorded.seq < this.last.seq) {
      return this.fail({
        kind: 'head',
        id: firstPastHead,
        seq: recorded.seq + 1,
        expected: `seq ${recorded.seq}`,
        found: `seq ${this.last.seq}`,
        zh: `日志延续到序号 ${this.last.seq}，超出链头记录的序号 ${recorded.seq}：序号 ${recorded.seq + 1} 起的条目未经追加流程写入（伪造）`,
        en: `the log runs past the chain head (seq ${recorded.seq}) to seq ${this.last.seq}: entries from seq ${recorded.seq + 1} were added around the append path (forged)`,
      });
    }
    return this.fail({
      kind: 'head',
      id: null,
      seq: recorded.seq,
      expected: recorded.hash,
      found: this.last.hash,
      zh: `链头记录的哈希 ${short(recorded.hash)}… 与最后一条目的哈希 ${short(this.last.hash)}… 不符`,
      en: `the chain head's hash ${short(recorded.hash)}… is not the last entry's hash ${short(this.last.hash)}…`,
    });
  }

  private fail(b: ChainBreak): ChainBreak {
    this.broken = b;
    return b;
  }
}

export interface ChainReport {
  ok: boolean;
  /** Entries found intact (all of them when ok; those before the break otherwise). */
  entries: number;
  /** The hash of the last intact entry: when ok, the head to anchor elsewhere. */
  head: string;
  broken: ChainBreak | null;
}

/** Verify a whole list (tests and small logs); `recorded` is the stored head, when there is one. */
export function verifyChain(
  digest: Digest,
  entries: Iterable<StoredAuditEntry>,
  recorded?: ChainHead,
): ChainReport {
  const v = new ChainVerifier(digest);
  const idOfSeq = new Map<number, number>();
  for (const e of entries) {
    if (v.check(e)) break;
    if (e.seq !== null) idOfSeq.set(e.seq, e.id);
  }
  if (recorded && !v.firstBreak) v.end(recorded, idOfSeq.get(recorded.seq + 1) ?? null);
  return report(v);
}

export function report(v: ChainVerifier): ChainReport {
  return { ok: v.firstBreak === null, entries: v.entries, head: v.head.hash, broken: v.firstBreak };
}
