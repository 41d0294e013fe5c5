/**
 * A scenario compared with today or another scenario for a facility type (`with` and `type` in the
 * route's query): per district people covered, share and accessibility, norm gaps and registry
 * indicators, each change said in words with its sign, and a map of gain (green) and loss (red) with
 * a legend that says it in words.
 */
import { useMemo } from 'preact/hooks';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { Diff, ScenarioComparison } from '../../domain/scenarios/comparison-view.ts';
import type { ScenarioView } from '../../domain/scenarios/scenario.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useBoundaries } from './district-map.tsx';
import { ErrorMessage, Loading } from './error-message.tsx';
import { FacilityTypeSelect } from './facility-type-select.tsx';
import { SampleBanner } from './sample-banner.tsx';
import { CHANGE_COLOURS, ScenarioMap, classOf } from './scenario-map.tsx';
import { ScenarioProjectsTable } from './scenario-editor/scenario-projects-table.tsx';
import type { ChangeClass } from './scenario-map.tsx';

/** The facility type compared (the route's `type`, elderly service stations by default). */
export function comparedType(route: Route): FacilityType {
  const raw = route.query.get('type') ?? 'elderlyServiceStation';
  return (FACILITY_TYPES as readonly string[]).includes(raw)
    ? (raw as FacilityType)
    : 'elderlyServiceStation';
}

