/**
 * Managing data-sharing tokens (一网通享): an admin issues a token to another system, sees how each
 * is used and revokes it. The secret is returned once, at creation; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import type { ShareTokenDraft } from '../../domain/sharing/token-rules.ts';
import { formatSecret, tokenStatus, validateTokenDraft } from '../../domain/sharing/token-rules.ts';
import type { CreatedShareTokenView, ShareCallView, ShareTokenView } from '../../domain/sharing/views.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import { SharingCallRepository } from '../../store/repositories/sharing-call.repository.ts';
import type { ShareTokenRow, ShareTokenUsageRow } from '../../store/repositories/sharing-token.repository.ts';
import { SharingTokenRepository } from '../../store/repositories/sharing-token.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { invalidInput } from '../input-errors.ts';
import { authorize } from '../policies.ts';

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export type NewShareToken = Parameters<typeof validateTokenDraft>[0];

function toView(t: ShareTokenRow, usage: Partial<ShareTokenUsageRow>, now: Date): ShareTokenView {
  return {
    id: t.id,
    name: t.name,
    ownerSystem: t.ownerSystem,
    grants: t.grants,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedBy: t.revokedBy,
    status: tokenStatus(t, now),
    calls: usage.calls ?? 0,
    refusedCalls: usage.refusedCalls ?? 0,
    lastUsedAt: usage.lastUsedAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a token: everything but the secret and its hash. */
const auditDetail = (d: ShareTokenDraft) => ({
  name: d.name,
  ownerSystem: d.ownerSystem,
  grants: d.grants,
  districtCode: d.scope.districtCode,
  sector: d.scope.sector,
  expiresAt: d.expiresAt.toISOString(),
});

export async function createShareToken(
  ctx: AppContext,
  actor: Actor,
  input: NewShareToken,
): Promise<CreatedShareTokenView> {
  authorize(actor, 'sharing.manage');
  const now = ctx.clock.now();
  const plan = await ctx.plan.get();
  const { draft, problems } = validateTokenDraft(input, {
    now,
    districts: plan.districts.map((d) => d.code),
  });
  if (!draft) throw invalidInput(problems);
  return ctx.db.transaction(async (tx) => {
    const tokens = new SharingTokenRepository(tx);
    if (await tokens.findByName(draft.name)) {
      throw new FuwuError(
        'conflict',
        `令牌名称已存在：${draft.name}`,
        `token name already taken: ${draft.name}`,
        [{ field: 'name', zh: '名称已存在', en: 'already taken' }],
      );
    }
    const id = await tokens.nextId();
    const secret = formatSecret(id, randomBytes(32).toString('base64url'));
    const row = await tokens.create({
      id,
      name: draft.name,
      ownerSystem: draft.ownerSystem,
      grants: draft.grants,
      scope: draft.scope,
      secretHash: sha256Hex(secret),
      createdAt: now,
      createdBy: actor.username,
      expiresAt: draft.expiresAt,
    });
    await audit(tx, actor, now, 'sharingToken.create', 'sharingToken', String(id), auditDetail(draft));
    return { token: toView(row, {}, now), secret };
  });
}

export async function listShareTokens(ctx: AppContext, actor: Actor): Promise<ShareTokenView[]> {
  authorize(actor, 'sharing.manage');
  const now = ctx.clock.now();
  return (await new SharingTokenRepository(ctx.db).listWithUsage()).map((t) => toView(t, t, now));
}

/** Revoking takes effect on the next call; revoking a revoked token is refused, naming when it was. */
export async function revokeShareToken(ctx: AppContext, actor: Actor, id: number): Promise<ShareTokenView> {
  authorize(actor, 'sharing.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const tokens = new SharingTokenRepository(tx);
    const held = await tokens.get(id);
    if (!held) throw notFound('sharing token', '数据共享令牌', String(id));
    if (!(await tokens.revoke(id, now, actor.username))) {
      throw new FuwuError(
        'conflict',
        `令牌 ${held.name} 已于 ${held.revokedAt?.toISOString()} 被吊销`,
        `token ${held.name} was already revoked at ${held.revokedAt?.toISOString()}`,
      );
    }
    await audit(tx, actor, now, 'sharingToken.revoke', 'sharingToken', String(id), { name: held.name });
    return toView({ ...held, revokedAt: now, revokedBy: actor.username }, {}, now);
  });
}

export const MAX_CALLS_LISTED = 500;

/** A token's call log, newest first. */
export async function listShareCalls(
  ctx: AppContext,
  actor: Actor,
  id: number,
  limit = 200,
): Promise<ShareCallView[]> {
  authorize(actor, 'sharing.manage');
  if (!(await new SharingTokenRepository(ctx.db).get(id))) {
    throw notFound('sharing token', '数据共享令牌', String(id));
  }
  return new SharingCallRepository(ctx.db).list(id, Math.min(Math.max(1, limit), MAX_CALLS_LISTED));
}
