/**
 * The audit hash chain and its verifier: an intact chain verifies and ends at the last hash; any single
 * field changed, any entry removed, inserted or moved is reported at the first entry it breaks.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditFields } from '../../../src/domain/audit/chain.ts';
import {
  EMPTY_HEAD,
  GENESIS_HASH,
  canonicalAt,
  entryHash,
  entryText,
  linkAfter,
} from '../../../src/domain/audit/chain.ts';
import type { StoredAuditEntry } from '../../../src/domain/audit/verify.ts';
import { ChainVerifier, verifyChain } from '../../../src/domain/audit/verify.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const fieldsArb: fc.Arbitrary<AuditFields> = fc.record({
  at: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map(canonicalAt),
  actorId: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
  actor: fc.string({ maxLength: 12 }),
  action: fc.constantFrom('case.submit', 'observation.record', 'user.create', '查看'),
  entity: fc.string({ maxLength: 8 }),
  entityId: fc.option(fc.string({ maxLength: 8 })),
  detail: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
});

/** A chain as the store would hold it: ids increasing with gaps (rolled-back appends), seq 1..n. */
function chainOf(fields: AuditFields[], idGaps: number[] = []): StoredAuditEntry[] {
  let head = EMPTY_HEAD;
  let id = 0;
  return fields.map((f, i) => {
    id += 1 + (idGaps[i] ?? 0);
    const link = linkAfter(sha256, head, f);
    head = { seq: link.seq, hash: link.hash };
    return { ...f, id, ...link };
  });
}

const headOf = (c: StoredAuditEntry[]) =>
  c.length === 0 ? EMPTY_HEAD : { seq: c.at(-1)!.seq!, hash: c.at(-1)!.hash! };

const chainArb = (min: number) =>
  fc
    .array(fieldsArb, { minLength: min, maxLength: 12 })
    .chain((fs) =>
      fc.array(fc.nat(3), { minLength: fs.length, maxLength: fs.length }).map((gaps) => chainOf(fs, gaps)),
    );

const ENTRY: AuditFields = {
  at: '2025-03-01T08:00:00.123000Z',
  actorId: 7,
  actor: 'jinjiang',
  action: 'case.submit',
  entity: 'case',
  entityId: '42',
  detail: { serviceCode: 'S-1-04', nested: { b: 2, a: [1.5, '成都'] } },
};