export function ScenarioComparisonView({
  id,
  changes,
  route,
  others,
}: {
  id: number;
  /** How many changes the compared revision holds (shown as data-changes, for tests to wait on). */
  changes: number;
  route: Route;
  others: ScenarioView[];
}) {
  const { t, pick, lang } = useApp();
  const withRaw = route.query.get('with') ?? 'baseline';
  const type = comparedType(route);
  const cmp = useApi<ScenarioComparison>(
    `/api/scenarios/${id}/compare?with=${encodeURIComponent(withRaw)}&type=${type}`,
  );
  const boundaries = useBoundaries();
  const people = (x: number | null) => formatNumber(x === null ? null : Math.round(x), lang);
  /** A change in words and sign: "增加 +1,234" / "减少 −56" / "不变". */
  const change = (d: Diff, fmt: (x: number) => string, moreIsBetter = true) => {
    if (d.delta === null) return <span>—</span>;
    const zero = Math.abs(d.delta) < 1e-9;
    const word = zero ? t('changeNone') : d.delta > 0 ? t('changeUp') : t('changeDown');
    const sign = zero ? '±' : d.delta > 0 ? '+' : '−';
    const good = zero ? '' : d.delta > 0 === moreIsBetter ? ' change-gain' : ' change-loss';
    return (
      <span class={`change${good}`}>
        {word} {sign}
        {fmt(Math.abs(d.delta))}
      </span>
    );
  };
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const pp = (x: number) => `${(x * 100).toFixed(1)} ${t('percentPoints')}`;
  const acc = (x: number | null) => (x === null ? '—' : x.toPrecision(4));
  const counts = useMemo(() => {
    const c: Record<ChangeClass, number> = { gain: 0, loss: 0, closer: 0, farther: 0 };
    for (const p of cmp.data?.points.changed ?? []) c[classOf(p)]++;
    return c;
  }, [cmp.data]);

  return (
    <section aria-labelledby="compare-heading" data-testid="scenario-compare">
      <h3 id="compare-heading">{t('compareHeading')}</h3>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="compare-with">{t('compareWith')}</label>
          <select
            id="compare-with"
            value={withRaw}
            onChange={(e) => replaceQuery(route, { with: e.currentTarget.value })}
          >
            <option value="baseline">{t('compareBaseline')}</option>
            {others.map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <FacilityTypeSelect
          id="compare-type"
          value={type}
          onChange={(ty) => replaceQuery(route, { type: ty || undefined })}
        />
      </div>
      {cmp.error && <ErrorMessage error={cmp.error} onRetry={cmp.reload} />}
      {cmp.loading && <Loading />}
      {cmp.data && !cmp.loading && (
        <>
          {cmp.data.usesSyntheticData && <SampleBanner />}
          {cmp.data.approximation && (
            <div class="approximation-notice" role="note">
              <strong>{pick(cmp.data.approximation)}</strong>
            </div>
          )}
          <p data-testid="compare-summary" data-changes={changes}>
            {t('compareSummary', {
              a: cmp.data.a.name,
              b: cmp.data.b.name,
              type: pick(FACILITY_TYPE_LABELS[cmp.data.type]),
              gained: people(cmp.data.points.peopleGained),
              lost: people(cmp.data.points.peopleLost),
              before: pct(cmp.data.city.share.a),
              after: pct(cmp.data.city.share.b),
            })}
          </p>
          <div class="table-wrap">
            <table data-testid="compare-districts">
              <caption>{t('compareDistrictsCaption', { a: cmp.data.a.name, b: cmp.data.b.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('district')}</th>
                  <th scope="col" class="num">
                    {t('compareCoveredA')}
                  </th>
                  <th scope="col" class="num">
                    {t('compareCoveredB')}
                  </th>
                  <th scope="col">{t('compareCoveredChange')}</th>
                  <th scope="col" class="num">
                    {t('compareShareA')}
                  </th>
                  <th scope="col" class="num">
                    {t('compareShareB')}
                  </th>
                  <th scope="col">{t('compareShareChange')}</th>
                  <th scope="col">{t('compareAccessChange')}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.data.byDistrict.map((d) => (
                  <tr key={d.districtCode} data-district={d.districtCode}>
                    <th scope="row">{d.name}</th>
                    <td class="num">{people(d.covered.a)}</td>
                    <td class="num">{people(d.covered.b)}</td>
                    <td data-testid="covered-change">{change(d.covered, (x) => people(x))}</td>
                    <td class="num">{pct(d.share.a)}</td>
                    <td class="num">{pct(d.share.b)}</td>
                    <td>{change(d.share, pp)}</td>
                    <td>{change(d.accessibility, (x) => x.toPrecision(3))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="scenario-map-wrap">
            {boundaries.data && (
              <ScenarioMap
                boundaries={boundaries.data}
                points={cmp.data.points.changed}
                label={t('compareMapLabel', {
                  gained: people(cmp.data.points.peopleGained),
                  lost: people(cmp.data.points.peopleLost),
                })}
              />
            )}
            <ul class="legend" data-testid="compare-legend" aria-label={t('compareLegend')}>
              {(['gain', 'closer', 'farther', 'loss'] as ChangeClass[]).map((c) => (
                <li key={c}>
                  <span class="swatch" style={{ background: CHANGE_COLOURS[c] }} aria-hidden="true" />
                  {t(`compareClass_${c}` as MessageKey, { n: formatNumber(counts[c], lang) })}
                </li>
              ))}
            </ul>
          </div>
          {cmp.data.normGaps.length > 0 && (
            <div class="table-wrap">
              <table data-testid="compare-gaps">
                <caption>{t('compareGapsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('district')}</th>
                    <th scope="col">{t('colNorm')}</th>
                    <th scope="col" class="num">
                      {t('compareGapA')}
                    </th>
                    <th scope="col" class="num">
                      {t('compareGapB')}
                    </th>
                    <th scope="col">{t('compareGapChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cmp.data.normGaps.map((g) => (
                    <tr key={`${g.districtCode}-${g.normCode}`}>
                      <th scope="row">{g.name}</th>
                      <td>{lang === 'zh' ? g.normName : g.normNameEn}</td>
                      <td class="num">{people(g.gap.a)}</td>
                      <td class="num">{people(g.gap.b)}</td>
                      <td>{change(g.gap, (x) => people(x), false)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {cmp.data.projects && (
            <>
              <ScenarioProjectsTable side={cmp.data.a.name} projects={cmp.data.projects.a} />
              <ScenarioProjectsTable side={cmp.data.b.name} projects={cmp.data.projects.b} />
            </>
          )}
          {cmp.data.indicators.length > 0 && (
            <div class="table-wrap">
              <table data-testid="compare-indicators">
                <caption>{t('compareIndicatorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compareIndicator')}</th>
                    <th scope="col" class="num">
                      {t('compareCityA')}
                    </th>
                    <th scope="col" class="num">
                      {t('compareCityB')}
                    </th>
                    <th scope="col">{t('compareCityChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cmp.data.indicators.map((i) => (
                    <tr key={i.indicatorCode}>
                      <th scope="row">
                        {i.indicatorCode} {i.name}
                      </th>
                      <td class="num">{acc(i.city.a)}</td>
                      <td class="num">{acc(i.city.b)}</td>
                      <td>{change(i.city, (x) => x.toPrecision(3))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="muted">
            {t('compareTimings', {
              ms: cmp.data.timingsMs.total,
              reach: cmp.data.timingsMs.reach,
              how: cmp.data.incremental ? t('compareIncremental') : t('compareFull'),
            })}
          </p>
        </>
      )}
    </section>
  );
}
