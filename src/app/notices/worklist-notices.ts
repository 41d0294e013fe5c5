/**
 * Notices from a work list (issue 6 §2 "Proactive cases"): an officer who may see a snapshot's work
 * list (matching-scope.ts) tells one person on it — or every 应享未享 person of a service within
 * their scope (and an optional district) in one batch — "you may be entitled to <service>; how to
 * apply" (a 应退未退 entry: "you may no longer qualify"). Never twice for the same person, service,
 * snapshot and kind: a second press reports them as already sent.
 */
import type { Service } from '../../domain/entitlements/catalog.schema.ts';
import {
  NOTICE_CHANNELS,
  mayBeEntitledNotice,
  mayNoLongerQualifyNotice,
} from '../../domain/notices/notice.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { NoticeRepository } from '../../store/repositories/notice.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { outOfScope, requireSnapshot, scopeOf } from '../entitlements/matching-scope.ts';
import type { MatchingScope } from '../entitlements/matching-scope.ts';
import { checkPersonIndex } from '../residents/snapshot-person.ts';

export interface WorklistNoticeInput {
  serviceCode?: unknown;
  personIndex?: unknown;
  districtCode?: unknown;
}

export interface WorklistNoticeResult {
  created: number;
  alreadySent: number;
}

/** The service of the snapshot's (frozen) catalog the actor may work on, or a clear refusal. */
export function serviceInScope(services: readonly Service[], scope: MatchingScope, code: unknown): Service {
  const s = services.find((x) => x.code === code);
  if (!s)
    throw invalidField(
      'serviceCode',
      `快照中没有这个服务事项：${String(code ?? '')}`,
      `no such service in the snapshot: ${String(code ?? '')}`,
    );
  if (scope.serviceCodes && !scope.serviceCodes.includes(s.code))
    throw outOfScope('this service', '此服务事项');
  return s;
}

export async function sendWorklistNotices(
  ctx: AppContext,
  actor: Actor,
  snapshotId: number,
  input: WorklistNoticeInput,
): Promise<WorklistNoticeResult> {
  authorize(actor, 'worklist.act');
  const { summary, services } = await requireSnapshot(ctx, snapshotId);
  const scope = scopeOf(actor, services);
  const service = serviceInScope(services, scope, input.serviceCode);
  const repo = new NoticeRepository(ctx.db);
  const one = input.personIndex !== undefined && input.personIndex !== null;
  let kind: 'gap' | 'recheck' = 'gap';
  let districtCodes = scope.districtCodes;
  let personIndex: number | null = null;
  if (one) {
    personIndex = checkPersonIndex(input.personIndex, summary.populationSize);
    const entry = await repo.worklistEntry(snapshotId, service.code, personIndex);
    if (!entry)
      throw invalidField(
        'personIndex',
        `此人不在「${service.name}」的工作清单上`,
        `this person is not on the work list of ${service.nameEn}`,
      );
    if (scope.districtCodes && !scope.districtCodes.includes(entry.districtCode))
      throw outOfScope('this person', '此人员');
    kind = entry.kind;
  } else if (input.districtCode !== undefined && input.districtCode !== null && input.districtCode !== '') {
    if (typeof input.districtCode !== 'string')
      throw invalidField('districtCode', '应为区（市）县代码', 'must be a district code');
    if (scope.districtCodes && !scope.districtCodes.includes(input.districtCode))
      throw outOfScope('this district', '此区（市）县');
    districtCodes = [input.districtCode];
  }
  const content = kind === 'gap' ? mayBeEntitledNotice(service) : mayNoLongerQualifyNotice(service);
  const at = ctx.clock.now();
  const r = await ctx.db.transaction(async (tx) => {
    const res = await new NoticeRepository(tx).notifyWorklist(
      { snapshotId, serviceCode: service.code, kind, districtCodes, personIndex },
      content,
      NOTICE_CHANNELS,
      actor.username,
      at,
    );
    await audit(tx, actor, at, 'notice.worklist', 'entitlement_snapshot', String(snapshotId), {
      serviceCode: service.code,
      kind: content.kind,
      personIndex,
      districtCodes,
      created: res.created,
      alreadySent: res.matched - res.created,
    });
    return res;
  });
  return { created: r.created, alreadySent: r.matched - r.created };
}