describe('the audit chain', () => {
  it('hashes a fixed serialization (a change of it must be deliberate: it would break every chain)', () => {
    expect(entryText(ENTRY, 1, GENESIS_HASH)).toBe(
      `["fuwu.audit.v1",1,"2025-03-01T08:00:00.123000Z",7,"jinjiang","case.submit","case","42",` +
        `{"nested":{"a":[1.5,"成都"],"b":2},"serviceCode":"S-1-04"},"${'0'.repeat(64)}"]`,
    );
    expect(entryHash(sha256, ENTRY, 1, GENESIS_HASH)).toBe(sha256(entryText(ENTRY, 1, GENESIS_HASH)));
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(canonicalAt(new Date('2025-03-01T08:00:00.123Z'))).toBe('2025-03-01T08:00:00.123000Z');
  });

  it('does not depend on the key order of the detail (jsonb returns its own order)', () => {
    const reordered = { ...ENTRY, detail: { nested: { a: [1.5, '成都'], b: 2 }, serviceCode: 'S-1-04' } };
    expect(entryHash(sha256, reordered, 1, GENESIS_HASH)).toBe(entryHash(sha256, ENTRY, 1, GENESIS_HASH));
    expect(entryHash(sha256, ENTRY, 2, GENESIS_HASH)).not.toBe(entryHash(sha256, ENTRY, 1, GENESIS_HASH));
  });

  it('an empty log verifies, at the genesis hash', () => {
    expect(verifyChain(sha256, [], EMPTY_HEAD)).toEqual({
      ok: true,
      entries: 0,
      head: GENESIS_HASH,
      broken: null,
    });
  });

  it('property: an intact chain verifies and ends at the last entry’s hash', () => {
    fc.assert(
      fc.property(chainArb(0), (chain) => {
        const r = verifyChain(sha256, chain, headOf(chain));
        expect(r.broken).toBeNull();
        expect(r).toMatchObject({ ok: true, entries: chain.length, head: headOf(chain).hash });
      }),
    );
  });

  const DATA_FIELDS = ['at', 'actorId', 'actor', 'action', 'entity', 'entityId', 'detail'] as const;
  const changed = (e: StoredAuditEntry, field: string): StoredAuditEntry => {
    switch (field) {
      case 'at':
        return {
          ...e,
          at: e.at.replace(
            /\d{3}Z$/,
            (us) => `${String((Number(us.slice(0, 3)) + 1) % 1000).padStart(3, '0')}Z`,
          ),
        };
      case 'actorId':
        return { ...e, actorId: e.actorId === null ? 1 : e.actorId + 1 };
      case 'entityId':
        return { ...e, entityId: e.entityId === null ? '' : null };
      case 'detail':
        return { ...e, detail: { ...(e.detail as object), tampered: true } };
      case 'seq':
        return { ...e, seq: e.seq! + 1 };
      case 'prevHash':
      case 'hash':
        return { ...e, [field]: sha256(`forged ${e[field]}`) };
      default:
        return { ...e, [field]: `${String(e[field as keyof StoredAuditEntry])}x` };
    }
  };

  it('property: any single field changed is reported at that entry, and why', () => {
    const fields = [...DATA_FIELDS, 'seq', 'prevHash', 'hash'];
    fc.assert(
      fc.property(
        chainArb(1).chain((c) => fc.tuple(fc.constant(c), fc.nat(c.length - 1), fc.constantFrom(...fields))),
        ([chain, i, field]) => {
          const tampered = chain.map((e, k) => (k === i ? changed(e, field) : e));
          const r = verifyChain(sha256, tampered, headOf(chain));
          expect(r.ok).toBe(false);
          expect(r.entries).toBe(i);
          expect(r.broken?.id).toBe(chain[i]!.id);
          const kind = field === 'seq' ? 'sequence' : field === 'prevHash' ? 'prevHash' : 'hash';
          expect(r.broken?.kind).toBe(kind);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: an entry removed is reported at the entry after it (a gap), or at the head when last', () => {
    fc.assert(
      fc.property(
        chainArb(1).chain((c) => fc.tuple(fc.constant(c), fc.nat(c.length - 1))),
        ([chain, i]) => {
          const r = verifyChain(
            sha256,
            chain.filter((_, k) => k !== i),
            headOf(chain),
          );
          expect(r.ok).toBe(false);
          expect(r.entries).toBe(i);
          if (i < chain.length - 1) {
            expect(r.broken).toMatchObject({ kind: 'sequence', id: chain[i + 1]!.id, seq: i + 2 });
            expect(r.broken?.en).toContain('gap in sequence');
          } else {
            expect(r.broken).toMatchObject({ kind: 'head', id: null, seq: i + 1 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: a forged entry inserted is reported where it stands, or just after it when well formed', () => {
    fc.assert(
      fc.property(
        chainArb(1).chain((c) =>
          fc.tuple(fc.constant(c), fc.nat(c.length), fieldsArb, fc.boolean(), fc.nat(1_000_000)),
        ),
        ([chain, i, f, wellFormed, junk]) => {
          const before = i === 0 ? EMPTY_HEAD : headOf(chain.slice(0, i));
          const link = wellFormed
            ? linkAfter(sha256, before, f)
            : { seq: before.seq + 1, prevHash: before.hash, hash: sha256(`junk ${junk}`) };
          const forged: StoredAuditEntry = { ...f, id: 10_000_000, ...link };
          const tampered = [...chain.slice(0, i), forged, ...chain.slice(i)];
          const r = verifyChain(sha256, tampered, headOf(chain));
          expect(r.ok).toBe(false);
          if (!wellFormed) {
            expect(r.broken).toMatchObject({ kind: 'hash', id: forged.id, seq: i + 1 });
            expect(r.entries).toBe(i);
          } else if (i < chain.length) {
            // A forger who knows the algorithm gets one entry past: the next genuine one breaks.
            expect(r.broken).toMatchObject({ kind: 'sequence', id: chain[i]!.id });
            expect(r.entries).toBe(i + 1);
          } else {
            // Appended past the recorded head without moving it.
            expect(r.broken).toMatchObject({ kind: 'head', id: forged.id, seq: i + 1 });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: two entries swapped are reported at the first of them', () => {
    fc.assert(
      fc.property(
        chainArb(2).chain((c) =>
          fc
            .tuple(fc.nat(c.length - 1), fc.nat(c.length - 1))
            .filter(([a, b]) => a !== b)
            .map(([a, b]) => [c, Math.min(a, b), Math.max(a, b)] as const),
        ),
        ([chain, i, j]) => {
          const swapped = [...chain];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          const r = verifyChain(sha256, swapped, headOf(chain));
          expect(r.ok).toBe(false);
          expect(r.entries).toBe(i);
          expect(r.broken).toMatchObject({ kind: 'sequence', id: chain[j]!.id, seq: j + 1 });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an entry never linked is named as such', () => {
    const chain = chainOf([ENTRY, ENTRY]);
    const unlinked = { ...chain[1]!, seq: null, prevHash: null, hash: null };
    const r = verifyChain(sha256, [chain[0]!, unlinked]);
    expect(r.broken).toMatchObject({ kind: 'unlinked', id: 2, seq: null });
    expect(r.entries).toBe(1);
  });

  it('a head hash that is not the last entry’s is reported', () => {
    const chain = chainOf([ENTRY, ENTRY]);
    const r = verifyChain(sha256, chain, { seq: 2, hash: sha256('other') });
    expect(r.broken).toMatchObject({ kind: 'head', seq: 2 });
    expect(r.ok).toBe(false);
  });

  it('streams: checking page by page gives the same answer, and stops at the first break', () => {
    const chain = chainOf(Array.from({ length: 25 }, (_, k) => ({ ...ENTRY, entityId: String(k) })));
    const tampered = chain.map((e, k) => (k === 17 || k === 20 ? { ...e, actor: 'mallory' } : e));
    const v = new ChainVerifier(sha256);
    let firstAt = -1;
    for (let k = 0; k < tampered.length; k++) if (v.check(tampered[k]!) && firstAt < 0) firstAt = k;
    expect(firstAt).toBe(17);
    expect(v.firstBreak?.id).toBe(chain[17]!.id);
    expect(v.entries).toBe(17);
  });
});
