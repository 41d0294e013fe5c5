/**
 * The fields of "projects completed by a date": the date, and optionally some of the plan's major
 * projects (GET /api/projects), each listed with its planned end and district; none chosen means
 * every project planned to finish by the date.
 */
import type { ProjectSummaryView } from '../../../domain/projects/views.ts';
import { useApp } from '../../app-context.ts';
import { areaName } from '../../format.ts';
import { useApi } from '../../use-api.ts';
import { ErrorMessage } from '../error-message.tsx';
import { Field } from '../field.tsx';
import type { DraftFieldsProps } from './draft.ts';

export function CompleteProjectsFields({ draft, set, problems }: DraftFieldsProps) {
  const { t, lang, meta } = useApp();
  const projects = useApi<ProjectSummaryView[]>('/api/projects');
  const due = (p: ProjectSummaryView) => draft.asOf !== '' && p.plannedEnd <= draft.asOf;
  return (
    <>
      <Field id="change-asof" label={t('scenarioEdAsOf')} required problems={problems('asOf')}>
        {(aria) => (
          <input
            {...aria}
            type="date"
            value={draft.asOf}
            onInput={(e) => set({ asOf: e.currentTarget.value })}
          />
        )}
      </Field>
      {projects.error && <ErrorMessage error={projects.error} onRetry={projects.reload} />}
      <Field
        id="change-projects"
        label={t('scenarioEdProjects')}
        hint={t('scenarioEdProjectsHint')}
        problems={problems('projectCodes')}
      >
        {(aria) => (
          <select
            {...aria}
            multiple
            size={8}
            onChange={(e) =>
              set({ projectCodes: Array.from(e.currentTarget.selectedOptions, (o) => o.value) })
            }
          >
            {(projects.data ?? []).map((p) => (
              <option key={p.code} value={p.code} selected={draft.projectCodes.includes(p.code)}>
                {t('scenarioEdProjectOption', {
                  name: lang === 'zh' || !p.nameEn ? p.name : p.nameEn,
                  end: p.plannedEnd,
                  district: p.districtCode
                    ? areaName(meta.areas, p.districtCode, lang)
                    : t('scenarioEdCityWide'),
                  due: due(p) ? t('scenarioEdDue') : '',
                })}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
