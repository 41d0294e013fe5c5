/**
 * A resident applies for a catalog service (issue 6 §1–2). The entitlement check runs first and its
 * outcome and trace are kept with the case: an applicant unlikely to qualify is told so, and may still
 * apply. The same idempotency key returns the same case (a double click or a retry makes one
 * application). The case is routed to the office of the applicant's district of residence (the
 * person.residenceDistrict fact) and the service's lead department. Where the service allows
 * pledge-based approval (告知承诺制), the applicant may sign the pledge (`pledge: true`); only a signed
 * case may later be approved on the pledge.
 */
import { randomUUID } from 'node:crypto';
import { officeCodeFor } from '../../domain/cases/offices.ts';
import { createCase } from '../../domain/cases/case-machine.ts';
import { PLEDGE_TEXT } from '../../domain/cases/pledge-text.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import { parseFacts } from '../../domain/entitlements/parse-facts.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { loadCatalog } from '../entitlements/load-catalog.ts';
import { residenceAreas } from '../entitlements/residence-areas.ts';
import { invalidInput } from '../input-errors.ts';
import { caseActorOf } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import { entitlementAtSubmission, firstEvent } from './new-case.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export interface ApplicationInput {
  serviceCode?: unknown;
  facts?: unknown;
  idempotencyKey?: unknown;
  /** true: the applicant signs the current pledge text (告知承诺书, PLEDGE_TEXT); absent or false: not. */
  pledge?: unknown;
}

export interface SubmittedApplication {
  case: CaseView;
  /** False when the key had been used: this is the case made the first time. */
  created: boolean;
}

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  input: ApplicationInput,
): Promise<SubmittedApplication> {
  authorize(actor, 'cases.apply');
  const problems: FieldProblem[] = [];
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : '';
  if (!KEY.test(key))
    problems.push({
      field: 'idempotencyKey',
      zh: '须为 8–100 位字母、数字或 . _ : -（每次新申请用一个新值，重试时用同一个）',
      en: 'must be 8–100 of A-Z a-z 0-9 . _ : - (a new one per application, the same one on a retry)',
    });
  const catalog = await loadCatalog(ctx);
  const service = catalog.services.find((s) => s.code === input.serviceCode);
  if (!service)
    problems.push({
      field: 'serviceCode',
      zh: `没有这个服务事项：${String(input.serviceCode ?? '')}`,
      en: `no such service: ${String(input.serviceCode ?? '')}`,
    });
  const pledge = input.pledge ?? false;
  if (typeof pledge !== 'boolean')
    problems.push({
      field: 'pledge',
      zh: '应为 true（签署告知承诺书）或 false',
      en: 'must be true (sign the pledge) or false',
    });
  else if (pledge && service && !service.pledgeAllowed)
    problems.push({
      field: 'pledge',
      zh: `「${service.name}」不适用告知承诺制，不能签署告知承诺书`,
      en: `"${service.nameEn}" does not allow pledge-based approval, so no pledge can be signed`,
    });
  const raw = input.facts ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw invalidField('facts', '应为对象（事实项名称 → 值）', 'expected an object (fact name → value)');
  const plan = await ctx.plan.get();
  const areas = residenceAreas(plan.areas);
  const parsed = parseFacts(
    raw as Record<string, unknown>,
    areas.map((a) => a.code),
  );
  problems.push(...parsed.problems.map((p) => ({ ...p, field: `facts.${p.field}` })));
  const district = parsed.facts['person.residenceDistrict'];
  if (typeof district !== 'string' && !parsed.problems.some((p) => p.field === 'person.residenceDistrict'))
    problems.push({
      field: 'facts.person.residenceDistrict',
      zh: '须填写居住地所在区（市）县，以确定受理的政务服务中心',
      en: 'the district of residence is needed to route the case to an office',
    });
  if (problems.length > 0 || !service || typeof district !== 'string') throw invalidInput(problems);

  const repo = new CaseRepository(ctx.db);
  const existing = await repo.findByIdempotencyKey(actor.id, key);
  const calendar = await caseCalendar(ctx);
  const now = ctx.clock.now();
  const today = dateInZone(now);
  const viewer = caseActorOf(actor);
  if (existing) return { case: toCaseView(existing, viewer, today, calendar), created: false };

  const entitlement = entitlementAtSubmission(
    service,
    indexParameters(catalog.parameters),
    parsed.facts,
    today,
  );
  const id = `C-${today.replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
  const { case: record, event } = createCase(
    {
      id,
      serviceCode: service.code,
      applicantId: String(actor.id),
      deadlineWorkingDays: service.deadlineWorkingDays,
      pledgeAllowed: service.pledgeAllowed,
      pledgeTextVersion: pledge === true ? PLEDGE_TEXT.version : null,
    },
    viewer,
    now.toISOString(),
  );
  const result = await ctx.db.transaction(async (tx) => {
    const r = await new CaseRepository(tx).insert(
      {
        id,
        serviceCode: service.code,
        applicantId: actor.id,
        applicant: { username: actor.username, displayName: actor.displayName },
        districtCode: district,
        officeCode: officeCodeFor(district),
        leadDepartment: service.leadDepartment,
        state: record.state,
        record,
        facts: parsed.facts as Record<string, unknown>,
        entitlement,
        idempotencyKey: key,
      },
      firstEvent(event, actor, null),
      now,
    );
    if (r.created)
      await audit(tx, actor, now, 'case.submit', 'case', r.row.id, {
        serviceCode: service.code,
        officeCode: r.row.officeCode,
        entitlement: r.row.entitlement.outcome,
        pledgeSigned: r.row.record.pledgeSigned,
      });
    return r;
  });
  return { case: toCaseView(result.row, viewer, today, calendar), created: result.created };
}
