/** The pure rules of data-sharing tokens: validation, what a token grants and when, scope, secrets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShareDataset, ShareOperation } from '../../../src/domain/sharing/datasets.ts';
import {
  SHARE_DATASETS,
  SHARE_DATASET_NAMES,
  SHARE_OPERATIONS,
} from '../../../src/domain/sharing/datasets.ts';
import type { ShareGrant, ShareTokenState } from '../../../src/domain/sharing/token-rules.ts';
import {
  MAX_TOKEN_DAYS,
  bearerSecret,
  formatSecret,
  inSectorScope,
  refusalFor,
  scopedArea,
  secretTokenId,
  tokenActor,
  tokenStatus,
  validateTokenDraft,
} from '../../../src/domain/sharing/token-rules.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const NOW = new Date('2024-03-01T08:00:00.000Z');
const DAY = 86_400_000;
const DISTRICTS = ['510104', '510105'];

/** Every dataset × operation a dataset offers. */
const ALL_PAIRS: ShareGrant[] = SHARE_DATASET_NAMES.flatMap((dataset) =>
  (SHARE_DATASETS[dataset] as readonly ShareOperation[]).map((operation) => ({ dataset, operation })),
);

const token = (over: Partial<ShareTokenState> = {}): ShareTokenState => ({
  id: 7,
  name: 'stats',
  grants: [{ dataset: 'facilities', operation: 'read' }],
  scope: { districtCode: null, sector: null },
  expiresAt: new Date(NOW.getTime() + 30 * DAY),
  revokedAt: null,
  ...over,
});

const valid = {
  name: 'stats-bureau',
  ownerSystem: '市统计局',
  grants: [{ dataset: 'facilities', operation: 'read' }],
  expiresAt: new Date(NOW.getTime() + 30 * DAY).toISOString(),
};
const problemsOf = (input: Record<string, unknown>) =>
  validateTokenDraft(input, { now: NOW, districts: DISTRICTS }).problems.map((p) => p.field);

describe('validateTokenDraft', () => {
  it('accepts a well-formed token and puts its grants in a stable order without duplicates', () => {
    const { draft, problems } = validateTokenDraft(
      {
        ...valid,
        grants: [
          { dataset: 'observations', operation: 'write' },
          { dataset: 'facilities', operation: 'read' },
          { dataset: 'observations', operation: 'write' },
        ],
        districtCode: '510104',
      },
      { now: NOW, districts: DISTRICTS },
    );
    expect(problems).toEqual([]);
    expect(draft?.grants).toEqual([
      { dataset: 'facilities', operation: 'read' },
      { dataset: 'observations', operation: 'write' },
    ]);
    expect(draft?.scope).toEqual({ districtCode: '510104', sector: null });
  });

  it('names each field at fault, in both languages', () => {
    expect(problemsOf({ ...valid, name: 'Bad Name' })).toEqual(['name']);
    expect(problemsOf({ ...valid, ownerSystem: ' ' })).toEqual(['ownerSystem']);
    expect(problemsOf({ ...valid, grants: [] })).toEqual(['grants']);
    expect(problemsOf({ ...valid, grants: [{ dataset: 'persons', operation: 'read' }] })).toEqual([
      'grants[0].dataset',
    ]);
    expect(problemsOf({ ...valid, grants: [{ dataset: 'gaps', operation: 'write' }] })).toEqual([
      'grants[0].operation',
    ]);
    expect(problemsOf({ ...valid, districtCode: '999999' })).toEqual(['districtCode']);
    expect(problemsOf({ ...valid, sector: 'space' })).toEqual(['sector']);
    expect(problemsOf({ ...valid, districtCode: '510104', sector: 'health' })).toEqual(['sector']);
    expect(problemsOf({ ...valid, expiresAt: undefined })).toEqual(['expiresAt']);
    expect(problemsOf({ ...valid, expiresAt: 'soon' })).toEqual(['expiresAt']);
    expect(problemsOf({ ...valid, expiresAt: NOW.toISOString() })).toEqual(['expiresAt']);
    const r = validateTokenDraft({ ...valid, name: '' }, { now: NOW, districts: DISTRICTS });
    expect(r.problems[0]?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.problems[0]?.en).toMatch(/lower-case/);
  });

  it('requires a scope for a token that writes', () => {
    const write = { ...valid, grants: [{ dataset: 'observations', operation: 'write' }] };
    expect(problemsOf(write)).toEqual(['districtCode']);
    expect(problemsOf({ ...write, districtCode: '510105' })).toEqual([]);
    expect(problemsOf({ ...write, sector: 'health' })).toEqual([]);
  });

  it('allows expiry up to MAX_TOKEN_DAYS ahead and no further', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 * MAX_TOKEN_DAYS * 24 * 60 }), (minutes) => {
        const expiresAt = new Date(NOW.getTime() + minutes * 60_000).toISOString();
        const ok = problemsOf({ ...valid, expiresAt }).length === 0;
        expect(ok).toBe(minutes <= MAX_TOKEN_DAYS * 24 * 60);
      }),
    );
  });
});

