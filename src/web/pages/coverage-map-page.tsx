/**
 * The service-circle map (服务圈地图, `#/resources/map?type=childcare`): every residential point
 * coloured by walking minutes to the nearest open facility of a type, or by that facility; a facility
 * chosen (on the map or in the list) shows its catchment and the people it serves; the districts can be
 * shaded by coverage share or by a norm's gap; a click anywhere (or the map centre, for keyboard
 * users) draws the isochrone with the residents within. The text next to the map says in words what
 * the map shows, the legend counts points and people per class, and every control is a form control.
 */
import type { Map as LeafletMap } from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AGE_BANDS } from '../../domain/people/age-bands.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { NormGapsView } from '../../domain/resources/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { useBoundaries } from '../components/district-map.tsx';
import { ResourcesNav } from '../components/district-select.tsx';
import { FacilityTypeSelect } from '../components/facility-type-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import type { ColourBy } from '../components/map/coverage-leaflet-map.tsx';
import { CoverageLeafletMap } from '../components/map/coverage-leaflet-map.tsx';
import type { CoveragePointsView, IsochroneView } from '../components/map/map-scales.ts';
import {
  catchmentOf,
  classCounts,
  GAP_COLOURS,
  GAP_LABELS,
  gapClassOf,
  MINUTE_CLASSES,
  MINUTE_COLOURS,
  minuteClass,
  minuteClassLabel,
  SHARE_COLOURS,
  SHARE_LABELS,
  shareClassOf,
} from '../components/map/map-scales.ts';
import { SampleBanner } from '../components/sample-banner.tsx';
import { areaName, formatNumber } from '../format.ts';
import type { Route } from '../router.ts';
import { href, replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { circleName, formatShare } from './coverage-page.tsx';

type DistrictLayer = 'none' | 'coverage' | 'gaps';

const DEFAULT_TYPE: FacilityType = 'childcare';
const ISO_MINUTES = [5, 10, 15, 30] as const;
const NOT_COMPUTABLE_COLOUR = '#d0d3d8';

interface IsochroneState {
  lon: number;
  lat: number;
  minutes: number;
  view: IsochroneView | null;
  error: ApiError | null;
}

export function CoverageMapPage({ route }: { route: Route }) {
  const { t, pick, lang, meta } = useApp();
  useDocumentTitle(t('cmapTitle'));
  const num = (n: number) => formatNumber(n, lang);
  const raw = route.query.get('type') ?? DEFAULT_TYPE;
  const type = (FACILITY_TYPES as readonly string[]).includes(raw) ? (raw as FacilityType) : DEFAULT_TYPE;
  const colourBy: ColourBy = route.query.get('colour') === 'facility' ? 'facility' : 'minutes';
  const layerRaw = route.query.get('layer');
  const layer: DistrictLayer = layerRaw === 'coverage' || layerRaw === 'gaps' ? layerRaw : 'none';

  const points = useApi<CoveragePointsView>(withQuery('/api/coverage/points', { type }));
  const data = points.data?.type === type ? points.data : undefined;
  const gaps = useApi<NormGapsView>(layer === 'gaps' ? '/api/gaps' : null);
  const boundaries = useBoundaries();
  const mapRef = useRef<LeafletMap | null>(null);

  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => setSelected(null), [type]);

  const isoParam = Number(route.query.get('iso'));
  const isoMinutes = (ISO_MINUTES as readonly number[]).includes(isoParam)
    ? isoParam
    : (data?.circle.minutes ?? 15);
  const [iso, setIso] = useState<IsochroneState | null>(null);
  const isoRequest = useRef(0);
  const onPick = useCallback(
    (lon: number, lat: number) => {
      const id = ++isoRequest.current;
      setIso({ lon, lat, minutes: isoMinutes, view: null, error: null });
      api
        .get<IsochroneView>(
          withQuery('/api/isochrone', { lon: lon.toFixed(6), lat: lat.toFixed(6), minutes: isoMinutes }),
        )
        .then(
          (view) => id === isoRequest.current && setIso({ lon, lat, minutes: isoMinutes, view, error: null }),
          (err: unknown) =>
            id === isoRequest.current &&
            setIso({
              lon,
              lat,
              minutes: isoMinutes,
              view: null,
              error: asApiError(err, { zh: String(err), en: String(err) }),
            }),
        );
    },
    [isoMinutes],
  );

  // Per point: its walking-time class; per class: points and people (the legend and the summary).
  const counts = useMemo(() => {
    if (!data) return null;
    const classes = Uint8Array.from(data.points.seconds, (s) => minuteClass(s));
    return classCounts(classes, data.points.population, MINUTE_CLASSES);
  }, [data]);

  // Norms with at least one computable district, for the gap layer.
  const norms = useMemo(() => {
    const seen = new Map<string, { code: string; zh: string; en: string }>();
    for (const r of gaps.data?.rows ?? [])
      if (r.computable && !seen.has(r.normCode))
        seen.set(r.normCode, { code: r.normCode, zh: r.normName, en: r.normNameEn });
    return [...seen.values()];
  }, [gaps.data]);
  const normParam = route.query.get('norm');
  const norm = norms.find((n) => n.code === normParam) ?? norms[0];

  const districtStyle = useMemo(() => {
    if (layer === 'coverage' && data) {
      return new Map(
        data.coverage.byDistrict.map((d) => {
          const cls = shareClassOf(d.share);
          return [
            d.districtCode,
            cls < 0
              ? { colour: NOT_COMPUTABLE_COLOUR, cls: 'share-class-none' }
              : { colour: SHARE_COLOURS[cls] as string, cls: `share-class-${cls}` },
          ] as const;
        }),
      );
    }
    if (layer === 'gaps' && gaps.data && norm) {
      return new Map(
        gaps.data.rows
          .filter((r) => r.normCode === norm.code)
          .map((r) => {
            const cls = gapClassOf(r);
            return [
              r.districtCode,
              cls < 0
                ? { colour: NOT_COMPUTABLE_COLOUR, cls: 'gap-class-none' }
                : { colour: GAP_COLOURS[cls] as string, cls: `gap-class-${cls}` },
            ] as const;
          }),
      );
    }
    return null;
  }, [layer, data, gaps.data, norm]);

  // The district layer in words, for those who cannot see the colours.
  const districtRows = useMemo(() => {
    if (layer === 'coverage' && data) {
      return data.coverage.byDistrict.map((d) => ({
        code: d.districtCode,
        name: lang === 'zh' ? d.name : areaName(meta.areas, d.districtCode, lang),
        value: formatShare(d.share),
      }));
    }
    if (layer === 'gaps' && gaps.data && norm) {
      return gaps.data.rows
        .filter((r) => r.normCode === norm.code)
        .map((r) => ({
          code: r.districtCode,
          name: lang === 'zh' ? r.districtName : areaName(meta.areas, r.districtCode, lang),
          value:
            !r.computable || r.gap === null || r.required === null
              ? t('cmapLegendNotComputable')
              : r.gap <= 0
                ? t('cmapGapMet')
                : t('cmapGapShort', {
                    gap: formatNumber(Math.round(r.gap), lang),
                    required: formatNumber(Math.round(r.required), lang),
                  }),
        }));
    }
    return [];
  }, [layer, data, gaps.data, norm, lang, meta.areas, t]);

  const facilityOptions = useMemo(
    () =>
      data
        ? data.facilities
            .map((f, index) => ({ index, name: f.name }))
            .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        : [],
    [data],
  );
  const selectedFacility = selected !== null && data ? data.facilities[selected] : undefined;
  const selectedCatchment = useMemo(
    () =>
      data && selected !== null ? catchmentOf(data.points.facility, data.points.population, selected) : null,
    [data, selected],
  );

  const typeName = pick(FACILITY_TYPE_LABELS[type]);
  const circle = pick(circleName(type));
  const limitMinutes = data ? Math.round(data.searchLimitSeconds / 60) : 0;
  const sep = lang === 'zh' ? '：' : ': ';

  return (
    <>
      <h1>{t('resourcesTitle')}</h1>
      <ResourcesNav current="coverage" />
      <h2>{t('cmapTitle')}</h2>
      <p>
        {t('cmapIntro')} <a href={href('/resources/coverage', { type })}>{t('cmapBackToTable')}</a>
      </p>
      <div class="toolbar">
        <FacilityTypeSelect id="map-type" value={type} onChange={(ty) => replaceQuery(route, { type: ty })} />
        <fieldset class="segmented">
          <legend>{t('cmapColourBy')}</legend>
          {(['minutes', 'facility'] as const).map((c) => (
            <label key={c}>
              <input
                type="radio"
                name="map-colour"
                value={c}
                checked={colourBy === c}
                onChange={() => replaceQuery(route, { colour: c === 'minutes' ? undefined : c })}
              />
              {t(c === 'minutes' ? 'cmapColourMinutes' : 'cmapColourFacility')}
            </label>
          ))}
        </fieldset>
        <fieldset class="segmented">
          <legend>{t('cmapDistrictLayer')}</legend>
          {(['none', 'coverage', 'gaps'] as const).map((l) => (
            <label key={l}>
              <input
                type="radio"
                name="map-layer"
                value={l}
                checked={layer === l}
                onChange={() => replaceQuery(route, { layer: l === 'none' ? undefined : l })}
              />
              {t(l === 'none' ? 'cmapLayerNone' : l === 'coverage' ? 'cmapLayerCoverage' : 'cmapLayerGaps')}
            </label>
          ))}
        </fieldset>
        {layer === 'gaps' && norms.length > 0 && norm && (
          <div class="field field-inline">
            <label for="map-norm">{t('cmapNorm')}</label>
            <select
              id="map-norm"
              value={norm.code}
              onChange={(e) => replaceQuery(route, { norm: e.currentTarget.value })}
            >
              {norms.map((n) => (
                <option key={n.code} value={n.code}>
                  {pick(n)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {points.error && <ErrorMessage error={points.error} onRetry={points.reload} />}
      {gaps.error && <ErrorMessage error={gaps.error} onRetry={gaps.reload} />}
      {(!data || (!boundaries.data && !boundaries.failed)) && !points.error && <Loading />}
      {boundaries.failed && <p class="muted">{t('mapUnavailable')}</p>}
      {data && (
        <>
          {data.approximation && (
            <div class="approximation-notice" role="note" data-testid="map-approximation">
              <strong>{pick(data.approximation)}</strong>
            </div>
          )}
          {data.usesSyntheticData && <SampleBanner detail={t('coverageSyntheticDetail')} />}
          {data.inputs.residentialPoints === 0 && <p>{t('coverageNoResidents')}</p>}
        </>
      )}
      {data && boundaries.data && counts && (
        <div class="coverage-map-layout">
          <figure class="coverage-map-figure">
            <CoverageLeafletMap
              boundaries={boundaries.data}
              data={data}
              colourBy={colourBy}
              districtStyle={districtStyle}
              selectedFacility={selected}
              onSelectFacility={setSelected}
              onPick={onPick}
              isochrone={iso ? { lon: iso.lon, lat: iso.lat, view: iso.view } : null}
              label={t('cmapLabel', { type: typeName })}
              describedBy="map-summary"
              mapRef={mapRef}
            />
            <figcaption class="muted small">{t('cmapBase')}</figcaption>
          </figure>
          <aside class="coverage-map-side">
            <p id="map-summary" data-testid="map-summary">
              {t('cmapSummary', {
                points: num(data.inputs.residentialPoints),
                population: num(data.coverage.population),
                facilities: num(data.inputs.facilities),
                type: typeName,
                circle,
                covered: num(data.coverage.covered),
                share: formatShare(data.coverage.share),
              })}
            </p>
            {colourBy === 'minutes' ? (
              <div>
                <h3 class="map-side-heading">{t('cmapLegendMinutes')}</h3>
                <ul class="map-legend map-legend-list" data-testid="map-legend">
                  {counts.map((c, i) => (
                    <li key={i} data-class={i} data-points={c.points} data-population={c.population}>
                      <span class="swatch-dot" style={{ background: MINUTE_COLOURS[i] }} aria-hidden="true" />
                      <span>
                        {pick(minuteClassLabel(i, limitMinutes))}
                        {sep}
                        {t('cmapLegendCount', { points: num(c.points), population: num(c.population) })}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p data-testid="map-legend-facility">{t('cmapLegendFacility', { minutes: limitMinutes })}</p>
            )}
            {layer !== 'none' && (
              <div data-testid="map-district-legend">
                <h3 class="map-side-heading">
                  {layer === 'coverage' ? t('cmapLegendCoverage') : t('cmapLegendGaps')}
                  {layer === 'gaps' && norm ? `${sep}${pick(norm)}` : ''}
                </h3>
                {layer === 'gaps' && !gaps.data && !gaps.error && <Loading />}
                <ul class="map-legend map-legend-list">
                  {(layer === 'coverage' ? SHARE_LABELS.map((l) => ({ zh: l, en: l })) : GAP_LABELS).map(
                    (label, i) => (
                      <li key={i}>
                        <span
                          class="swatch-dot swatch-square"
                          style={{ background: (layer === 'coverage' ? SHARE_COLOURS : GAP_COLOURS)[i] }}
                          aria-hidden="true"
                        />
                        {pick(label)}
                      </li>
                    ),
                  )}
                  <li>
                    <span
                      class="swatch-dot swatch-square"
                      style={{ background: NOT_COMPUTABLE_COLOUR }}
                      aria-hidden="true"
                    />
                    {layer === 'coverage' ? t('coverageNoData') : t('cmapLegendNotComputable')}
                  </li>
                </ul>
                {districtRows.length > 0 && (
                  <details>
                    <summary>{t('cmapDistrictValues')}</summary>
                    <ul class="map-district-values">
                      {districtRows.map((r) => (
                        <li key={r.code}>
                          {r.name}
                          {sep}
                          {r.value}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </div>
            )}
            <h3 class="map-side-heading">{t('cmapFacility')}</h3>
            <div class="field">
              <label for="map-facility">{t('cmapFacilityChoose', { type: typeName })}</label>
              <select
                id="map-facility"
                value={selected === null ? '' : String(selected)}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setSelected(v === '' ? null : Number(v));
                }}
              >
                <option value="">{t('cmapFacilityNone')}</option>
                {facilityOptions.map((f) => (
                  <option key={f.index} value={String(f.index)}>
                    {f.name}
                  </option>
                ))}
              </select>
            </div>
            {selectedFacility && selectedCatchment && (
              <p data-testid="map-facility-panel" data-population={selectedFacility.population}>
                {t('cmapFacilityServed', {
                  name: selectedFacility.name,
                  population: num(selectedFacility.population),
                  points: num(selectedCatchment.points),
                })}
                {data.servedBands.length < AGE_BANDS.length &&
                  ` ${t('cmapFacilityServedGroup', {
                    bands: data.servedBands.map((b) => b.replace('-', '–')).join('、'),
                    served: num(selectedFacility.servedPopulation),
                  })}`}{' '}
                <button type="button" class="link-button" onClick={() => setSelected(null)}>
                  {t('cmapClearFacility')}
                </button>
              </p>
            )}
            <h3 class="map-side-heading">{t('cmapIsochrone')}</h3>
            <p class="hint">{t('cmapIsoHint')}</p>
            <div class="field">
              <label for="map-iso-minutes">{t('cmapIsoMinutes')}</label>
              <select
                id="map-iso-minutes"
                value={String(isoMinutes)}
                onChange={(e) => replaceQuery(route, { iso: e.currentTarget.value })}
              >
                {ISO_MINUTES.map((m) => (
                  <option key={m} value={String(m)}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              onClick={() => {
                const c = mapRef.current?.getCenter();
                if (c) onPick(c.lng, c.lat);
              }}
            >
              {t('cmapIsoCentre')}
            </button>
            <div aria-live="polite">
              {iso && !iso.view && !iso.error && <p role="status">{t('cmapIsoLoading')}</p>}
              {iso?.error && <ErrorMessage error={iso.error} />}
              {iso?.view && (
                <div
                  data-testid="isochrone-summary"
                  data-lon={iso.lon.toFixed(6)}
                  data-lat={iso.lat.toFixed(6)}
                  data-minutes={iso.minutes}
                  data-residents={iso.view.residents}
                  data-method={iso.view.method}
                >
                  <p>
                    {t('cmapIsoResult', {
                      lon: iso.lon.toFixed(4),
                      lat: iso.lat.toFixed(4),
                      minutes: iso.view.minutes,
                      residents: num(iso.view.residents),
                    })}
                  </p>
                  <p>
                    {iso.view.method === 'network'
                      ? t('cmapMethodNetwork', { nodes: num(iso.view.reachedNodes) })
                      : t('cmapMethodStraight')}
                  </p>
                  {iso.view.approximation && (
                    <p class="approximation-notice" role="note">
                      <strong>{pick(iso.view.approximation)}</strong>
                    </p>
                  )}
                </div>
              )}
            </div>
          </aside>
        </div>
      )}
    </>
  );
}
