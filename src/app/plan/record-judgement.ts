/**
 * Record a judgement: how people assess a target that has no figure to compare (qualitative targets,
 * and 动态清零 "cleared as cases arise", where a zero count alone does not tell the whole story).
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { Judgement } from '../../domain/plan/evaluate.ts';
import { STATUS_LABELS } from '../../domain/plan/status.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize, requireFigureWrite } from '../policies.ts';
import { invalidInput } from '../input-errors.ts';

const JUDGED = ['achieved', 'onTrack', 'lagging', 'atRisk'] as const;

export interface JudgementEntry {
  indicatorCode: string;
  areaCode: string;
  year: number;
  status: string;
  reason: string;
}

export async function recordJudgement(ctx: AppContext, actor: Actor, e: JudgementEntry): Promise<Judgement> {
  authorize(actor, 'figures.write');
  const plan = await ctx.plan.get();
  const problems: FieldProblem[] = [];
  const indicator = plan.indicatorByCode.get(e.indicatorCode);
  if (!indicator)
    problems.push({
      field: 'indicatorCode',
      zh: `未知指标代码 ${e.indicatorCode}`,
      en: `unknown indicator code ${e.indicatorCode}`,
    });
  else if (indicator.target.kind !== 'qualitative' && indicator.target.kind !== 'zero') {
    problems.push({
      field: 'indicatorCode',
      zh: '该指标有数值目标，应录入观测值而非评估意见',
      en: 'this indicator has a numeric target: enter an observation, not a judgement',
    });
  }
  if (!plan.areaByCode.has(e.areaCode))
    problems.push({
      field: 'areaCode',
      zh: `未知区域代码 ${e.areaCode}`,
      en: `unknown area code ${e.areaCode}`,
    });
  const { baselineYear, periodEnd } = plan.meta;
  if (!Number.isInteger(e.year) || e.year <= baselineYear || e.year > periodEnd) {
    problems.push({
      field: 'year',
      zh: `须为 ${baselineYear + 1}–${periodEnd} 年`,
      en: `must be a year from ${baselineYear + 1} to ${periodEnd}`,
    });
  }
  if (!(JUDGED as readonly string[]).includes(e.status)) {
    const allowed = JUDGED.map((s) => `${s}（${STATUS_LABELS[s].zh}）`).join('、');
    problems.push({ field: 'status', zh: `须为 ${allowed}`, en: `must be one of ${JUDGED.join(', ')}` });
  }
  const reason = e.reason?.trim() ?? '';
  if (reason.length === 0 || reason.length > 2000) {
    problems.push({
      field: 'reason',
      zh: '须填写评估依据（不超过 2000 字）',
      en: 'the grounds of the judgement are required (at most 2000 characters)',
    });
  }
  if (problems.length > 0 || !indicator) throw invalidInput(problems);
  requireFigureWrite(actor, indicator, e.areaCode);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await new ObservationRepository(tx).saveJudgement(
      {
        indicatorCode: e.indicatorCode,
        areaCode: e.areaCode,
        year: e.year,
        status: e.status as Judgement['status'],
        reason,
        sample: false,
      },
      actor.username,
      at,
      reason,
    );
    await audit(tx, actor, at, 'judgement.record', 'judgement', String(row.id), {
      indicatorCode: row.indicatorCode,
      areaCode: row.areaCode,
      year: row.year,
      status: row.status,
    });
    return {
      indicatorCode: row.indicatorCode,
      areaCode: row.areaCode,
      year: row.year,
      status: row.status,
      reason: row.reason,
      sample: row.sample,
    };
  });
}
