/**
 * The major projects' use cases (issue 4 §3): list with filters, one project with its milestones,
 * reports, facilities and history, add and change a project, milestones and progress reports, and
 * completion, which turns the project into facilities of the registry. Admins and planners write
 * every project; a department officer those of the sector; a district officer reports progress and
 * keeps milestones for projects in the district. Every write is revisioned (reports are append-only)
 * and audited. "Today" is the clock's date in China (UTC+8).
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { canWriteFigure } from '../../domain/identity/roles.ts';
import type { ProjectDraft, ProjectStatus } from '../../domain/projects/project.ts';
import {
  EDITABLE_STATUSES,
  checkPercent,
  dateInZone,
  dateProblem,
  isMilestoneOverdue,
  isOpenProject,
  isProjectLate,
  validateProjectDraft,
} from '../../domain/projects/project.ts';
import type { FacilityDraft } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, validateFacility } from '../../domain/resources/facility.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { FuwuError, invalidField, notFound } from '../../domain/shared/errors.ts';
import type { Db } from '../../store/db.ts';
import type { FacilityRow } from '../../store/repositories/facility.repository.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import type { MilestoneRow, ProjectRow, ReportRow } from '../../store/repositories/project.repository.ts';
import { ProjectRepository } from '../../store/repositories/project.repository.ts';
import type { Revision } from '../../store/repositories/revision.repository.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import { authorize } from '../policies.ts';
import { cityBounds, facilityContext } from '../resources/facility-context.ts';
import { districtLocator } from './scenario-projects.ts';

export interface MilestoneView extends MilestoneRow {
  overdue: boolean;
}

export interface ProjectSummary extends ProjectRow {
  /** Past its planned end and still running. */
  late: boolean;
  overdueMilestones: number;
  /** An overdue milestone or late. */
  overdue: boolean;
  milestones: MilestoneView[];
  /** The latest progress report's percent; null before any report. */
  percent: number | null;
  lastReportDate: string | null;
}

export interface ProjectDetail extends ProjectSummary {
  reports: ReportRow[];
  facilities: FacilityRow[];
  history: Revision[];
  /** The date overdue was judged against (YYYY-MM-DD, China). */
  today: string;
}

export interface ProjectListFilter {
  sector?: string;
  districtCode?: string;
  status?: string;
  overdue?: boolean;
}

/** Today in China, from the context's clock. */
export function projectToday(ctx: AppContext): string {
  return dateInZone(ctx.clock.now());
}

function summarise(
  p: ProjectRow,
  milestones: MilestoneRow[],
  reports: ReportRow[],
  today: string,
): ProjectSummary {
  const views = milestones.map((m) => ({ ...m, overdue: isMilestoneOverdue(m, today, p.status) }));
  const overdueMilestones = views.filter((m) => m.overdue).length;
  const late = isProjectLate(p, today);
  const last = reports.at(-1) ?? null;
  return {
    ...p,
    late,
    overdueMilestones,
    overdue: late || overdueMilestones > 0,
    milestones: views,
    percent: p.status === 'completed' ? 100 : (last?.percent ?? null),
    lastReportDate: last?.reportDate ?? null,
  };
}

function groupBy<T extends { projectCode: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.projectCode) ?? [];
    list.push(r);
    out.set(r.projectCode, list);
  }
  return out;
}

export async function listProjects(
  ctx: AppContext,
  actor: Actor,
  filter: ProjectListFilter = {},
): Promise<ProjectSummary[]> {
  authorize(actor, 'plan.read');
  const repo = new ProjectRepository(ctx.db);
  const [projects, milestones, reports] = await Promise.all([
    repo.list(filter),
    repo.milestones(),
    repo.reports(),
  ]);
  const today = projectToday(ctx);
  const m = groupBy(milestones);
  const r = groupBy(reports);
  const out = projects.map((p) => summarise(p, m.get(p.code) ?? [], r.get(p.code) ?? [], today));
  return filter.overdue === undefined ? out : out.filter((p) => p.overdue === filter.overdue);
}

async function requireProject(ctx: AppContext, code: string): Promise<ProjectRow> {
  const p = await new ProjectRepository(ctx.db).get(code);
  if (!p) throw notFound('project', '重大项目', code);
  return p;
}

export async function getProject(ctx: AppContext, actor: Actor, code: string): Promise<ProjectDetail> {
  authorize(actor, 'plan.read');
  return projectDetail(ctx, code);
}

