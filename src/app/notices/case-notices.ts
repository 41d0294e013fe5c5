/**
 * A case step that decides something or asks something of the applicant (NOTIFIED_CASE_ACTIONS)
 * becomes a caseUpdate notice to them, written in the transaction of the step itself: the notice
 * exists exactly when the step does. A proactive case for a person not linked to anyone is
 * addressed to the person (whoever is linked later reads it).
 */
import { NOTICE_CHANNELS, caseUpdateNotice, isNotifiedCaseAction } from '../../domain/notices/notice.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Db } from '../../store/db.ts';
import { CatalogRepository } from '../../store/repositories/catalog.repository.ts';
import type { CaseRow } from '../../store/repositories/case.repository.ts';
import { NoticeRepository } from '../../store/repositories/notice.repository.ts';
import { loadCatalogFrom } from '../entitlements/load-catalog.ts';

/** Call inside the transaction of the step; returns the notice id, or null when the step is not notified. */
export async function noticeOfCaseStep(
  tx: Db,
  actor: Actor,
  c: Pick<CaseRow, 'id' | 'serviceCode' | 'applicantId'> & { personId?: string | null },
  action: string,
  reason: string | null,
  at: Date,
): Promise<number | null> {
  if (!isNotifiedCaseAction(action)) return null;
  const personId = c.personId ?? null;
  if (c.applicantId === null && personId === null) return null;
  const catalog = await loadCatalogFrom(new CatalogRepository(tx));
  const s = catalog.services.find((x) => x.code === c.serviceCode);
  const content = caseUpdateNotice(
    { code: c.serviceCode, name: s?.name ?? c.serviceCode, nameEn: s?.nameEn ?? c.serviceCode },
    c.id,
    action,
    reason,
  );
  const [id] = await new NoticeRepository(tx).insertMany(
    [{ ...content, personId, userId: c.applicantId, snapshotId: null, caseId: c.id }],
    NOTICE_CHANNELS,
    actor.username,
    at,
  );
  return id ?? null;
}
