/**
 * The rules of a data-sharing token, pure: what a valid token is, what it grants at a given moment,
 * how its scope narrows what it reads, and who it acts as when it writes. The app layer stores and
 * checks; the words of every refusal are here so the API and the call log say the same.
 */
import type { Actor } from '../identity/roles.ts';
import type { Sector } from '../plan/pack.schema.ts';
import { SECTORS } from '../plan/pack.schema.ts';
import type { FieldProblem } from '../shared/errors.ts';
import { FuwuError } from '../shared/errors.ts';
import type { ShareDataset, ShareOperation } from './datasets.ts';
import { SHARE_DATASET_LABELS, datasetAllows, isShareDataset } from './datasets.ts';

/** Longest a token may live: a year, so every grant is looked at again at least once a year. */
export const MAX_TOKEN_DAYS = 365;
const DAY_MS = 86_400_000;

export interface ShareGrant {
  dataset: ShareDataset;
  operation: ShareOperation;
}

/** At most one of the two: a district narrows to its areas, a sector to its indicators and facilities. */
export interface ShareScope {
  districtCode: string | null;
  sector: Sector | null;
}

export interface ShareTokenDraft {
  name: string;
  ownerSystem: string;
  grants: ShareGrant[];
  scope: ShareScope;
  expiresAt: Date;
}

/** What the rules need to know of a stored token. */
export interface ShareTokenState {
  id: number;
  name: string;
  grants: readonly ShareGrant[];
  scope: ShareScope;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type ShareTokenStatus = 'active' | 'expired' | 'revoked';

const problem = (field: string, zh: string, en: string): FieldProblem => ({ field, zh, en });

/**
 * Check a token request from an admin. `districts` are the plan's district codes. Returns the draft
 * (grants deduplicated and in a stable order) or every problem found, each naming its field.
 */
export function validateTokenDraft(
  input: {
    name?: unknown;
    ownerSystem?: unknown;
    grants?: unknown;
    districtCode?: unknown;
    sector?: unknown;
    expiresAt?: unknown;
  },
  ctx: { now: Date; districts: readonly string[] },
): { draft: ShareTokenDraft | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!/^[a-z][a-z0-9._-]{2,39}$/.test(name)) {
    problems.push(
      problem(
        'name',
        '须以小写字母开头，3–40 位小写字母、数字或 . _ -',
        'must start with a lower-case letter: 3–40 of a-z, 0-9, . _ -',
      ),
    );
  }
  const ownerSystem = typeof input.ownerSystem === 'string' ? input.ownerSystem.trim() : '';
  if (ownerSystem.length === 0 || ownerSystem.length > 100) {
    problems.push(
      problem(
        'ownerSystem',
        '须填写使用该令牌的系统（1–100 字）',
        'name the system that uses the token (1–100 characters)',
      ),
    );
  }

  const grants: ShareGrant[] = [];
  if (!Array.isArray(input.grants) || input.grants.length === 0) {
    problems.push(
      problem('grants', '至少授予一个数据集的一种操作', 'grant at least one operation on one dataset'),
    );
  } else {
    input.grants.forEach((g: unknown, i) => {
      const dataset = (g as { dataset?: unknown } | null)?.dataset;
      const operation = (g as { operation?: unknown } | null)?.operation;
      if (typeof dataset !== 'string' || !isShareDataset(dataset)) {
        problems.push(
          problem(
            `grants[${i}].dataset`,
            `未知数据集：${String(dataset)}`,
            `unknown dataset: ${String(dataset)}`,
          ),
        );
      } else if ((operation !== 'read' && operation !== 'write') || !datasetAllows(dataset, operation)) {
        problems.push(
          problem(
            `grants[${i}].operation`,
            `数据集 ${dataset} 不提供操作 ${String(operation)}`,
            `dataset ${dataset} offers no operation ${String(operation)}`,
          ),
        );
      } else if (!grants.some((x) => x.dataset === dataset && x.operation === operation)) {
        grants.push({ dataset, operation });
      }
    });
  }

  const districtCode = input.districtCode === '' || input.districtCode == null ? null : input.districtCode;
  const sector = input.sector === '' || input.sector == null ? null : input.sector;
  if (districtCode !== null && (typeof districtCode !== 'string' || !ctx.districts.includes(districtCode))) {
    problems.push(
      problem(
        'districtCode',
        `不是本规划的区（市）县代码：${String(districtCode)}`,
        `not a district of the plan: ${String(districtCode)}`,
      ),
    );
  }
  if (sector !== null && (typeof sector !== 'string' || !(SECTORS as readonly string[]).includes(sector))) {
    problems.push(
      problem('sector', `领域须为 ${SECTORS.join('/')}`, `sector must be one of ${SECTORS.join(', ')}`),
    );
  }
  if (districtCode !== null && sector !== null) {
    problems.push(
      problem(
        'sector',
        '范围只能是一个区（市）县或一个领域，不能两者都填',
        'scope is one district or one sector, not both',
      ),
    );
  }
  // A write acts as a scoped officer would: with no scope it would write the whole city's figures.
  if (grants.some((g) => g.operation === 'write') && districtCode === null && sector === null) {
    problems.push(
      problem(
        'districtCode',
        '授予写入时须限定范围：一个区（市）县或一个领域',
        'a token that writes needs a scope: one district or one sector',
      ),
    );
  }

