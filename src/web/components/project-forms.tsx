/**
 * The forms of a major project: report progress, add a milestone, complete it into facilities, and
 * add or change a project. The server checks every field; its problems appear next to the fields
 * they name, and anything not placed is listed above the buttons.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { PROJECT_KINDS, SECTORS } from '../../domain/plan/pack.schema.ts';
import {
  EDITABLE_STATUSES,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
} from '../../domain/projects/project.ts';
import type { ProjectDetailView, ProjectSummaryView } from '../../domain/projects/views.ts';
import type { CapacityKey } from '../../domain/resources/facility.ts';
import { CAPACITY_KEYS, FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { ApiError, Problem } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import type { MessageKey } from '../i18n.ts';
import { CapacityInputs } from './capacity-inputs.tsx';
import { Field } from './field.tsx';
import { ProjectLocationMap } from './project-location-map.tsx';

/** Today's date in China (the plan's calendar), for default form dates. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Submit state shared by the forms: busy, the API error, and a success message. */
function useSubmit<T>(send: () => Promise<T>, onDone: (r: T) => void) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [ok, setOk] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setOk(false);
    try {
      const r = await send();
      setOk(true);
      onDone(r);
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };
  const problems = (field: string): Problem[] => error?.problems.filter((p) => p.field === field) ?? [];
  return { busy, error, ok, submit, problems };
}

