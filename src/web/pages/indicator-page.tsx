/**
 * One indicator: its status with the reasons, the path chart, the definition as the plan prints
 * it, every district (table and map), and the observations of the chosen area with their history.
 */
import { useState } from 'preact/hooks';
import { DIRECTION_LABELS, NATURE_LABELS, SECTOR_LABELS } from '../../domain/plan/labels.ts';
import type { Status } from '../../domain/plan/status.ts';
import { describeTarget } from '../../domain/plan/target.ts';
import type { IndicatorDetailView } from '../../domain/plan/views.ts';
import type { RegistryIndicatorView } from '../../domain/resources/registry-indicators.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { AreaSelect, YearSelect } from '../components/area-year-select.tsx';
import { DistrictMap } from '../components/district-map.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { ObservationList } from '../components/observation-list.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { SampleTag } from '../components/sample-tag.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TrajectoryChart } from '../components/trajectory-chart.tsx';
import { areaName, formatNumber, yearRange } from '../format.ts';
import { canWrite } from '../permissions.ts';
import type { Route } from '../router.ts';
import { href, replaceQuery } from '../router.ts';
import { targetKindLabel } from '../target-kind.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useSelection } from '../use-selection.ts';

export function IndicatorPage({ route, code }: { route: Route; code: string }) {
  const { t, pick, lang, meta, user } = useApp();
  const { year, area } = useSelection(route);
  const detail = useApi<IndicatorDetailView>(
    withQuery(`/api/indicators/${encodeURIComponent(code)}`, { year, area }),
  );
  const [message, setMessage] = useState<string | null>(null);
  const d = detail.data && detail.data.indicator.code === code ? detail.data : undefined;
  const name = d ? (lang === 'zh' ? d.indicator.name : d.indicator.nameEn) : code;
  useDocumentTitle(`${code} ${d ? name : ''}`.trim());

  const header = (
    <>
      <p class="breadcrumb">
        <a href={href('/', { year, area })}>{t('backToBoard')}</a>
      </p>
      <h1>
        <span class="code">{code}</span> {d ? name : ''}
      </h1>
    </>
  );
  if (detail.error && !d) {
    return (
      <>
        {header}
        <ErrorMessage error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  if (!d) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }

  const ind = d.indicator;
  const ev = d.evaluation;
  const unit = lang === 'zh' ? ind.unit : ind.unitEn;
  const usesSample =
    (ev?.usesSampleData ?? false) ||
    d.observations.some((o) => o.sample) ||
    d.districts.some((x) => x.evaluation?.usesSampleData) ||
    d.judgements.some((j) => j.sample);
  const statuses = new Map<string, Status>(
    d.districts.filter((x) => x.evaluation).map((x) => [x.areaCode, x.status]),
  );
  const areaLabel = areaName(meta.areas, area, lang);
  const writable = canWrite(user, ind.sector, area);
  const linkForArea = (a: string) => href(`/indicators/${encodeURIComponent(code)}`, { year, area: a });

  return (
    <>
      {header}
      <form class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('statusSection')}>
        <YearSelect
          id="indicator-year"
          years={yearRange(meta.pack.periodStart, meta.pack.periodEnd)}
          value={year}
          onChange={(y) => replaceQuery(route, { year: y })}
        />
        <AreaSelect id="indicator-area" value={area} onChange={(a) => replaceQuery(route, { area: a })} />
      </form>
      {usesSample && <SampleBanner />}
      {message && (
        <p class="message message-ok" role="status">
          {message}
        </p>
      )}

      <section aria-labelledby="status-heading" class="card">
        <h2 id="status-heading">
          {t('statusSection')}: {t('statusFor', { area: areaLabel, year })}
        </h2>
        {ev ? (
          <>
            <p class="status-line">
              <StatusBadge status={ev.status} testId="indicator-status" />
              {ev.latest && (
                <span>
                  {t('colLatest')}: {formatNumber(ev.latest.value, lang)} {unit} ({ev.latest.year}){' '}
                  {ev.latest.sample && <SampleTag />}
                </span>
              )}
              {ev.runningTotal !== null && (
                <span>
                  {t('runningTotal')}: {formatNumber(ev.runningTotal, lang)} {unit}
                </span>
              )}
              {ev.expected !== null && (
                <span>
                  {t('colExpected')}: {formatNumber(ev.expected, lang)} {unit}
                </span>
              )}
            </p>
            <h3>{t('reasons')}</h3>
            <ul class="reasons">
              {ev.reasons.map((r) => (
                <li key={r.code}>{pick(r)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            <span data-testid="indicator-status">{t('notApplicable')}</span>{' '}
            {d.districts.find((x) => x.areaCode === area)?.note &&
              pick(d.districts.find((x) => x.areaCode === area)!.note!)}
          </p>
        )}
      </section>

      <RegistryPanel code={code} area={area} unit={unit} observed={ev?.latest ?? null} />

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('chartTitle')}</h2>
        {d.series ? (
          <TrajectoryChart id="trajectory" series={d.series} name={name} unit={unit} />
        ) : (
          <p class="muted">{ind.target.kind === 'qualitative' ? t('chartQualitative') : t('chartNoData')}</p>
        )}
      </section>

      <section aria-labelledby="definition-heading">
        <h2 id="definition-heading">{t('definition')}</h2>
        <dl class="definition">
          <dt>{t('nameZh')}</dt>
          <dd lang="zh-CN">{ind.name}</dd>
          <dt>{t('nameEn')}</dt>
          <dd lang="en">{ind.nameEn}</dd>
          <dt>{t('unit')}</dt>
          <dd>{unit || '—'}</dd>
          <dt>{t('baseline')}</dt>
          <dd>
            {ind.baselineText} <span class="muted">({ind.baselineYear})</span>
          </dd>
          <dt>{t('target')}</dt>
          <dd>
            {ind.targetText}{' '}
            <span class="muted">
              ({ind.targetYear}; {describeTarget(ind.target)})
            </span>
          </dd>
          <dt>{t('targetKind')}</dt>
          <dd>{targetKindLabel(ind.target, t)}</dd>
          <dt>{t('nature')}</dt>
          <dd>{pick(NATURE_LABELS[ind.nature])}</dd>
          <dt>{t('direction')}</dt>
          <dd>{pick(DIRECTION_LABELS[ind.direction])}</dd>
          <dt>{t('cumulative')}</dt>
          <dd>{ind.cumulativeOverPeriod ? t('cumulativeYes') : t('cumulativeNo')}</dd>
          <dt>{t('sourceRef')}</dt>
          <dd>
            {ind.sourceRef} · {pick(SECTOR_LABELS[ind.sector])}
          </dd>
          <dt>{t('sourceText')}</dt>
          <dd>
            <blockquote lang="zh-CN" class="source-text">
              {ind.sourceText.replace(/\t+/g, ' ｜ ').replace(/^ ｜ /, '')}
            </blockquote>
          </dd>
          {ind.notes && (
            <>
              <dt>{t('notes')}</dt>
              <dd>{ind.notes}</dd>
            </>
          )}
        </dl>
      </section>

      {d.districts.length > 0 && (
        <section aria-labelledby="districts-heading">
          <h2 id="districts-heading">
            {t('districtsTitle')} <span class="muted">({year})</span>
          </h2>
          <div class="split">
            <div class="table-wrap" role="region" aria-labelledby="districts-heading" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('colDistrict')}</th>
                    <th scope="col">{t('colStatus')}</th>
                    <th scope="col">{t('colLatest')}</th>
                    <th scope="col">{t('colExpected')}</th>
                    <th scope="col">{t('colTarget')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.districts.map((x) => (
                    <tr key={x.areaCode} class={x.areaCode === area ? 'selected' : undefined}>
                      <th scope="row">
                        <a
                          href={linkForArea(x.areaCode)}
                          aria-current={x.areaCode === area ? 'true' : undefined}
                        >
                          {lang === 'zh' ? x.name : x.nameEn}
                        </a>
                      </th>
                      <td>
                        {x.evaluation ? (
                          <StatusBadge status={x.status} />
                        ) : (
                          <span>{x.note ? pick(x.note) : t('notApplicable')}</span>
                        )}
                      </td>
                      <td class="num">
                        {x.evaluation?.latest ? (
                          <>
                            {formatNumber(x.evaluation.runningTotal ?? x.evaluation.latest.value, lang)}{' '}
                            <span class="muted">({x.evaluation.latest.year})</span>{' '}
                            {x.evaluation.latest.sample && <SampleTag />}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td class="num">{formatNumber(x.evaluation?.expected ?? null, lang)}</td>
                      <td class={x.evaluation?.target.kind === 'qualitative' ? undefined : 'num'}>
                        {x.evaluation ? describeTarget(x.evaluation.target) : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <DistrictMap
              id="district-map"
              statuses={statuses}
              selectedCode={area}
              linkFor={linkForArea}
              indicatorName={name}
              year={year}
            />
          </div>
          <details class="provenance">
            <summary>{t('areaProvenance')}</summary>
            <dl>
              {meta.areas
                .filter((a) => a.kind !== 'zone')
                .map((a) => (
                  <div key={a.code}>
                    <dt>
                      {lang === 'zh' ? a.name : a.nameEn} ({a.code})
                      {a.residentPopulation !== null &&
                        ` · ${t('population')} ${formatNumber(a.residentPopulation, lang)} (${a.residentPopulationYear})`}
                    </dt>
                    <dd>{a.provenance}</dd>
                  </div>
                ))}
            </dl>
          </details>
        </section>
      )}

      <section aria-labelledby="observations-heading">
        <h2 id="observations-heading">{t('observationsTitle', { area: areaLabel })}</h2>
        {writable && (
          <p>
            <a class="button-link" href={href('/observations', { indicator: code, area, year })}>
              {t('enterForIndicator')}
            </a>
          </p>
        )}
        <ObservationList
          observations={d.observations.filter((o) => o.areaCode === area)}
          canWrite={writable}
          unit={unit}
          onChanged={(m) => {
            setMessage(m);
            detail.reload();
          }}
        />
      </section>

      {d.judgements.length > 0 && (
        <section aria-labelledby="judgements-heading">
          <h2 id="judgements-heading">{t('judgementsTitle')}</h2>
          <ul class="judgements">
            {d.judgements
              .filter((j) => j.areaCode === area)
              .map((j) => (
                <li key={`${j.year}-${j.status}`}>
                  <strong>{j.year}</strong> <StatusBadge status={j.status} /> {j.reason}{' '}
                  {j.sample && <SampleTag />}
                </li>
              ))}
          </ul>
        </section>
      )}

      {d.relatedNorms.length > 0 && (
        <section aria-labelledby="norms-heading">
          <h2 id="norms-heading">{t('relatedNorms')}</h2>
          <ul class="norms">
            {d.relatedNorms.map((n) => (
              <li key={n.code}>
                <strong>{lang === 'zh' ? n.name : n.nameEn}</strong>: {formatNumber(n.value, lang)}{' '}
                {lang === 'zh' ? n.unit : n.unitEn} <span class="muted">({n.sourceRef})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The indicator as the facility registry computes it (由设施登记计算), next to the observed figure:
 * the value for the chosen area and the city, every district, the formula and the registry it came
 * from. Nothing is shown for indicators the registry cannot compute.
 */
function RegistryPanel(props: {
  code: string;
  area: string;
  unit: string;
  observed: { value: number; year: number } | null;
}) {
  const { t, pick, lang, meta } = useApp();
  const res = useApi<RegistryIndicatorView>(`/api/indicators/${encodeURIComponent(props.code)}/registry`);
  const v = res.data && res.data.indicatorCode === props.code ? res.data : undefined;
  if (!v || !v.available || !v.city) return null;
  if (v.registry?.counted === 0)
    return (
      <section aria-labelledby="registry-heading" class="card" data-testid="registry-panel">
        <h2 id="registry-heading">{t('registryTitle')}</h2>
        <p class="muted">{t('registryEmpty')}</p>
        <p class="muted small">{v.formula && pick(v.formula)}</p>
      </section>
    );
  const here = props.area === v.city.areaCode ? v.city : v.byDistrict.find((d) => d.areaCode === props.area);
  const fmt = (x: number | null) => (x === null ? '—' : formatNumber(Math.round(x * 100) / 100, lang));
  return (
    <section aria-labelledby="registry-heading" class="card" data-testid="registry-panel">
      <h2 id="registry-heading">{t('registryTitle')}</h2>
      {v.usesSyntheticFacilities && <SampleBanner detail={t('registrySynthetic')} />}
      <p class="status-line">
        {here && (
          <span data-testid="registry-value">
            {areaName(meta.areas, here.areaCode, lang)}: <strong>{fmt(here.value)}</strong> {props.unit}
            {here.value === null && here.reason && <span class="muted"> ({pick(here.reason)})</span>}
          </span>
        )}
        {here !== v.city && (
          <span>
            {areaName(meta.areas, v.city.areaCode, lang)}: {fmt(v.city.value)} {props.unit}
          </span>
        )}
        <span>
          {t('registryObserved')}:{' '}
          {props.observed ? `${fmt(props.observed.value)} ${props.unit} (${props.observed.year})` : '—'}
        </span>
      </p>
      <dl class="definition">
        <dt>{t('registryFormula')}</dt>
        <dd data-testid="registry-formula">{v.formula && pick(v.formula)}</dd>
        {v.reading && (
          <>
            <dt>{t('registryReading')}</dt>
            <dd>{pick(v.reading)}</dd>
          </>
        )}
        {here?.note && (
          <>
            <dt>{t('notes')}</dt>
            <dd>{pick(here.note)}</dd>
          </>
        )}
        {v.registry && (
          <>
            <dt>{t('registryVersion')}</dt>
            <dd class="muted">
              {t('registryCounts', {
                facilities: formatNumber(v.registry.facilities, lang),
                open: formatNumber(v.registry.open, lang),
                counted: formatNumber(v.registry.counted, lang),
                synthetic: formatNumber(v.registry.synthetic, lang),
                hash: v.registry.sha256.slice(0, 12),
              })}
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary>{t('registryByDistrict')}</summary>
        <div class="table-wrap">
          <table data-testid="registry-districts">
            <thead>
              <tr>
                <th scope="col">{t('colDistrict')}</th>
                <th scope="col">{t('registryValue')}</th>
                <th scope="col">{t('registryNumerator')}</th>
                <th scope="col">{t('registryDenominator')}</th>
                <th scope="col">{t('registryFacilities')}</th>
              </tr>
            </thead>
            <tbody>
              {[...v.byDistrict, v.city].map((d) => (
                <tr key={d.areaCode} class={d.areaCode === props.area ? 'selected' : undefined}>
                  <th scope="row">{areaName(meta.areas, d.areaCode, lang)}</th>
                  <td class="num">
                    {fmt(d.value)}
                    {d.value === null && d.reason && <span class="muted small"> {pick(d.reason)}</span>}
                  </td>
                  <td class="num">{fmt(d.numerator)}</td>
                  <td class="num">{fmt(d.denominator)}</td>
                  <td class="num">{formatNumber(d.facilities, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
