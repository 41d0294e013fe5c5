/**
 * Coverage by township (按镇街): for one facility type's circle, each township's residents, covered
 * share and uncovered people, for all ages or one age band, filtered by district and sorted by the
 * uncovered population (the largest gaps first). Says so first when the townships are a synthetic
 * assignment (示例指派) or missing.
 */
import { useState } from 'preact/hooks';
import type { AgeBand } from '../../domain/people/age-bands.ts';
import { AGE_BANDS } from '../../domain/people/age-bands.ts';
import type { TownshipCoverageView } from '../../domain/resources/coverage-by-area.ts';
import { useApp } from '../app-context.ts';
import { areaName, formatNumber } from '../format.ts';

const PAGE = 30;

type Row = TownshipCoverageView['rows'][number];

/** The figures of a row for all ages (`band` empty) or one band. */
export function rowCell(row: Row, band: AgeBand | '') {
  const c = band === '' ? row : row.byBand[band];
  return {
    population: c.population,
    covered: c.covered,
    share: c.share,
    uncovered: c.population - c.covered,
  };
}

/** Rows of a district (all when empty), most uncovered people first, then by code. */
export function sortTownshipRows(rows: readonly Row[], district: string, band: AgeBand | ''): Row[] {
  return rows
    .filter((r) => district === '' || r.districtCode === district)
    .map((r) => ({ r, u: rowCell(r, band).uncovered }))
    .sort(
      (a, b) =>
        b.u - a.u ||
        a.r.districtCode.localeCompare(b.r.districtCode) ||
        (a.r.townshipCode ?? '~').localeCompare(b.r.townshipCode ?? '~'),
    )
    .map((x) => x.r);
}

const share = (s: number | null) => (s === null ? '—' : `${(s * 100).toFixed(1)}%`);

export function TownshipCoverageTable({ view }: { view: TownshipCoverageView }) {
  const { t, pick, lang, meta } = useApp();
  const [district, setDistrict] = useState('');
  const [band, setBand] = useState<AgeBand | ''>('');
  const [all, setAll] = useState(false);
  const num = (n: number) => formatNumber(n, lang);
  const districts = [...new Set(view.rows.map((r) => r.districtCode))];
  const rows = sortTownshipRows(view.rows, district, band);
  const shown = all ? rows : rows.slice(0, PAGE);
  return (
    <section aria-labelledby="township-coverage-heading" data-testid="township-coverage">
      <h3 id="township-coverage-heading">{t('townshipCoverageTitle')}</h3>
      {view.note && (
        <p class="approximation-notice" role="note" data-testid="township-coverage-note">
          {pick(view.note)}
        </p>
      )}
      {view.rows.length > 0 && (
        <>
          <div class="toolbar">
            <div class="field field-inline">
              <label for="township-district">{t('district')}</label>
              <select
                id="township-district"
                value={district}
                onChange={(e) => setDistrict(e.currentTarget.value)}
              >
                <option value="">{t('allDistricts')}</option>
                {districts.map((d) => (
                  <option key={d} value={d}>
                    {areaName(meta.areas, d, lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-inline">
              <label for="township-band">{t('colAgeBand')}</label>
              <select
                id="township-band"
                value={band}
                onChange={(e) => setBand(e.currentTarget.value as AgeBand | '')}
              >
                <option value="">{t('townshipAllAges')}</option>
                {AGE_BANDS.map((b) => (
                  <option key={b} value={b}>
                    {b.replace('-', '–')}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="table-wrap" role="region" aria-labelledby="township-coverage-heading" tabIndex={0}>
            <table data-testid="township-coverage-table">
              <caption class="muted small">{t('townshipCoverageCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colTownship')}</th>
                  <th scope="col">{t('district')}</th>
                  <th scope="col">{t('colResidents')}</th>
                  <th scope="col">{t('colShare')}</th>
                  <th scope="col" aria-sort="descending">
                    {t('colUncovered')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const c = rowCell(r, band);
                  return (
                    <tr key={`${r.districtCode}-${r.townshipCode ?? ''}`}>
                      <th scope="row">{r.name ?? t('townshipNone')}</th>
                      <td>{areaName(meta.areas, r.districtCode, lang)}</td>
                      <td class="num">{num(c.population)}</td>
                      <td class="num">{share(c.share)}</td>
                      <td class="num">{num(c.uncovered)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length > PAGE && (
            <p>
              <button type="button" class="link-button" onClick={() => setAll(!all)}>
                {all ? t('townshipShowFewer') : t('townshipShowAll', { n: rows.length })}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
