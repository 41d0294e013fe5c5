/**
 * An indicator's path as SVG: the baseline, the expected path year by year (dashed), the target
 * band (shaded), and the observations (filled dots; hollow for sample data). For cumulative
 * targets every value is a running total, and the chart says so. A data table follows as the
 * text alternative.
 */
import type { TrajectorySeries } from '../../domain/plan/trajectory-series.ts';
import { useApp } from '../app-context.ts';
import { linearScale, niceTicks, paddedExtent } from '../chart-scale.ts';
import { formatNumber } from '../format.ts';
import { SampleTag } from './sample-tag.tsx';

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 20, bottom: 36, left: 64 };

export function TrajectoryChart({
  series,
  name,
  unit,
  id,
}: {
  series: TrajectorySeries;
  name: string;
  unit: string;
  id: string;
}) {
  const { t, lang } = useApp();
  const values: number[] = [];
  if (series.baseline) values.push(series.baseline.value);
  for (const e of series.expected) if (e !== null) values.push(e);
  for (const o of series.observed) values.push(o.value);
  if (series.targetBand?.low != null) values.push(series.targetBand.low);
  if (series.targetBand?.high != null) values.push(series.targetBand.high);
  const extent = paddedExtent(values);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const firstYear = series.years[0];
  const lastYear = series.years[series.years.length - 1];
  if (!extent || firstYear === undefined || lastYear === undefined) {
    return <p class="muted">{t('chartNoData')}</p>;
  }
  const x = linearScale({ min: firstYear, max: lastYear }, { min: MARGIN.left, max: WIDTH - MARGIN.right });
  const y = linearScale(extent, { min: HEIGHT - MARGIN.bottom, max: MARGIN.top });
  const ticks = niceTicks(extent);
  const band = series.targetBand;
  const bandTop = band ? y(band.high ?? extent.max) : 0;
  const bandBottom = band ? y(band.low ?? extent.min) : 0;
  const expectedPoints = series.years
    .map((year, i) => ({ year, v: series.expected[i] ?? null }))
    .filter((p): p is { year: number; v: number } => p.v !== null)
    .map((p) => `${x(p.year).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join(' ');
  const hasSample = series.observed.some((o) => o.sample);
  const hasReal = series.observed.some((o) => !o.sample);
  const fmt = (v: number) => formatNumber(v, lang);

  return (
    <figure class="chart">
      {series.cumulative && <p class="chart-note">{t('chartCumulativeNote')}</p>}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        class="chart-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{`${name} — ${t('chartTitle')}`}</title>
        <desc id={descId}>{t('chartDesc', { name })}</desc>
        {band && (
          <rect
            class="chart-band"
            x={MARGIN.left}
            width={WIDTH - MARGIN.left - MARGIN.right}
            y={Math.min(bandTop, bandBottom) - (Math.abs(bandBottom - bandTop) < 3 ? 1.5 : 0)}
            height={Math.max(3, Math.abs(bandBottom - bandTop))}
          />
        )}
        {ticks.map((v) => (
          <g key={v} class="chart-grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(v)} y2={y(v)} />
            <text x={MARGIN.left - 8} y={y(v)} dy="0.32em" text-anchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
        {series.years.map((year) => (
          <text
            key={year}
            class="chart-axis"
            x={x(year)}
            y={HEIGHT - MARGIN.bottom + 20}
            text-anchor="middle"
          >
            {year}
          </text>
        ))}
        <line
          class="chart-axis-line"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={HEIGHT - MARGIN.bottom}
          y2={HEIGHT - MARGIN.bottom}
        />
        <text class="chart-unit" x={8} y={MARGIN.top - 4}>
          {unit}
        </text>
        {expectedPoints && <polyline class="chart-expected" points={expectedPoints} />}
        {series.observed.map((o) => (
          <circle
            key={o.year}
            class={o.sample ? 'chart-point chart-point-sample' : 'chart-point'}
            cx={x(o.year)}
            cy={y(o.value)}
            r={5.5}
          />
        ))}
        {/* Drawn last, as an open square, so a point observed in the baseline year stays visible inside it. */}
        {series.baseline && (
          <rect
            class="chart-baseline"
            x={x(series.baseline.year) - 8}
            y={y(series.baseline.value) - 8}
            width={16}
            height={16}
          />
        )}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {series.baseline && (
            <li>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <rect class="chart-baseline" x="3" y="3" width="14" height="14" />
              </svg>
              {t('legendBaseline')}
            </li>
          )}
          <li>
            <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
              <line class="chart-expected" x1="0" y1="10" x2="20" y2="10" />
            </svg>
            {t('legendExpected')}
          </li>
          {band && (
            <li>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <rect class="chart-band" x="0" y="4" width="20" height="12" />
              </svg>
              {t('legendTarget')}
            </li>
          )}
          {(hasReal || !hasSample) && (
            <li>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <circle class="chart-point" cx="10" cy="10" r="5" />
              </svg>
              {t('legendObserved')}
            </li>
          )}
          {hasSample && (
            <li>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <circle class="chart-point chart-point-sample" cx="10" cy="10" r="5" />
              </svg>
              {t('legendSample')}
            </li>
          )}
        </ul>
      </figcaption>
      <details class="chart-table">
        <summary>{t('chartTable')}</summary>
        <ChartTable series={series} />
      </details>
    </figure>
  );
}

function ChartTable({ series }: { series: TrajectorySeries }) {
  const { t, lang } = useApp();
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colYear')}</th>
            <th scope="col">{t('colExpectedPath')}</th>
            <th scope="col">{series.cumulative ? t('colObservedTotal') : t('colObserved')}</th>
          </tr>
        </thead>
        <tbody>
          {series.years.map((year, i) => {
            const o = series.observed.find((p) => p.year === year);
            const isBaseline = series.baseline?.year === year;
            return (
              <tr key={year}>
                <th scope="row">
                  {year}
                  {isBaseline && <span class="muted"> ({t('legendBaseline')})</span>}
                </th>
                <td class="num">
                  {isBaseline && series.baseline
                    ? formatNumber(series.baseline.value, lang)
                    : formatNumber(series.expected[i] ?? null, lang)}
                </td>
                <td class="num">
                  {o ? formatNumber(o.value, lang) : '—'} {o?.sample && <SampleTag />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
