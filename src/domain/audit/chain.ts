/**
 * The audit log's hash chain (issue 7 §2): entry n stores prev_hash = hash of entry n−1 (the genesis
 * value for the first) and hash = SHA-256 of its canonical text, which includes prev_hash. Changing,
 * removing, inserting or reordering any entry therefore breaks the chain at that entry. The digest is
 * passed in (the domain does no I/O and imports no node modules); it takes text and hashes its UTF-8.
 */
import { asStored, canonicalJson } from './canonical.ts';

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. */
export type Digest = (text: string) => string;

/** What the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the serialization, so a future change of it cannot be confused with tampering. */
const FORMAT = 'fuwu.audit.v1';

/** The recorded fields of an entry: what the hash protects. */
export interface AuditFields {
  /** When, as canonicalAt gives it (microseconds, UTC). */
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/** An entry's place in the chain. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Where the chain ends: the last entry's sequence number and hash (0 and genesis when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/**
 * A timestamp in the form the verifier reads back from `timestamptz` (to_char … US): UTC with six
 * fractional digits, e.g. 2025-03-01T08:00:00.123000Z. Dates carry milliseconds, so three zeros follow.
 */
export function canonicalAt(at: Date): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/** The exact text hashed for an entry at `seq` following `prevHash`. */
export function entryText(e: AuditFields, seq: number, prevHash: string): string {
  return canonicalJson([
    FORMAT,
    seq,
    e.at,
    e.actorId,
    e.actor,
    e.action,
    e.entity,
    e.entityId,
    asStored(e.detail),
    prevHash,
  ]);
}

export function entryHash(digest: Digest, e: AuditFields, seq: number, prevHash: string): string {
  return digest(entryText(e, seq, prevHash));
}

/** Link a new entry after `head`. */
export function linkAfter(digest: Digest, head: ChainHead, e: AuditFields): ChainLink {
  const seq = head.seq + 1;
  return { seq, prevHash: head.hash, hash: entryHash(digest, e, seq, head.hash) };
}