/** A project in full, after a write the actor was authorized for, or for getProject. */
async function projectDetail(ctx: AppContext, code: string): Promise<ProjectDetail> {
  const p = await requireProject(ctx, code);
  const repo = new ProjectRepository(ctx.db);
  const revisions = new RevisionRepository(ctx.db);
  const [milestones, reports, links] = await Promise.all([
    repo.milestones(code),
    repo.reports(code),
    repo.facilityIds(code),
  ]);
  const facilityRepo = new FacilityRepository(ctx.db);
  const facilities = (await Promise.all(links.map((l) => facilityRepo.get(l.facilityId)))).filter(
    (f): f is FacilityRow => f !== null,
  );
  const history = [
    ...(await revisions.list('projects', code)),
    ...(await Promise.all(milestones.map((m) => revisions.list('project_milestones', String(m.id))))).flat(),
  ].sort((a, b) => (a.changedAt === b.changedAt ? a.id - b.id : a.changedAt < b.changedAt ? -1 : 1));
  const today = projectToday(ctx);
  return { ...summarise(p, milestones, reports, today), reports, facilities, history, today };
}

/**
 * Make a change to project `code` in one transaction, audited as `action` on the project with the
 * detail `write` returns (last, so the audit chain's lock is held briefly), and return the project
 * as it now is. `at` is the change's time, read once for the write and its audit entry.
 */
async function writeProject(
  ctx: AppContext,
  actor: Actor,
  code: string,
  action: string,
  write: (tx: Db, at: Date) => Promise<Record<string, unknown>>,
): Promise<ProjectDetail> {
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const detail = await write(tx, at);
    await audit(tx, actor, at, action, 'project', code, detail);
  });
  return projectDetail(ctx, code);
}

/** May the actor add and change projects of this sector (create, edit, complete)? */
export function canManageProject(actor: Actor, sector: string): boolean {
  return (
    actor.role === 'admin' ||
    actor.role === 'planner' ||
    (actor.role === 'departmentOfficer' && actor.sector === sector)
  );
}

/** May the actor report progress and keep milestones? Managers, and the district's officer. */
export function canReportProject(actor: Actor, p: Pick<ProjectRow, 'sector' | 'districtCode'>): boolean {
  return (
    canManageProject(actor, p.sector) ||
    (actor.role === 'districtOfficer' && actor.districtCode === p.districtCode)
  );
}

function requireManage(actor: Actor, sector: string): void {
  if (canManageProject(actor, sector)) return;
  throw new FuwuError(
    'forbidden',
    `无权维护 ${sector} 领域的重大项目`,
    `not allowed to maintain major projects of the sector ${sector}`,
  );
}

function requireReport(actor: Actor, p: ProjectRow): void {
  if (canReportProject(actor, p)) return;
  throw new FuwuError(
    'forbidden',
    `无权填报重大项目 ${p.code} 的进度`,
    `not allowed to report progress of major project ${p.code}`,
  );
}

function requireOpen(p: ProjectRow): void {
  if (isOpenProject(p.status)) return;
  throw new FuwuError(
    'conflict',
    `重大项目 ${p.code} 已${p.status === 'completed' ? '完成' : '取消'}，不能再修改`,
    `major project ${p.code} is ${p.status} and can no longer change`,
  );
}

/** The open project `code`, which the actor may change (edit, complete); throws otherwise. */
async function projectToManage(ctx: AppContext, actor: Actor, code: string): Promise<ProjectRow> {
  authorize(actor, 'projects.manage');
  const p = await requireProject(ctx, code);
  requireManage(actor, p.sector);
  requireOpen(p);
  return p;
}

/** The open project `code`, on which the actor may report progress and keep milestones; throws otherwise. */
async function projectToReport(ctx: AppContext, actor: Actor, code: string): Promise<ProjectRow> {
  authorize(actor, 'projects.report');
  const p = await requireProject(ctx, code);
  requireReport(actor, p);
  requireOpen(p);
  return p;
}

async function draftOf(ctx: AppContext, input: Record<string, unknown>): Promise<ProjectDraft> {
  const plan = await ctx.plan.get();
  const { draft, problems } = validateProjectDraft(input, {
    areaCodes: new Set(plan.areas.filter((a) => a.kind !== 'city').map((a) => a.code)),
    indicatorCodes: new Set(plan.indicators.map((i) => i.code)),
    bounds: cityBounds(plan),
    districtAt: districtLocator(plan),
  });
  if (!draft) throw invalidInput(problems);
  return draft;
}

