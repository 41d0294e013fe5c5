/**
 * Scenarios (情景, `#/resources/scenarios?id=&with=&type=`): the list, a scenario's changes (add,
 * remove or resize a facility, project a district's population, change a norm) for planners and
 * admins, and the comparison with today or another scenario for a facility type — per district
 * people covered, share, accessibility, norm gaps and registry indicators, each change said in words
 * with its sign, and a map of gain (green) and loss (red) with a legend.
 */
import { useMemo, useState } from 'preact/hooks';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { CAPACITY_KEYS, FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { Diff, ScenarioComparison } from '../../domain/scenarios/comparison-view.ts';
import type { ScenarioChange, ScenarioView } from '../../domain/scenarios/scenario.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ResourcesNav } from '../components/district-select.tsx';
import { useBoundaries } from '../components/district-map.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { FacilityTypeSelect } from '../components/facility-type-select.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { CHANGE_COLOURS, ScenarioMap, classOf } from '../components/scenario-map.tsx';
import type { ChangeClass } from '../components/scenario-map.tsx';
import { formatNumber } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const KIND_LABELS: Record<ScenarioChange['kind'], MessageKey> = {
  addFacility: 'scenarioKindAdd',
  removeFacility: 'scenarioKindRemove',
  resizeFacility: 'scenarioKindResize',
  projectPopulation: 'scenarioKindPopulation',
  changeNorm: 'scenarioKindNorm',
};

export function ScenariosPage({ route }: { route: Route }) {
  const { t, user } = useApp();
  useDocumentTitle(t('scenariosTitle'));
  const list = useApi<ScenarioView[]>('/api/scenarios');
  const mayWrite = user.role === 'admin' || user.role === 'planner';
  const selected = Number(route.query.get('id')) || null;
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<ApiError | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setCreateError(null);
    try {
      const s = await api.post<ScenarioView>('/api/scenarios', { name, changes: [] });
      setName('');
      list.reload();
      replaceQuery(route, { id: s.id });
    } catch (err) {
      setCreateError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };

  return (
    <>
      <h1>{t('scenariosTitle')}</h1>
      <ResourcesNav current="scenarios" />
      <p>{t('scenariosIntro')}</p>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div class="table-wrap">
          <table data-testid="scenario-list">
            <caption>{t('scenariosListCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scenarioName')}</th>
                <th scope="col" class="num">
                  {t('scenarioChanges')}
                </th>
                <th scope="col" class="num">
                  {t('scenarioRevision')}
                </th>
                <th scope="col">{t('scenarioUpdatedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('scenariosNone')}</td>
                </tr>
              )}
              {list.data.map((s) => (
                <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
                  <td>
                    <a href={`#/resources/scenarios?id=${s.id}`}>{s.name}</a>
                  </td>
                  <td class="num">{s.changes.length}</td>
                  <td class="num">{s.revision}</td>
                  <td>{s.updatedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && (
        <form class="form form-inline" onSubmit={create} noValidate>
          <div class="field field-inline">
            <label for="scenario-new-name">{t('scenarioNewName')}</label>
            <input id="scenario-new-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <button type="submit">{t('scenarioCreate')}</button>
        </form>
      )}
      {createError && <ErrorMessage error={createError} />}
      {selected !== null && list.data && (
        <ScenarioDetail
          key={selected}
          id={selected}
          route={route}
          others={list.data.filter((s) => s.id !== selected)}
          mayWrite={mayWrite}
          onSaved={list.reload}
        />
      )}
    </>
  );
}

function ScenarioDetail({
  id,
  route,
  others,
  mayWrite,
  onSaved,
}: {
  id: number;
  route: Route;
  others: ScenarioView[];
  mayWrite: boolean;
  onSaved: () => void;
}) {
  const { t, pick, lang } = useApp();
  const scenario = useApi<ScenarioView>(`/api/scenarios/${id}`);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const save = async (changes: ScenarioChange[]) => {
    setSaveError(null);
    try {
      await api.put(`/api/scenarios/${id}`, { changes });
      scenario.reload();
      onSaved();
    } catch (err) {
      setSaveError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };
  const describe = (c: ScenarioChange): string => {
    switch (c.kind) {
      case 'addFacility':
        return `${pick(FACILITY_TYPE_LABELS[c.type])} ${c.name} (${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}) ${c.districtCode} ${JSON.stringify(c.capacities)}`;
      case 'removeFacility':
        return `#${c.facilityId}`;
      case 'resizeFacility':
        return `#${c.facilityId} ${JSON.stringify(c.capacities)}`;
      case 'projectPopulation':
        return c.total !== undefined
          ? `${c.districtCode} ${c.year}: ${formatNumber(c.total, lang)}`
          : `${c.districtCode} ${c.year}: ${c.trend?.fromYear}→${c.trend?.toYear} ${formatNumber(c.trend?.fromPopulation, lang)}→${formatNumber(c.trend?.toPopulation, lang)}`;
      case 'changeNorm':
        return `${c.normCode} = ${formatNumber(c.value, lang)}`;
    }
  };
  if (scenario.error) return <ErrorMessage error={scenario.error} onRetry={scenario.reload} />;
  if (!scenario.data) return <Loading />;
  const s = scenario.data;
  return (
    <section aria-labelledby="scenario-heading" data-testid="scenario-detail">
      <h2 id="scenario-heading">{t('scenarioHeading', { name: s.name })}</h2>
      {s.description && <p>{s.description}</p>}
      <div class="table-wrap">
        <table data-testid="scenario-changes">
          <caption>{t('scenarioChangesCaption', { n: s.changes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scenarioChangeKind')}</th>
              <th scope="col">{t('scenarioChangeWhat')}</th>
              {mayWrite && <th scope="col">{t('scenarioChangeActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {s.changes.map((c, i) => (
              <tr key={i}>
                <td>{t(KIND_LABELS[c.kind])}</td>
                <td>{describe(c)}</td>
                {mayWrite && (
                  <td>
                    <button type="button" onClick={() => void save(s.changes.filter((_, j) => j !== i))}>
                      {t('scenarioChangeRemove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayWrite && <ChangeForm onAdd={(c) => void save([...s.changes, c])} />}
      {saveError && <ErrorMessage error={saveError} />}
      <Comparison id={id} route={route} others={others} />
    </section>
  );
}

function ChangeForm({ onAdd }: { onAdd: (c: ScenarioChange) => void }) {
  const { t, pick } = useApp();
  const [kind, setKind] = useState<ScenarioChange['kind']>('addFacility');
  const [f, setF] = useState<Record<string, string>>({ type: 'elderlyServiceStation', capacity: 'places' });
  const set = (k: string) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const num = (k: string) => (f[k] === undefined || f[k] === '' ? undefined : Number(f[k]));
  const caps = () => (f.capacityValue ? { [f.capacity ?? 'places']: Number(f.capacityValue) } : {});
  const submit = (e: Event) => {
    e.preventDefault();
    // The server checks every field and names the wrong ones; the form only shapes the change.
    const c = {
      addFacility: () => ({
        kind,
        name: f.name ?? '',
        type: f.type,
        lon: num('lon'),
        lat: num('lat'),
        districtCode: f.districtCode,
        capacities: caps(),
      }),
      removeFacility: () => ({ kind, facilityId: num('facilityId') }),
      resizeFacility: () => ({ kind, facilityId: num('facilityId'), capacities: caps() }),
      projectPopulation: () => ({
        kind,
        districtCode: f.districtCode,
        year: num('year'),
        ...(f.total
          ? { total: num('total') }
          : {
              trend: {
                fromYear: num('fromYear'),
                fromPopulation: num('fromPopulation'),
                toYear: num('toYear'),
                toPopulation: num('toPopulation'),
              },
            }),
      }),
      changeNorm: () => ({ kind, normCode: f.normCode, value: num('value') }),
    }[kind]();
    onAdd(c as ScenarioChange);
  };
  const input = (k: string, label: MessageKey, type = 'text') => (
    <div class="field field-inline">
      <label for={`change-${k}`}>{t(label)}</label>
      <input id={`change-${k}`} type={type} step="any" value={f[k] ?? ''} onInput={set(k)} />
    </div>
  );
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="change-form-heading">
      <h3 id="change-form-heading">{t('scenarioAddChange')}</h3>
      <div class="field field-inline">
        <label for="change-kind">{t('scenarioChangeKind')}</label>
        <select
          id="change-kind"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ScenarioChange['kind'])}
        >
          {(Object.keys(KIND_LABELS) as Array<ScenarioChange['kind']>).map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABELS[k])}
            </option>
          ))}
        </select>
      </div>
      {kind === 'addFacility' && (
        <>
          <div class="field field-inline">
            <label for="change-type">{t('facilityType')}</label>
            <select id="change-type" value={f.type} onChange={set('type')}>
              {FACILITY_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {pick(FACILITY_TYPE_LABELS[ty])}
                </option>
              ))}
            </select>
          </div>
          {input('name', 'scenarioFieldName')}
          {input('lon', 'scenarioFieldLon', 'number')}
          {input('lat', 'scenarioFieldLat', 'number')}
          {input('districtCode', 'scenarioFieldDistrict')}
        </>
      )}
      {(kind === 'removeFacility' || kind === 'resizeFacility') &&
        input('facilityId', 'scenarioFieldFacilityId', 'number')}
      {(kind === 'addFacility' || kind === 'resizeFacility') && (
        <>
          <div class="field field-inline">
            <label for="change-capacity">{t('scenarioFieldCapacity')}</label>
            <select id="change-capacity" value={f.capacity} onChange={set('capacity')}>
              {CAPACITY_KEYS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </div>
          {input('capacityValue', 'scenarioFieldCapacityValue', 'number')}
        </>
      )}
      {kind === 'projectPopulation' && (
        <>
          {input('districtCode', 'scenarioFieldDistrict')}
          {input('year', 'scenarioFieldYear', 'number')}
          {input('total', 'scenarioFieldTotal', 'number')}
          <p class="muted">{t('scenarioTrendHint')}</p>
          {input('fromYear', 'scenarioFieldFromYear', 'number')}
          {input('fromPopulation', 'scenarioFieldFromPopulation', 'number')}
          {input('toYear', 'scenarioFieldToYear', 'number')}
          {input('toPopulation', 'scenarioFieldToPopulation', 'number')}
        </>
      )}
      {kind === 'changeNorm' && (
        <>
          {input('normCode', 'scenarioFieldNorm')}
          {input('value', 'scenarioFieldValue', 'number')}
        </>
      )}
      <div class="buttons">
        <button type="submit">{t('scenarioAddChangeButton')}</button>
      </div>
    </form>
  );
}

function Comparison({ id, route, others }: { id: number; route: Route; others: ScenarioView[] }) {
  const { t, pick, lang } = useApp();
  const withRaw = route.query.get('with') ?? 'baseline';
  const typeRaw = route.query.get('type') ?? 'elderlyServiceStation';
  const type: FacilityType = (FACILITY_TYPES as readonly string[]).includes(typeRaw)
    ? (typeRaw as FacilityType)
    : 'elderlyServiceStation';
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
          <p data-testid="compare-summary">
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
