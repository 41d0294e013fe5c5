/**
 * The 2025 projection table: for the chosen registry-computed indicator, today's figure from the
 * registry, the figure if the projects finish as planned, the target, and whether it is met — said
 * in words with an icon.
 */
import { useState } from 'preact/hooks';
import { describeTarget } from '../../domain/plan/target.ts';
import type { ProjectionResponse } from '../../domain/projects/views.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage, Loading } from './error-message.tsx';

function Meets({ value }: { value: boolean | null }) {
  const { t } = useApp();
  if (value === null) return <span class="muted">{t('projMeetsUnknown')}</span>;
  return value ? (
    <span class="proj-meets">
      <span aria-hidden="true">✓ </span>
      {t('projMeetsYes')}
    </span>
  ) : (
    <span class="proj-short">
      <span aria-hidden="true">✗ </span>
      {t('projMeetsNo')}
    </span>
  );
}

export function ProjectProjection() {
  const { t, lang, pick } = useApp();
  const res = useApi<ProjectionResponse>('/api/projects/projection');
  const [code, setCode] = useState('H13');
  const data = res.data;
  const row = data?.indicators.find((i) => i.indicatorCode === code) ?? data?.indicators[0];
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(Math.round(v * 100) / 100, lang));
  const included =
    data?.projects.filter((p) => p.inclusion === 'included' || p.inclusion === 'cityOnly') ?? [];
  const estimateBasis = (code: string) =>
    data?.projects.find((p) => p.code === code)?.basis ?? { zh: '', en: '' };
  return (
    <section aria-labelledby="projection-heading" data-testid="projection">
      <h2 id="projection-heading">{t('projProjection')}</h2>
      <p class="hint">{t('projProjectionIntro')}</p>
      {res.error && <ErrorMessage error={res.error} onRetry={res.reload} />}
      {!data && !res.error && <Loading />}
      {data && row && (
        <>
          <p>
            {t('projProjectionCount', {
              included: included.length,
              cityOnly: data.projects.filter((p) => p.inclusion === 'cityOnly').length,
            })}
            {included.some((p) => p.estimated) && (
              <> {t('projEstimatedCount', { count: included.filter((p) => p.estimated).length })}</>
            )}
          </p>
          <div class="field field-inline">
            <label for="projection-indicator">{t('projProjectionIndicator')}</label>
            <select
              id="projection-indicator"
              value={row.indicatorCode}
              onChange={(e) => setCode(e.currentTarget.value)}
            >
              {data.indicators.map((i) => (
                <option key={i.indicatorCode} value={i.indicatorCode}>
                  {i.indicatorCode} {lang === 'zh' ? i.name : i.nameEn}
                </option>
              ))}
            </select>
          </div>
          <div class="table-wrap">
            <table data-testid="projection-table">
              <caption>
                {t('projProjectionCaption', {
                  name: lang === 'zh' ? row.name : row.nameEn,
                  target: `${row.targetText} ${row.unit}`,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('projArea')}</th>
                  <th scope="col" class="num">
                    {t('projCurrent')}
                  </th>
                  <th scope="col" class="num">
                    {t('projProjected')}
                  </th>
                  <th scope="col">{t('projTarget')}</th>
                  <th scope="col">{t('projMeets')}</th>
                  <th scope="col">{t('projByProjects')}</th>
                </tr>
              </thead>
              <tbody>
                {[row.city, ...row.byDistrict].map((v) => (
                  <tr key={v.areaCode} data-testid={`projection-${row.indicatorCode}-${v.areaCode}`}>
                    <th scope="row">{v.name}</th>
                    <td class="num" data-testid={`projection-current-${v.areaCode}`}>
                      {fmt(v.current)}
                    </td>
                    <td class="num" data-testid={`projection-projected-${v.areaCode}`}>
                      {fmt(v.projected)}
                    </td>
                    <td>{v.target ? describeTarget(v.target) : '—'}</td>
                    <td>
                      <Meets value={v.projectedMeets} />
                    </td>
                    <td>
                      {v.projects.length === 0
                        ? '—'
                        : v.projects.map((c, i) => (
                            <span key={c}>
                              {i > 0 && '、'}
                              {c}
                              {v.estimatedProjects.includes(c) && (
                                <abbr class="proj-estimated" title={pick(estimateBasis(c))}>
                                  {t('projEstimated')}
                                </abbr>
                              )}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