const grantsArb = fc.subarray(ALL_PAIRS);
const pairArb = fc.record({
  dataset: fc.constantFrom(...SHARE_DATASET_NAMES) as fc.Arbitrary<ShareDataset>,
  operation: fc.constantFrom(...SHARE_OPERATIONS),
});

describe('refusalFor', () => {
  it('never grants a dataset or operation the token was not given (403), and grants each one it was', () => {
    fc.assert(
      fc.property(grantsArb, pairArb, (grants, { dataset, operation }) => {
        const refusal = refusalFor(token({ grants }), dataset, operation, NOW);
        const given = grants.some((g) => g.dataset === dataset && g.operation === operation);
        if (given) expect(refusal).toBeNull();
        else expect(refusal?.code).toBe('forbidden');
      }),
    );
  });

  it('grants nothing once expired or revoked (401), whatever it was given', () => {
    fc.assert(
      fc.property(
        grantsArb,
        pairArb,
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.boolean(),
        (grants, { dataset, operation }, hoursPast, revoke) => {
          const t = revoke
            ? token({ grants, revokedAt: new Date(NOW.getTime() - hoursPast * 3600_000) })
            : token({ grants, expiresAt: new Date(NOW.getTime() - hoursPast * 3600_000) });
          const refusal = refusalFor(t, dataset, operation, NOW);
          expect(refusal).toBeInstanceOf(FuwuError);
          expect(refusal?.code).toBe('unauthenticated');
          expect(refusal?.message).toContain(revoke ? 'revoked' : 'expired');
          expect(tokenStatus(t, NOW)).toBe(revoke ? 'revoked' : 'expired');
        },
      ),
    );
  });

  it('treats no token as unknown (401)', () => {
    expect(refusalFor(null, 'facilities', 'read', NOW)?.code).toBe('unauthenticated');
  });

  it('is active until the very moment of expiry', () => {
    const t = token({ expiresAt: new Date(NOW.getTime() + 1) });
    expect(tokenStatus(t, NOW)).toBe('active');
    expect(tokenStatus(t, new Date(NOW.getTime() + 1))).toBe('expired');
  });
});

describe('scope', () => {
  const district = token({ scope: { districtCode: '510104', sector: null } });
  const sector = token({ scope: { districtCode: null, sector: 'health' } });

  it('reads a district token its district by default, and the areas within it, never another', () => {
    expect(scopedArea(district, undefined)).toBe('510104');
    expect(scopedArea(district, '510104')).toBe('510104');
    expect(scopedArea(district, '510104017')).toBe('510104017');
    expect(() => scopedArea(district, '510105')).toThrow(FuwuError);
    expect(() => scopedArea(district, '510100')).toThrow(/outside the scope/);
    expect(scopedArea(token(), undefined)).toBeUndefined();
    expect(scopedArea(sector, '510105')).toBe('510105');
  });

  it('keeps the rows of its sector only', () => {
    expect(inSectorScope(sector, 'health')).toBe(true);
    expect(inSectorScope(sector, 'education')).toBe(false);
    expect(inSectorScope(district, 'education')).toBe(true);
  });

  it('acts as an officer of its scope, named share:<name>', () => {
    expect(tokenActor(district)).toMatchObject({
      id: 0,
      username: 'share:stats',
      role: 'districtOfficer',
      districtCode: '510104',
      sector: null,
    });
    expect(tokenActor(sector)).toMatchObject({
      role: 'departmentOfficer',
      sector: 'health',
      districtCode: null,
    });
    expect(tokenActor(token())).toMatchObject({ role: 'viewer' });
  });
});

describe('secrets', () => {
  it('round-trips the token id through the secret and rejects anything else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (id, bytes) => {
          const secret = formatSecret(id, Buffer.from(bytes).toString('base64url'));
          expect(secretTokenId(secret)).toBe(id);
          expect(bearerSecret(`Bearer ${secret}`)).toBe(secret);
          expect(secretTokenId(`${secret}x`)).toBeNull();
        },
      ),
    );
    expect(secretTokenId('fuwu_share_1_short')).toBeNull();
    expect(bearerSecret(undefined)).toBeNull();
    expect(bearerSecret('Basic abc')).toBeNull();
  });
});
