/** The signed-in resident's inbox: notices to their account or to the person they are linked to. */
import type { Bilingual, NoticeKind } from '../../domain/notices/notice.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { invalidField, notFound } from '../../domain/shared/errors.ts';
import { NoticeRepository } from '../../store/repositories/notice.repository.ts';
import type { NoticeRow } from '../../store/repositories/notice.repository.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export interface NoticeView {
  id: number;
  kind: NoticeKind;
  serviceCode: string;
  snapshotId: number | null;
  caseId: string | null;
  title: Bilingual;
  body: Bilingual;
  createdAt: string;
  readAt: string | null;
}

export interface InboxView {
  unread: number;
  notices: NoticeView[];
}

const toView = (n: NoticeRow): NoticeView => ({
  id: n.id,
  kind: n.kind,
  serviceCode: n.serviceCode,
  snapshotId: n.snapshotId,
  caseId: n.caseId,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

async function linkedPerson(ctx: AppContext, actor: Actor): Promise<string | null> {
  return (await new ResidentProfileRepository(ctx.db).findByUser(actor.id))?.personId ?? null;
}

export async function listMyNotices(ctx: AppContext, actor: Actor): Promise<InboxView> {
  authorize(actor, 'own.read');
  const personId = await linkedPerson(ctx, actor);
  const repo = new NoticeRepository(ctx.db);
  const [notices, unread] = await Promise.all([
    repo.listFor(actor.id, personId),
    repo.countUnread(actor.id, personId),
  ]);
  return { unread, notices: notices.map(toView) };
}

export async function markNoticeRead(ctx: AppContext, actor: Actor, id: unknown): Promise<NoticeView> {
  authorize(actor, 'notices.markRead');
  const noticeId =
    typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : typeof id === 'number' ? id : NaN;
  if (!Number.isSafeInteger(noticeId) || noticeId < 1)
    throw invalidField('id', '应为消息编号（正整数）', 'must be a notice id (a whole number ≥ 1)');
  const personId = await linkedPerson(ctx, actor);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const n = await new NoticeRepository(tx).markRead(noticeId, actor.id, personId, at);
    // Someone else's notice reads as an unknown one.
    if (!n) throw notFound('notice', '消息', String(noticeId));
    await audit(tx, actor, at, 'notice.read', 'notice', String(noticeId));
    return toView(n);
  });
}
