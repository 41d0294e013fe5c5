/**
 * Major projects (重大项目, #/projects): filters, the timeline per sector or district with today's
 * line and overdue flags, a form to add a project for those who may, and the 2025 projection of the
 * registry-computed indicators. One project (#/projects/P05-21): its plan entry, milestones, progress
 * reports, registered facilities and history, with the forms the user may use.
 */
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { SECTORS } from '../../domain/plan/pack.schema.ts';
import {
  PROJECT_KIND_LABELS,
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
} from '../../domain/projects/project.ts';
import type { ProjectDetailView, ProjectSummaryView } from '../../domain/projects/views.ts';
import type { UserView } from '../../domain/plan/views.ts';
import { CAPACITY_KEYS, CAPACITY_LABELS, FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import { api, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import {
  CompleteForm,
  MilestoneForm,
  ProjectForm,
  ReportForm,
  chinaToday,
} from '../components/project-forms.tsx';
import { ProjectProjection } from '../components/project-projection.tsx';
import { OverdueFlag, ProjectTimeline } from '../components/project-timeline.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** The sectors whose projects the user may add and change. */
function managedSectors(user: UserView): string[] {
  if (user.role === 'admin' || user.role === 'planner') return [...SECTORS];
  if (user.role === 'departmentOfficer' && user.sector) return [user.sector];
  return [];
}

function canReport(user: UserView, p: ProjectSummaryView): boolean {
  return (
    managedSectors(user).includes(p.sector) ||
    (user.role === 'districtOfficer' && user.districtCode === p.districtCode)
  );
}

export function ProjectsPage({ route }: { route: Route }) {
  const { t, pick, lang, user, meta } = useApp();
  useDocumentTitle(t('projTitle'));
  const sector = route.query.get('sector') ?? '';
  const district = route.query.get('district') ?? '';
  const status = route.query.get('status') ?? '';
  const overdue = route.query.get('overdue') === 'true';
  const groupBy = route.query.get('group') === 'district' ? 'district' : 'sector';
  const list = useApi<ProjectSummaryView[]>(
    withQuery('/api/projects', {
      sector: sector || undefined,
      district: district || undefined,
      status: status || undefined,
      overdue: overdue ? 'true' : undefined,
    }),
  );
  const areas = meta.areas.filter((a) => a.kind !== 'city');
  const sectors = managedSectors(user);
  const data = list.data;
  return (
    <>
      <h1>{t('projTitle')}</h1>
      <p>{t('projIntro')}</p>
      <form class="toolbar" aria-label={t('projFilters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field field-inline">
          <label for="proj-sector">{t('projSector')}</label>
          <select
            id="proj-sector"
            value={sector}
            onChange={(e) => replaceQuery(route, { sector: e.currentTarget.value })}
          >
            <option value="">{t('projAll')}</option>
            {SECTORS.filter((s) => s !== 'overall').map((s) => (
              <option key={s} value={s}>
                {pick(SECTOR_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-inline">
          <label for="proj-district">{t('projDistrict')}</label>
          <select
            id="proj-district"
            value={district}
            onChange={(e) => replaceQuery(route, { district: e.currentTarget.value })}
          >
            <option value="">{t('projAll')}</option>
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {lang === 'zh' ? a.name : a.nameEn}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-inline">
          <label for="proj-status">{t('projStatus')}</label>
          <select
            id="proj-status"
            value={status}
            onChange={(e) => replaceQuery(route, { status: e.currentTarget.value })}
          >
            <option value="">{t('projAll')}</option>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {pick(PROJECT_STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-inline proj-check">
          <input
            id="proj-overdue"
            type="checkbox"
            checked={overdue}
            onChange={(e) => replaceQuery(route, { overdue: e.currentTarget.checked ? 'true' : undefined })}
          />
          <label for="proj-overdue">{t('projOverdueOnly')}</label>
        </div>
        <div class="field field-inline">
          <label for="proj-group">{t('projGroupBy')}</label>
          <select
            id="proj-group"
            value={groupBy}
            onChange={(e) =>
              replaceQuery(route, { group: e.currentTarget.value === 'district' ? 'district' : undefined })
            }
          >
            <option value="sector">{t('projGroupSector')}</option>
            <option value="district">{t('projGroupDistrict')}</option>
          </select>
        </div>
      </form>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!data && !list.error && <Loading />}
      {data && (
        <>
          <p role="status" data-testid="project-count">
            {t('projCount', { count: data.length, overdue: data.filter((p) => p.overdue).length })}
          </p>
          {data.length === 0 ? (
            <p>{t('projNone')}</p>
          ) : (
            <ProjectTimeline projects={data} groupBy={groupBy} today={chinaToday()} />
          )}
        </>
      )}
      {sectors.length > 0 && (
        <ProjectForm
          sectors={sectors}
          onSaved={(p) => location.assign(`#/projects/${encodeURIComponent(p.code)}`)}
        />
      )}
      <ProjectProjection />
    </>
  );
}

export function ProjectPage({ code }: { code: string }) {
  const { t, pick, lang, user, meta } = useApp();
  const res = useApi<ProjectDetailView>(`/api/projects/${encodeURIComponent(code)}`);
  const p = res.data;
  useDocumentTitle(p ? `${p.code} ${p.name}` : t('projTitle'));
  const areaName = (c: string | null) => {
    if (c === null) return t('projCityWide');
    const a = meta.areas.find((x) => x.code === c);
    return a ? (lang === 'zh' ? a.name : a.nameEn) : c;
  };
  const reload = () => res.reload();
  const markDone = async (id: number) => {
    await api.put(`/api/projects/${encodeURIComponent(code)}/milestones/${id}`, { doneDate: chinaToday() });
    reload();
  };
  const open = p && (p.status === 'planned' || p.status === 'underway');
  const mayManage = p ? managedSectors(user).includes(p.sector) : false;
  const mayReport = p ? canReport(user, p) : false;
  const caps = (c: ProjectSummaryView['capacities']) =>
    c === null
      ? t('projNotGiven')
      : CAPACITY_KEYS.filter((k) => c[k] !== undefined)
          .map((k) => `${pick(CAPACITY_LABELS[k])} ${formatNumber(c[k], lang)}`)
          .join('，');
  return (
    <>
      <p>
        <a href="#/projects">{t('projBack')}</a>
      </p>
      {res.error && <ErrorMessage error={res.error} onRetry={res.reload} />}
      {!p && !res.error && <Loading />}
      {p && (
        <>
          <h1>
            <span class="proj-code">{p.code}</span> {lang === 'en' && p.nameEn ? p.nameEn : p.name}
          </h1>
          <p data-testid="project-status">
            {pick(PROJECT_STATUS_LABELS[p.status])}
            {p.percent !== null && <> · {formatNumber(p.percent, lang)}%</>} · <OverdueFlag project={p} />
          </p>
          <dl class="proj-facts">
            <dt>{t('projSector')}</dt>
            <dd>{pick(SECTOR_LABELS[p.sector])}</dd>
            <dt>{t('projKind')}</dt>
            <dd>{pick(PROJECT_KIND_LABELS[p.kind])}</dd>
            <dt>{t('projDistrict')}</dt>
            <dd>{areaName(p.districtCode)}</dd>
            <dt>{t('projSchedule')}</dt>
            <dd>{t('projScheduleText', { start: p.plannedStart, end: p.plannedEnd })}</dd>
            <dt>{t('projFacilityType')}</dt>
            <dd>{p.facilityType ? pick(FACILITY_TYPE_LABELS[p.facilityType]) : '—'}</dd>
            <dt>{t('projCapacity')}</dt>
            <dd>{caps(p.capacities)}</dd>
            {(p.count !== null || p.countText) && (
              <>
                <dt>{t('projCountLabel')}</dt>
                <dd>{p.countText ?? p.count}</dd>
              </>
            )}
            <dt>{t('projLocation')}</dt>
            <dd data-testid="project-location">
              {p.location
                ? t('projLocationAt', { lon: p.location.lon, lat: p.location.lat })
                : t('projNotPlaced')}
            </dd>
            <dt>{t('projResponsible')}</dt>
            <dd>{p.responsibleUnit ?? t('projNotGiven')}</dd>
            <dt>{t('projIndicators')}</dt>
            <dd>
              {p.indicators.length === 0
                ? '—'
                : p.indicators.map((c, i) => (
                    <span key={c}>
                      {i > 0 && '、'}
                      <a href={`#/indicators/${c}`}>{c}</a>
                    </span>
                  ))}
            </dd>
            {p.column !== null && (
              <>
                <dt>{t('projColumn')}</dt>
                <dd>{p.sourceRef ?? `专栏${p.column}`}</dd>
              </>
            )}
            {p.sourceText && (
              <>
                <dt>{t('projSource')}</dt>
                <dd lang="zh-CN">
                  <q>{p.sourceText}</q>
                </dd>
              </>
            )}
            {p.notes && (
              <>
                <dt>{t('projNotes')}</dt>
                <dd>{p.notes}</dd>
              </>
            )}
          </dl>

          <section aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">{t('projMilestones')}</h2>
            {p.milestones.length === 0 ? (
              <p>{t('projNoMilestones')}</p>
            ) : (
              <div class="table-wrap">
                <table data-testid="milestone-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('projMilestoneName')}</th>
                      <th scope="col">{t('projPlannedDate')}</th>
                      <th scope="col">{t('projDoneDate')}</th>
                      <th scope="col">{t('projFlag')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.milestones.map((m) => (
                      <tr key={m.id} class={m.overdue ? 'proj-row-overdue' : undefined}>
                        <th scope="row">{m.name}</th>
                        <td>{m.plannedDate}</td>
                        <td>
                          {m.doneDate ??
                            (open && mayReport ? (
                              <button
                                type="button"
                                onClick={() => void markDone(m.id)}
                                aria-label={t('projMarkDoneLabel', { name: m.name })}
                              >
                                {t('projMarkDone')}
                              </button>
                            ) : (
                              '—'
                            ))}
                        </td>
                        <td>
                          {m.overdue ? (
                            <span class="proj-overdue">
                              <span aria-hidden="true">⚠ </span>
                              <strong>{t('projOverdue')}</strong>
                            </span>
                          ) : (
                            <span class="muted">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {open && mayReport && <MilestoneForm project={p} onSaved={reload} />}
          </section>

          <section aria-labelledby="reports-heading">
            <h2 id="reports-heading">{t('projReports')}</h2>
            {p.reports.length === 0 ? (
              <p>{t('projNoReports')}</p>
            ) : (
              <div class="table-wrap">
                <table data-testid="report-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('projReportDate')}</th>
                      <th scope="col" class="num">
                        {t('projPercent')}
                      </th>
                      <th scope="col">{t('projReportText')}</th>
                      <th scope="col">{t('projReportBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.reports.map((r) => (
                      <tr key={r.id}>
                        <td>{r.reportDate}</td>
                        <td class="num">{formatNumber(r.percent, lang)}</td>
                        <td>{r.text}</td>
                        <td>{r.reportedBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {open && mayReport && <ReportForm project={p} onSaved={reload} />}
          </section>

          {p.facilities.length > 0 && (
            <section aria-labelledby="facilities-heading">
              <h2 id="facilities-heading">{t('projFacilities')}</h2>
              <p role="status">{t('projCompleted', { count: p.facilities.length })}</p>
              <ul data-testid="project-facilities">
                {p.facilities.map((f) => (
                  <li key={f.id}>
                    <a href={`#/resources/facilities?district=${f.districtCode}`}>
                      {f.name}（{pick(FACILITY_TYPE_LABELS[f.type])}，{areaName(f.districtCode)}）
                    </a>
                    ：{caps(f.capacities)}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {open && mayManage && (
            // Keyed by the location: a newly saved location becomes the completion form's default.
            <CompleteForm
              key={p.location ? `${p.location.lon},${p.location.lat}` : 'unplaced'}
              project={p}
              onSaved={reload}
            />
          )}
          {open && mayManage && <ProjectForm project={p} sectors={managedSectors(user)} onSaved={reload} />}
          {!mayReport && <p class="muted">{t('projReadOnly')}</p>}

          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('projHistory')}</h2>
            <div class="table-wrap">
              <table data-testid="project-history">
                <thead>
                  <tr>
                    <th scope="col">{t('projHistoryAt')}</th>
                    <th scope="col">{t('projHistoryWhat')}</th>
                    <th scope="col">{t('projHistoryReason')}</th>
                    <th scope="col">{t('projHistoryBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.history.map((h) => (
                    <tr key={h.id}>
                      <td>{formatDateTime(h.changedAt, lang)}</td>
                      <td>
                        {h.tableName === 'projects' ? p.code : `${t('projMilestones')} #${h.rowKey}`} · r
                        {h.revision}
                      </td>
                      <td>{h.reason}</td>
                      <td>{h.changedBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
