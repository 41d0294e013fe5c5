/**
 * The major projects a side's `completeProjects` change counts as built: name, district, the
 * capacity counted (估计 with its basis when estimated) and why a project moves less than it might
 * (not placed: coverage not counted; no capacity: not counted).
 */
import type { ScenarioProjectView } from '../../../domain/scenarios/comparison-view.ts';
import { FACILITY_TYPE_LABELS } from '../../../domain/resources/facility.ts';
import { useApp } from '../../app-context.ts';
import { areaName } from '../../format.ts';
import { capacityText } from './capacity-text.ts';

export function ScenarioProjectsTable({
  side,
  projects,
}: {
  side: string;
  projects: readonly ScenarioProjectView[];
}) {
  const { t, pick, lang, meta } = useApp();
  if (projects.length === 0) return null;
  return (
    <div class="table-wrap">
      <table data-testid="compare-projects">
        <caption>{t('scenarioEdProjectsCaption', { side, n: projects.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scenarioEdProjects')}</th>
            <th scope="col">{t('district')}</th>
            <th scope="col">{t('scenarioEdProjectCapacity')}</th>
            <th scope="col">{t('scenarioEdProjectNote')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.code}>
              <th scope="row">
                {p.code} {p.name} · {pick(FACILITY_TYPE_LABELS[p.type])}
              </th>
              <td>{p.districtCode ? areaName(meta.areas, p.districtCode, lang) : t('scenarioEdCityWide')}</td>
              <td>
                {capacityText(p.capacities, pick, lang) || '—'}
                {p.estimated && (
                  <span class="muted" title={p.basis ? pick(p.basis) : undefined}>
                    {' '}
                    {t('scenarioEdEstimated')}
                  </span>
                )}
              </td>
              <td>{p.note ? pick(p.note) : t('scenarioEdProjectCounted')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
