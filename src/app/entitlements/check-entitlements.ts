/**
 * A resident's self-check (or an officer's try-it): evaluate the given facts against the catalog on
 * a date (default: today in China) and say, for each service, eligible / not eligible / cannot
 * decide with the reasons, and the one question worth asking next. Open to anyone; it stores
 * nothing and writes nothing to the audit or access logs (the facts are the person's own).
 */
import type { Service } from '../../domain/entitlements/catalog.schema.ts';
import { evaluateAll, nextQuestion } from '../../domain/entitlements/evaluate.ts';
import type { FactKey } from '../../domain/entitlements/facts.ts';
import type { CheckResult, Question, ServiceBrief } from '../../domain/entitlements/views.ts';
import { BRIEF_FIELDS } from '../../domain/entitlements/views.ts';
import { FACTS } from '../../domain/entitlements/facts.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import { parseFacts } from '../../domain/entitlements/parse-facts.ts';
import { dateProblem, dateInZone } from '../../domain/projects/project.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import { invalidInput } from '../input-errors.ts';
import { loadCatalog } from './load-catalog.ts';
import { residenceAreas } from './residence-areas.ts';

export interface CheckInput {
  facts?: unknown;
  date?: unknown;
  services?: unknown;
  /** Facts the person chose not to answer ("not sure"): not asked again, still unknown. */
  skipped?: unknown;
}

function brief(s: Service): ServiceBrief {
  return Object.fromEntries(BRIEF_FIELDS.map((k) => [k, s[k]])) as ServiceBrief;
}

export function questionFor(
  fact: FactKey,
  districts: ReadonlyArray<{ code: string; name: string }>,
): Question {
  const def = FACTS[fact];
  const options =
    fact === 'person.residenceDistrict'
      ? districts.map((d) => ({ value: d.code, label: d.name }))
      : (def.values ?? []).map((v, i) => ({ value: v, label: def.valueLabels?.[i] ?? v }));
  return {
    fact,
    label: def.label,
    labelEn: def.labelEn,
    question: def.question,
    type: def.type,
    unit: def.unit ?? null,
    options,
  };
}

export async function checkEntitlements(ctx: AppContext, input: CheckInput): Promise<CheckResult> {
  const plan = await ctx.plan.get();
  const districts = residenceAreas(plan.areas);
  const problems: FieldProblem[] = [];
  const rawFacts = input.facts ?? {};
  if (rawFacts === null || typeof rawFacts !== 'object' || Array.isArray(rawFacts))
    problems.push({
      field: 'facts',
      zh: '应为对象（事实项名称 → 值）',
      en: 'expected an object (fact name → value)',
    });
  const { facts, problems: factProblems } =
    problems.length === 0
      ? parseFacts(
          rawFacts as Record<string, unknown>,
          districts.map((d) => d.code),
        )
      : { facts: {}, problems: [] };
  problems.push(...factProblems);
  let date = dateInZone(ctx.clock.now());
  if (input.date !== undefined && input.date !== null && input.date !== '') {
    const p = dateProblem('date', String(input.date));
    if (p) problems.push(p);
    else date = String(input.date);
  }
  const catalog = await loadCatalog(ctx);
  let services = catalog.services;
  if (input.services !== undefined) {
    if (!Array.isArray(input.services)) {
      problems.push({ field: 'services', zh: '应为服务编码数组', en: 'expected an array of service codes' });
    } else {
      const byCode = new Map(catalog.services.map((s) => [s.code, s]));
      input.services.forEach((c, i) => {
        if (typeof c !== 'string' || !byCode.has(c))
          problems.push({
            field: `services.${i}`,
            zh: `没有这个服务事项：${String(c)}`,
            en: `no such service: ${String(c)}`,
          });
      });
      services = input.services
        .filter((c): c is string => typeof c === 'string')
        .flatMap((c) => byCode.get(c) ?? []);
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  const evaluations = evaluateAll(services, indexParameters(catalog.parameters), facts, date);
  const byCode = new Map(services.map((s) => [s.code, s]));
  const skipped = new Set(Array.isArray(input.skipped) ? input.skipped.map(String) : []);
  const next = nextQuestion(
    evaluations.map((e) => ({ ...e, missing: e.missing.filter((k) => !skipped.has(k)) })),
  );
  return {
    date,
    evaluations: evaluations.map((e) => ({ ...e, brief: brief(byCode.get(e.service) as Service) })),
    nextQuestion: next === null ? null : questionFor(next, districts),
  };
}