export async function createProject(
  ctx: AppContext,
  actor: Actor,
  input: Record<string, unknown>,
): Promise<ProjectDetail> {
  authorize(actor, 'projects.manage');
  const draft = await draftOf(ctx, input);
  requireManage(actor, draft.sector);
  const at = ctx.clock.now();
  const code = await ctx.db.transaction(async (tx) => {
    const repo = new ProjectRepository(tx);
    const code = await repo.nextUserCode();
    await repo.create(code, draft, 'user', 0, null, actor.username, at, 'entered');
    await audit(tx, actor, at, 'project.create', 'project', code, { name: draft.name, sector: draft.sector });
    return code;
  });
  return projectDetail(ctx, code);
}

export async function updateProject(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: Record<string, unknown>,
  reason: string | null | undefined,
): Promise<ProjectDetail> {
  const held = await projectToManage(ctx, actor, code);
  const why = requireReason(reason);
  // A client that does not send the location (it predates it) keeps the one held; null removes it.
  const draft = await draftOf(
    ctx,
    input.location === undefined ? { ...input, location: held.location } : input,
  );
  requireManage(actor, draft.sector);
  const status = (input.status ?? held.status) as string;
  if (!(EDITABLE_STATUSES as readonly string[]).includes(status))
    throw invalidField(
      'status',
      `应为 ${EDITABLE_STATUSES.join('/')} 之一（完成请用“竣工”操作），收到“${status}”`,
      `must be one of ${EDITABLE_STATUSES.join(', ')} (use the complete action to finish); got "${status}"`,
    );
  return writeProject(ctx, actor, code, 'project.update', async (tx, at) => {
    await new ProjectRepository(tx).update(
      code,
      draft,
      status as ProjectStatus,
      null,
      actor.username,
      at,
      why,
    );
    return { reason: why, status };
  });
}