  const expiresAt = typeof input.expiresAt === 'string' ? new Date(input.expiresAt) : null;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
    problems.push(
      problem('expiresAt', '须填写到期时间（ISO 8601 日期）', 'an expiry date is required (ISO 8601)'),
    );
  } else if (expiresAt.getTime() <= ctx.now.getTime()) {
    problems.push(problem('expiresAt', '到期时间须晚于现在', 'the expiry must be in the future'));
  } else if (expiresAt.getTime() > ctx.now.getTime() + MAX_TOKEN_DAYS * DAY_MS) {
    problems.push(
      problem('expiresAt', `有效期最长 ${MAX_TOKEN_DAYS} 天`, `a token lives at most ${MAX_TOKEN_DAYS} days`),
    );
  }

  if (problems.length > 0 || !expiresAt) return { draft: null, problems };
  return {
    draft: {
      name,
      ownerSystem,
      grants: sortGrants(grants),
      scope: { districtCode: districtCode as string | null, sector: sector as Sector | null },
      expiresAt,
    },
    problems,
  };
}

function sortGrants(grants: ShareGrant[]): ShareGrant[] {
  const key = (g: ShareGrant) => `${g.dataset}:${g.operation}`;
  return [...grants].sort((a, b) => key(a).localeCompare(key(b)));
}

export function tokenStatus(
  t: Pick<ShareTokenState, 'expiresAt' | 'revokedAt'>,
  now: Date,
): ShareTokenStatus {
  if (t.revokedAt) return 'revoked';
  return t.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function unknownToken(): FuwuError {
  return new FuwuError(
    'unauthenticated',
    '缺少或无法识别的数据共享令牌（Authorization: Bearer fuwu_share_…）',
    'missing or unknown data-sharing token (Authorization: Bearer fuwu_share_…)',
  );
}

/** Why a known token grants nothing at `now` (revoked or expired: 401), or null while it is active. */
export function inactiveRefusal(token: ShareTokenState, now: Date): FuwuError | null {
  const status = tokenStatus(token, now);
  if (status === 'revoked') {
    return new FuwuError(
      'unauthenticated',
      `数据共享令牌 ${token.name} 已被吊销`,
      `data-sharing token ${token.name} has been revoked`,
    );
  }
  if (status === 'expired') {
    return new FuwuError(
      'unauthenticated',
      `数据共享令牌 ${token.name} 已于 ${token.expiresAt.toISOString()} 过期`,
      `data-sharing token ${token.name} expired at ${token.expiresAt.toISOString()}`,
    );
  }
  return null;
}

/**
 * Whether `token` may do `operation` on `dataset` at `now`: null when it may, else the refusal —
 * 401 when the token is unknown, expired or revoked (it grants nothing), 403 when it was not given
 * this dataset and operation.
 */
export function refusalFor(
  token: ShareTokenState | null,
  dataset: ShareDataset,
  operation: ShareOperation,
  now: Date,
): FuwuError | null {
  if (!token) return unknownToken();
  const inactive = inactiveRefusal(token, now);
  if (inactive) return inactive;
  if (!token.grants.some((g) => g.dataset === dataset && g.operation === operation)) {
    return new FuwuError(
      'forbidden',
      `令牌 ${token.name} 未获授权${operation === 'write' ? '写入' : '读取'}数据集 ${dataset}（${SHARE_DATASET_LABELS[dataset].zh}）`,
      `token ${token.name} is not granted ${operation} on dataset ${dataset} (${SHARE_DATASET_LABELS[dataset].en})`,
    );
  }
  return null;
}

function outsideScope(token: Pick<ShareTokenState, 'name'>, field: string, asked: string): FuwuError {
  return new FuwuError(
    'forbidden',
    `${field}：${asked} 不在令牌 ${token.name} 的范围内`,
    `${field}: ${asked} is outside the scope of token ${token.name}`,
    [{ field, zh: '不在令牌范围内', en: 'outside the token scope' }],
  );
}

/**
 * The area a read may cover: a district-scoped token reads its district (the default) and the areas
 * within it (township and community codes begin with the district's); asking for another is refused.
 */
export function scopedArea(
  token: Pick<ShareTokenState, 'name' | 'scope'>,
  asked: string | undefined,
): string | undefined {
  const d = token.scope.districtCode;
  if (d === null || asked === undefined) return asked ?? d ?? undefined;
  if (asked.startsWith(d)) return asked;
  throw outsideScope(token, 'area', asked);
}

/** Whether a row of `sector` is within a sector-scoped token (every row is, without one). */
export function inSectorScope(token: Pick<ShareTokenState, 'scope'>, sector: string): boolean {
  return token.scope.sector === null || token.scope.sector === sector;
}

/**
 * Who a token acts as when it writes through the ordinary use cases: a district or department
 * officer of its scope, so the figure write rules and the audit log apply unchanged. Without a scope
 * (read-only tokens) it is a viewer. id 0: no user row; the audit log names it by `share:<name>`.
 */
export function tokenActor(token: Pick<ShareTokenState, 'name' | 'scope'>): Actor {
  const base = { id: 0, username: `share:${token.name}`, displayName: `share:${token.name}` };
  if (token.scope.districtCode !== null) {
    return { ...base, role: 'districtOfficer', sector: null, districtCode: token.scope.districtCode };
  }
  if (token.scope.sector !== null) {
    return { ...base, role: 'departmentOfficer', sector: token.scope.sector, districtCode: null };
  }
  return { ...base, role: 'viewer', sector: null, districtCode: null };
}

const SECRET = /^fuwu_share_(\d{1,9})_([A-Za-z0-9_-]{43})$/;

/** The secret handed out once: the id lets the server find the row; only the SHA-256 of it all is kept. */
export function formatSecret(id: number, randomPart: string): string {
  return `fuwu_share_${id}_${randomPart}`;
}

/** The token id in a presented secret, or null when it is not shaped like one. */
export function secretTokenId(secret: string): number | null {
  const m = SECRET.exec(secret);
  return m ? Number(m[1]) : null;
}

/** The secret in an `Authorization: Bearer …` header, or null. */
export function bearerSecret(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? (m[1] ?? null) : null;
}
