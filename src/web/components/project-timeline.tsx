/**
 * The projects' timeline: one table per group (sector or district), a row per project with a bar
 * from planned start to planned end, milestone marks, and today's line. The schedule is also given
 * in words, and overdue is said in words with an icon (⚠), never by colour alone.
 */
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { PROJECT_STATUS_LABELS } from '../../domain/projects/project.ts';
import type { ProjectSummaryView } from '../../domain/projects/views.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format.ts';

const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function OverdueFlag({ project }: { project: ProjectSummaryView }) {
  const { t } = useApp();
  if (!project.overdue) return <span class="muted">{t('projOnTime')}</span>;
  const parts = [
    project.overdueMilestones > 0 ? t('projOverdueMilestones', { count: project.overdueMilestones }) : null,
    project.late ? t('projLate') : null,
  ].filter(Boolean);
  return (
    <span class="proj-overdue" data-testid={`overdue-${project.code}`}>
      <span aria-hidden="true">⚠ </span>
      <strong>{t('projOverdue')}</strong>：{parts.join('；')}
    </span>
  );
}

export function ProjectTimeline({
  projects,
  groupBy,
  today,
}: {
  projects: readonly ProjectSummaryView[];
  groupBy: 'sector' | 'district';
  today: string;
}) {
  const { t, pick, lang, meta } = useApp();
  const start = Math.min(ms('2021-01-01'), ...projects.map((p) => ms(p.plannedStart)));
  const end = Math.max(
    ms('2025-12-31') + DAY,
    ...projects.map((p) => ms(p.plannedEnd) + DAY),
    ms(today) + DAY,
  );
  const pos = (date: string) => ((ms(date) - start) / (end - start)) * 100;
  const years: number[] = [];
  for (let y = new Date(start).getUTCFullYear(); y <= new Date(end).getUTCFullYear(); y++) years.push(y);
  const groupOf = (p: ProjectSummaryView) => (groupBy === 'sector' ? p.sector : (p.districtCode ?? ''));
  const groupName = (key: string) => {
    if (groupBy === 'sector') return pick(SECTOR_LABELS[key as keyof typeof SECTOR_LABELS]);
    if (key === '') return t('projCityWide');
    const a = meta.areas.find((x) => x.code === key);
    return a ? (lang === 'zh' ? a.name : a.nameEn) : key;
  };
  const groups = new Map<string, ProjectSummaryView[]>();
  for (const p of projects) {
    const k = groupOf(p);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const todayPos = pos(today);
  return (
    <div class="proj-timeline">
      {[...groups.entries()].map(([key, list]) => (
        <section key={key} aria-labelledby={`tl-${groupBy}-${key || 'city'}`}>
          <h3 id={`tl-${groupBy}-${key || 'city'}`}>
            {groupName(key)}（{list.length}）
          </h3>
          <div class="table-wrap">
            <table class="proj-table" data-testid={`timeline-${key || 'city'}`}>
              <caption class="visually-hidden">
                {t('projTimelineCaption', { group: groupName(key), count: list.length, today })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('projName')}</th>
                  <th scope="col" class="proj-track-col">
                    {t('projSchedule')}
                    <span class="proj-years" aria-hidden="true">
                      {years.map((y) => (
                        <span key={y} style={{ left: `${pos(`${y}-01-01`)}%` }}>
                          {y}
                        </span>
                      ))}
                    </span>
                  </th>
                  <th scope="col">{t('projStatus')}</th>
                  <th scope="col">{t('projFlag')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr
                    key={p.code}
                    data-testid={`project-row-${p.code}`}
                    class={p.overdue ? 'proj-row-overdue' : undefined}
                  >
                    <th scope="row">
                      <a href={`#/projects/${encodeURIComponent(p.code)}`}>
                        <span class="proj-code">{p.code}</span>{' '}
                        {lang === 'en' && p.nameEn ? p.nameEn : p.name}
                      </a>
                    </th>
                    <td class="proj-track-col">
                      <div class="proj-track" aria-hidden="true">
                        <span
                          class={`proj-bar proj-bar-${p.status}`}
                          style={{
                            left: `${pos(p.plannedStart)}%`,
                            width: `${Math.max(0.5, pos(p.plannedEnd) + (DAY / (end - start)) * 100 - pos(p.plannedStart))}%`,
                          }}
                        />
                        {p.milestones.map((m) => (
                          <span
                            key={m.id}
                            class={`proj-mark${m.overdue ? ' proj-mark-overdue' : ''}${m.doneDate ? ' proj-mark-done' : ''}`}
                            style={{ left: `${pos(m.plannedDate)}%` }}
                            title={`${m.name} ${m.plannedDate}`}
                          >
                            {m.overdue ? '!' : m.doneDate ? '✓' : '◆'}
                          </span>
                        ))}
                        {todayPos >= 0 && todayPos <= 100 && (
                          <span class="proj-today" style={{ left: `${todayPos}%` }} />
                        )}
                      </div>
                      <span class="proj-dates">
                        {t('projScheduleText', { start: p.plannedStart, end: p.plannedEnd })}
                      </span>
                    </td>
                    <td>
                      {pick(PROJECT_STATUS_LABELS[p.status])}
                      {p.percent !== null && <> · {formatNumber(p.percent, lang)}%</>}
                    </td>
                    <td>
                      <OverdueFlag project={p} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