function milestoneFields(input: Record<string, unknown>, held: MilestoneRow | null) {
  const problems: FieldProblem[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  const name = input.name === undefined && held ? held.name : text(input.name);
  if (name.length === 0 || name.length > 200)
    problems.push({
      field: 'name',
      zh: '里程碑名称为必填项（不超过 200 字）',
      en: 'name is required (at most 200 characters)',
    });
  const plannedDate = input.plannedDate === undefined && held ? held.plannedDate : text(input.plannedDate);
  const plannedDateProblem = dateProblem('plannedDate', plannedDate);
  if (plannedDateProblem) problems.push(plannedDateProblem);
  const doneRaw = input.doneDate === undefined ? (held?.doneDate ?? '') : text(input.doneDate);
  const doneDate = doneRaw === '' ? null : doneRaw;
  const doneProblem = doneDate === null ? null : dateProblem('doneDate', doneDate);
  if (doneProblem) problems.push(doneProblem);
  if (problems.length > 0) throw invalidInput(problems);
  return { name, plannedDate, doneDate };
}

export async function addMilestone(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: Record<string, unknown>,
): Promise<ProjectDetail> {
  await projectToReport(ctx, actor, code);
  const m = milestoneFields(input, null);
  return writeProject(ctx, actor, code, 'project.milestone.add', async (tx, at) => {
    const row = await new ProjectRepository(tx).addMilestone(code, m, actor.username, at);
    return { milestoneId: row.id, name: m.name };
  });
}

/** Change a milestone or mark it done (doneDate); the previous content is kept as a revision. */
export async function updateMilestone(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  input: Record<string, unknown>,
  reason: string | null | undefined,
): Promise<ProjectDetail> {
  await projectToReport(ctx, actor, code);
  const held = await new ProjectRepository(ctx.db).milestone(id);
  if (!held || held.projectCode !== code) throw notFound('milestone', '里程碑', String(id));
  const m = milestoneFields(input, held);
  // Marking done needs no reason; any other change does.
  const onlyDone = m.name === held.name && m.plannedDate === held.plannedDate && held.doneDate === null;
  const why = onlyDone && (reason ?? '').trim() === '' ? 'marked done' : requireReason(reason);
  return writeProject(ctx, actor, code, 'project.milestone.update', async (tx, at) => {
    await new ProjectRepository(tx).updateMilestone(id, m, actor.username, at, why);
    return { milestoneId: id, reason: why, ...m };
  });
}

export async function addProgressReport(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: Record<string, unknown>,
): Promise<ProjectDetail> {
  const p = await projectToReport(ctx, actor, code);
  const problems: FieldProblem[] = [];
  const reportDate = String(input.reportDate ?? '').trim() || projectToday(ctx);
  const reportDateProblem = dateProblem('reportDate', reportDate);
  if (reportDateProblem) problems.push(reportDateProblem);
  const percentProblem = checkPercent(input.percent);
  if (percentProblem) problems.push(percentProblem);
  const text = String(input.text ?? '').trim();
  if (text.length === 0 || text.length > 2000)
    problems.push({
      field: 'text',
      zh: '进展说明为必填项（不超过 2000 字）',
      en: 'text is required (at most 2,000 characters)',
    });
  if (problems.length > 0) throw invalidInput(problems);
  const percent = Number(input.percent);
  return writeProject(ctx, actor, code, 'project.report', async (tx, at) => {
    const repo = new ProjectRepository(tx);
    const row = await repo.addReport(code, { reportDate, percent, text }, actor.username, at);
    // The first report of work done starts the project.
    if (p.status === 'planned' && percent > 0)
      await repo.update(
        code,
        p,
        'underway',
        null,
        actor.username,
        at,
        `progress report ${row.id}: ${percent}%`,
      );
    return { reportId: row.id, percent, reportDate };
  });
}

const given = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== '';

/**
 * Complete a project: it becomes the facilities given (actual capacity and location), created in the
 * registry with the project named as their source and linked to it, all in one transaction. A named
 * facility project needs at least one facility; a programme may complete without any. A facility
 * given without coordinates is placed at the project's location, and a located project completed
 * with no facilities listed becomes one facility there, with its planned capacity.
 */
export async function completeProject(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: Record<string, unknown>,
): Promise<ProjectDetail> {
  const p = await projectToManage(ctx, actor, code);
  const completedOn = String(input.completedOn ?? '').trim() || projectToday(ctx);
  const completedProblem = dateProblem('completedOn', completedOn);
  if (completedProblem) throw invalidField('completedOn', completedProblem.zh, completedProblem.en);
  // A located facility project with no facilities given becomes one facility at its location.
  const raw =
    input.facilities ?? (p.location && p.facilityType !== null && p.kind !== 'programme' ? [{}] : []);
  if (!Array.isArray(raw)) throw invalidField('facilities', '应为设施列表', 'must be a list of facilities');
  if (raw.length === 0 && p.facilityType !== null && p.kind !== 'programme')
    throw invalidField(
      'facilities',
      '竣工须给出建成设施的位置与实际容量（至少一处）',
      'completion needs the location and actual capacity of at least one facility',
    );
  const problems: FieldProblem[] = [];
  const drafts: FacilityDraft[] = [];
  for (const [i, f] of (raw as Array<Record<string, unknown>>).entries()) {
    const fields = {
      name: f.name ?? p.name,
      type: f.type ?? p.facilityType,
      // The project's location, when it has one, is where its facility is unless the completion says.
      lon: given(f.lon) ? f.lon : p.location?.lon,
      lat: given(f.lat) ? f.lat : p.location?.lat,
      districtCode: f.districtCode ?? p.districtCode,
      communityCode: f.communityCode,
      capacities: f.capacities ?? p.capacities ?? {},
      ownership: f.ownership ?? 'public',
      status: 'open',
      openingDate: completedOn,
      source: `重大项目 ${p.code} ${p.name}`.slice(0, 500),
    };
    const { draft, problems: ps } = validateFacility(
      fields,
      await facilityContext(ctx, fields.communityCode),
    );
    problems.push(...ps.map((x) => ({ ...x, field: `facilities[${i}].${x.field}` })));
    if (draft) drafts.push(draft);
  }
  if (problems.length > 0) throw invalidInput(problems);
  for (const d of drafts) {
    if (!canWriteFigure(actor, FACILITY_TYPE_LABELS[d.type].sector, d.districtCode))
      throw new FuwuError(
        'forbidden',
        `无权在区县 ${d.districtCode} 登记${FACILITY_TYPE_LABELS[d.type].zh}`,
        `not allowed to register ${FACILITY_TYPE_LABELS[d.type].en.toLowerCase()} facilities in district ${d.districtCode}`,
      );
  }
  return writeProject(ctx, actor, code, 'project.complete', async (tx, at) => {
    const projects = new ProjectRepository(tx);
    const facilities = new FacilityRepository(tx);
    const ids: number[] = [];
    for (const d of drafts) {
      const row = await facilities.create(d, false, actor.username, at, `completed major project ${p.code}`);
      await projects.linkFacility(code, row.id);
      await audit(tx, actor, at, 'facility.create', 'facility', String(row.id), {
        name: row.name,
        type: row.type,
        project: code,
      });
      ids.push(row.id);
    }
    await projects.update(code, p, 'completed', completedOn, actor.username, at, 'completed');
    return { completedOn, facilities: ids };
  });
}