function FormShell(props: {
  id: string;
  title: MessageKey;
  intro?: MessageKey;
  button: MessageKey;
  okText: string | null;
  busy: boolean;
  error: ApiError | null;
  placed: string[];
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}) {
  const { t, pick, lang } = useApp();
  const unplaced = props.error?.problems.filter((p) => !props.placed.includes(p.field)) ?? [];
  return (
    <form class="form" onSubmit={props.onSubmit} noValidate aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`}>{t(props.title)}</h3>
      {props.intro && <p class="hint">{t(props.intro)}</p>}
      {props.children}
      {props.error && (props.error.problems.length === 0 || unplaced.length > 0) && (
        <div class="message message-error" role="alert">
          <p>{lang === 'zh' ? props.error.zh : props.error.en}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((p, i) => (
                <li key={i}>
                  {p.field}: {pick(p)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={props.busy}>
          {t(props.button)}
        </button>
      </div>
      {props.okText && (
        <p class="message message-ok" role="status">
          {props.okText}
        </p>
      )}
    </form>
  );
}

export function ReportForm({
  project,
  onSaved,
}: {
  project: ProjectSummaryView;
  onSaved: (p: ProjectDetailView) => void;
}) {
  const { t } = useApp();
  const [date, setDate] = useState(chinaToday);
  const [percent, setPercent] = useState('');
  const [text, setText] = useState('');
  const s = useSubmit(
    () =>
      api.post<ProjectDetailView>(`/api/projects/${project.code}/reports`, {
        reportDate: date,
        percent,
        text,
      }),
    (p) => {
      setPercent('');
      setText('');
      onSaved(p);
    },
  );
  return (
    <FormShell
      id="project-report"
      title="projAddReport"
      button="projAddReport"
      okText={s.ok ? t('projReportSaved') : null}
      busy={s.busy}
      error={s.error}
      placed={['reportDate', 'percent', 'text']}
      onSubmit={s.submit}
    >
      <div class="field-row">
        <Field id="report-date" label={t('projReportDate')} required problems={s.problems('reportDate')}>
          {(aria) => (
            <input {...aria} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="report-percent" label={t('projPercent')} required problems={s.problems('percent')}>
          {(aria) => (
            <input
              {...aria}
              type="number"
              min={0}
              max={100}
              step="any"
              value={percent}
              onInput={(e) => setPercent(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Field id="report-text" label={t('projReportText')} required problems={s.problems('text')}>
        {(aria) => (
          <textarea {...aria} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        )}
      </Field>
    </FormShell>
  );
}

export function MilestoneForm({
  project,
  onSaved,
}: {
  project: ProjectSummaryView;
  onSaved: (p: ProjectDetailView) => void;
}) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [plannedDate, setPlannedDate] = useState('');
  const s = useSubmit(
    () => api.post<ProjectDetailView>(`/api/projects/${project.code}/milestones`, { name, plannedDate }),
    (p) => {
      setName('');
      setPlannedDate('');
      onSaved(p);
    },
  );
  return (
    <FormShell
      id="project-milestone"
      title="projAddMilestone"
      button="projAddMilestone"
      okText={s.ok ? t('projMilestoneSaved') : null}
      busy={s.busy}
      error={s.error}
      placed={['name', 'plannedDate']}
      onSubmit={s.submit}
    >
      <div class="field-row">
        <Field id="milestone-name" label={t('projMilestoneName')} required problems={s.problems('name')}>
          {(aria) => (
            <input {...aria} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="milestone-date" label={t('projPlannedDate')} required problems={s.problems('plannedDate')}>
          {(aria) => (
            <input
              {...aria}
              type="date"
              value={plannedDate}
              onInput={(e) => setPlannedDate(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </FormShell>
  );
}

const capacityInputs = (caps: Partial<Record<CapacityKey, number>> | null) =>
  Object.fromEntries(CAPACITY_KEYS.map((k) => [k, caps?.[k] === undefined ? '' : String(caps[k])])) as Record<
    CapacityKey,
    string
  >;
const capacityBody = (caps: Record<CapacityKey, string>) =>
  Object.fromEntries(CAPACITY_KEYS.filter((k) => caps[k].trim() !== '').map((k) => [k, caps[k].trim()]));

export function CompleteForm({
  project,
  onSaved,
}: {
  project: ProjectSummaryView;
  onSaved: (p: ProjectDetailView) => void;
}) {
  const { t, pick, lang, meta } = useApp();
  const districts = meta.areas.filter((a) => a.kind === 'district');
  const [completedOn, setCompletedOn] = useState(chinaToday);
  // A located project's facility stands at its location unless the completion says otherwise.
  const [lon, setLon] = useState(project.location ? String(project.location.lon) : '');
  const [lat, setLat] = useState(project.location ? String(project.location.lat) : '');
  const [district, setDistrict] = useState(
    districts.some((d) => d.code === project.districtCode) ? (project.districtCode as string) : '',
  );
  const [caps, setCaps] = useState(() => capacityInputs(project.capacities));
  const withFacility = project.facilityType !== null;
  const s = useSubmit(
    () =>
      api.post<ProjectDetailView>(`/api/projects/${project.code}/complete`, {
        completedOn,
        facilities: withFacility
          ? [{ lon, lat, districtCode: district, capacities: capacityBody(caps) }]
          : [],
      }),
    onSaved,
  );
  const f = (field: string) => s.problems(`facilities[0].${field}`);
  return (
    <FormShell
      id="project-complete"
      title="projComplete"
      intro="projCompleteIntro"
      button="projComplete"
      okText={null}
      busy={s.busy}
      error={s.error}
      placed={[
        'completedOn',
        ...['lon', 'lat', 'districtCode', ...CAPACITY_KEYS.map((k) => `capacities.${k}`)].map(
          (x) => `facilities[0].${x}`,
        ),
      ]}
      onSubmit={s.submit}
    >
      <Field id="complete-date" label={t('projCompletedOn')} required problems={s.problems('completedOn')}>
        {(aria) => (
          <input
            {...aria}
            type="date"
            value={completedOn}
            onInput={(e) => setCompletedOn(e.currentTarget.value)}
          />
        )}
      </Field>
      {withFacility && (
        <>
          <p>
            {t('projFacilityType')}：{pick(FACILITY_TYPE_LABELS[project.facilityType!])}
          </p>
          <div class="field-row">
            <Field id="complete-lon" label={t('projLon')} required problems={f('lon')}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="decimal"
                  value={lon}
                  onInput={(e) => setLon(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field id="complete-lat" label={t('projLat')} required problems={f('lat')}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="decimal"
                  value={lat}
                  onInput={(e) => setLat(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          <Field id="complete-district" label={t('projDistrict')} required problems={f('districtCode')}>
            {(aria) => (
              <select {...aria} value={district} onChange={(e) => setDistrict(e.currentTarget.value)}>
                <option value="">—</option>
                {districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {lang === 'zh' ? d.name : d.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CapacityInputs
            idPrefix="complete-cap"
            values={caps}
            onChange={(k, v) => setCaps((c) => ({ ...c, [k]: v }))}
            problems={f}
            label={(what) => t('projActualCapacity', { what })}
          />
        </>
      )}
    </FormShell>
  );
}

/** Add a project (no `project`) or change one (with `project`; a reason is asked). */
export function ProjectForm({
  project,
  onSaved,
  sectors,
}: {
  project?: ProjectSummaryView;
  /** The sectors the user may manage. */
  sectors: readonly string[];
  onSaved: (p: ProjectDetailView) => void;
}) {
  const { t, pick, lang, meta } = useApp();
  const areas = meta.areas.filter((a) => a.kind !== 'city');
  const [d, setD] = useState(() => ({
    name: project?.name ?? '',
    sector: project?.sector ?? sectors[0] ?? '',
    kind: project?.kind ?? 'new',
    districtCode: project?.districtCode ?? '',
    facilityType: project?.facilityType ?? '',
    plannedStart: project?.plannedStart ?? '',
    plannedEnd: project?.plannedEnd ?? '',
    responsibleUnit: project?.responsibleUnit ?? '',
    status: project?.status ?? 'planned',
    reason: '',
    lon: project?.location ? String(project.location.lon) : '',
    lat: project?.location ? String(project.location.lat) : '',
  }));
  const [caps, setCaps] = useState(() => capacityInputs(project?.capacities ?? null));
  const set = (c: Partial<typeof d>) => setD((x) => ({ ...x, ...c }));
  const [savedCode, setSavedCode] = useState('');
  const [showMap, setShowMap] = useState(false);
  const s = useSubmit(
    () => {
      const caps2 = capacityBody(caps);
      const body = {
        ...(project ?? {}),
        name: d.name,
        sector: d.sector,
        kind: d.kind,
        districtCode: d.districtCode,
        facilityType: d.facilityType,
        capacities: Object.keys(caps2).length > 0 ? caps2 : null,
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        responsibleUnit: d.responsibleUnit,
        // Both empty: not placed (an edit then removes a location held before).
        location: d.lon.trim() === '' && d.lat.trim() === '' ? null : { lon: d.lon, lat: d.lat },
      };
      if (!project) return api.post<ProjectDetailView>('/api/projects', body);
      return api.put<ProjectDetailView>(`/api/projects/${project.code}`, {
        ...pickProjectFields(body),
        status: d.status,
        reason: d.reason,
      });
    },
    (p) => {
      setSavedCode(p.code);
      onSaved(p);
    },
  );
  const id = project ? 'project-edit' : 'project-new';
  return (
    <FormShell
      id={id}
      title={project ? 'projEdit' : 'projNew'}
      button="projSave"
      okText={s.ok ? t('projSaved', { code: savedCode }) : null}
      busy={s.busy}
      error={s.error}
      placed={[
        'name',
        'sector',
        'kind',
        'districtCode',
        'facilityType',
        'plannedStart',
        'plannedEnd',
        'responsibleUnit',
        'status',
        'reason',
        'location',
        'location.lon',
        'location.lat',
        ...CAPACITY_KEYS.map((k) => `capacities.${k}`),
      ]}
      onSubmit={(e) => void s.submit(e)}
    >
      <Field id={`${id}-name`} label={t('projName')} required problems={s.problems('name')}>
        {(aria) => (
          <input {...aria} type="text" value={d.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        )}
      </Field>
      <div class="field-row">
        <Field id={`${id}-sector`} label={t('projSector')} required problems={s.problems('sector')}>
          {(aria) => (
            <select
              {...aria}
              value={d.sector}
              onChange={(e) => set({ sector: e.currentTarget.value as typeof d.sector })}
            >
              {SECTORS.filter((x) => sectors.includes(x) || x === project?.sector).map((x) => (
                <option key={x} value={x}>
                  {pick(SECTOR_LABELS[x])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-kind`} label={t('projKind')} required problems={s.problems('kind')}>
          {(aria) => (
            <select
              {...aria}
              value={d.kind}
              onChange={(e) => set({ kind: e.currentTarget.value as typeof d.kind })}
            >
              {PROJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {pick(PROJECT_KIND_LABELS[k])}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="field-row">
        <Field id={`${id}-district`} label={t('projDistrict')} problems={s.problems('districtCode')}>
          {(aria) => (
            <select
              {...aria}
              value={d.districtCode}
              onChange={(e) => set({ districtCode: e.currentTarget.value })}
            >
              <option value="">{t('projCityWide')}</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {lang === 'zh' ? a.name : a.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-type`} label={t('projFacilityType')} problems={s.problems('facilityType')}>
          {(aria) => (
            <select
              {...aria}
              value={d.facilityType}
              onChange={(e) => set({ facilityType: e.currentTarget.value })}
            >
              <option value="">—</option>
              {FACILITY_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {pick(FACILITY_TYPE_LABELS[ty])}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <CapacityInputs
        idPrefix={`${id}-cap`}
        values={caps}
        onChange={(k, v) => setCaps((c) => ({ ...c, [k]: v }))}
        problems={(field) => s.problems(field)}
        label={(name) => `${t('projCapacity')}：${name}`}
      />
      <div class="field-row">
        <Field
          id={`${id}-start`}
          label={t('projPlannedStart')}
          required
          problems={s.problems('plannedStart')}
        >
          {(aria) => (
            <input
              {...aria}
              type="date"
              value={d.plannedStart}
              onInput={(e) => set({ plannedStart: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id={`${id}-end`} label={t('projPlannedEnd')} required problems={s.problems('plannedEnd')}>
          {(aria) => (
            <input
              {...aria}
              type="date"
              value={d.plannedEnd}
              onInput={(e) => set({ plannedEnd: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <fieldset class="proj-location">
        <legend>{t('projLocation')}</legend>
        <p class="hint" id={`${id}-location-hint`}>
          {t('projLocationHint')}
        </p>
        {s.problems('location').length > 0 && (
          <ul class="field-errors" role="alert">
            {s.problems('location').map((x, i) => (
              <li key={i}>{pick(x)}</li>
            ))}
          </ul>
        )}
        <div class="field-row">
          <Field id={`${id}-lon`} label={t('projLon')} problems={s.problems('location.lon')}>
            {(aria) => (
              <input
                {...aria}
                type="number"
                step="any"
                min={-180}
                max={180}
                aria-describedby={`${id}-location-hint`}
                value={d.lon}
                onInput={(e) => set({ lon: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id={`${id}-lat`} label={t('projLat')} problems={s.problems('location.lat')}>
            {(aria) => (
              <input
                {...aria}
                type="number"
                step="any"
                min={-90}
                max={90}
                aria-describedby={`${id}-location-hint`}
                value={d.lat}
                onInput={(e) => set({ lat: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
        {/* The map (and its boundaries, ~350 kB) loads only when asked for. */}
        <button
          type="button"
          aria-expanded={showMap}
          aria-controls={`${id}-location-map`}
          onClick={() => setShowMap((x) => !x)}
        >
          {t(showMap ? 'projLocationMapHide' : 'projLocationMapShow')}
        </button>
        {showMap && (
          <div id={`${id}-location-map`}>
            <ProjectLocationMap
              lon={d.lon}
              lat={d.lat}
              onPick={(lon, lat) => set({ lon: String(lon), lat: String(lat) })}
            />
          </div>
        )}
      </fieldset>
      <Field id={`${id}-unit`} label={t('projResponsible')} problems={s.problems('responsibleUnit')}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            value={d.responsibleUnit}
            onInput={(e) => set({ responsibleUnit: e.currentTarget.value })}
          />
        )}
      </Field>
      {project && (
        <>
          <Field id={`${id}-status`} label={t('projStatus')} required problems={s.problems('status')}>
            {(aria) => (
              <select
                {...aria}
                value={d.status}
                onChange={(e) => set({ status: e.currentTarget.value as typeof d.status })}
              >
                {EDITABLE_STATUSES.map((x) => (
                  <option key={x} value={x}>
                    {pick(PROJECT_STATUS_LABELS[x])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-reason`} label={t('projReason')} required problems={s.problems('reason')}>
            {(aria) => (
              <input
                {...aria}
                type="text"
                value={d.reason}
                onInput={(e) => set({ reason: e.currentTarget.value })}
              />
            )}
          </Field>
        </>
      )}
    </FormShell>
  );
}

/** The fields PUT /api/projects/:code accepts (the view carries more). */
function pickProjectFields(p: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    'name',
    'nameEn',
    'sector',
    'column',
    'programme',
    'districtCode',
    'kind',
    'facilityType',
    'capacities',
    'count',
    'countText',
    'plannedStart',
    'plannedEnd',
    'responsibleUnit',
    'indicators',
    'sourceRef',
    'sourceText',
    'notes',
    'location',
  ];
  return Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]]));
}
