/**
 * Enter one figure (or correct it, with a reason), or for qualitative and 动态清零 targets record a
 * judgement. The API's problems appear next to the field they name.
 */
import { useState } from 'preact/hooks';
import { CATEGORY_LABELS } from '../../domain/plan/labels.ts';
import type { Category } from '../../domain/plan/pack.schema.ts';
import { STATUS_LABELS } from '../../domain/plan/status.ts';
import type { BoardRow, ObservationView } from '../../domain/plan/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { areaName, formatNumber, yearRange } from '../format.ts';
import { href } from '../router.ts';
import { takesJudgement } from '../target-kind.ts';
import { selectableAreas } from './area-year-select.tsx';
import { ErrorMessage } from './error-message.tsx';
import { Field } from './field.tsx';

export interface EntryFormProps {
  indicators: BoardRow[];
  initial: { indicator?: string; area?: string; year?: number };
}

const JUDGEMENT_STATUSES = ['achieved', 'onTrack', 'lagging', 'atRisk'] as const;
type JudgementStatus = (typeof JUDGEMENT_STATUSES)[number];

interface Saved {
  code: string;
  area: string;
  year: number;
  text: string;
}

export function EntryForm({ indicators, initial }: EntryFormProps) {
  const { t, pick, lang, meta } = useApp();
  const [indicatorCode, setIndicatorCode] = useState(
    initial.indicator && indicators.some((r) => r.code === initial.indicator) ? initial.indicator : '',
  );
  const [areaCode, setAreaCode] = useState(initial.area ?? meta.pack.cityCode);
  const [year, setYear] = useState(initial.year ?? meta.defaultYear);
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [judgementStatus, setJudgementStatus] = useState<JudgementStatus>('onTrack');
  const [mode, setMode] = useState<'value' | 'judgement'>('value');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [busy, setBusy] = useState(false);

  const row = indicators.find((r) => r.code === indicatorCode);
  const judgement = row ? takesJudgement(row.target) : 'no';
  const effectiveMode = judgement === 'only' ? 'judgement' : judgement === 'also' ? mode : 'value';
  const unit = row ? (lang === 'zh' ? row.unit : row.unitEn) : '';
  const { city, districts } = selectableAreas(meta.areas);
  const categories = Object.keys(CATEGORY_LABELS) as Category[];
  const problemsFor = (field: string) => error?.problemsFor(field);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    // The server checks every field (the same words as the file import); only a missing indicator
    // is caught here, because the picker's empty choice is the browser's own.
    const problems: Record<string, string[]> = {};
    if (!indicatorCode) problems.indicatorCode = [t('chooseIndicator')];
    const trimmed = value.trim();
    const n = Number(trimmed);
    const figure = trimmed !== '' && Number.isFinite(n) ? n : trimmed;
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const where = areaName(meta.areas, areaCode, lang);
      if (effectiveMode === 'value') {
        const saved = await api.post<{ observation: ObservationView; created: boolean }>(
          '/api/observations',
          {
            indicatorCode,
            areaCode,
            year,
            value: figure,
            source: source.trim(),
            note: note.trim() || undefined,
            reason: reason.trim() || undefined,
          },
        );
        setSaved({
          code: indicatorCode,
          area: areaCode,
          year,
          text: t('savedFigure', {
            code: indicatorCode,
            area: where,
            year,
            value: formatNumber(saved.observation.value, lang),
          }),
        });
        setValue('');
        setNote('');
      } else {
        await api.post('/api/judgements', {
          indicatorCode,
          areaCode,
          year,
          status: judgementStatus,
          reason: reason.trim(),
        });
        setSaved({
          code: indicatorCode,
          area: areaCode,
          year,
          text: t('savedJudgement', { code: indicatorCode, area: where, year }),
        });
      }
      setReason('');
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  const fieldIssues = Object.keys(local).length > 0 || (error?.problems.length ?? 0) > 0;

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="entry-heading">
      <h2 id="entry-heading">{t('entryFormTitle')}</h2>
      <p class="muted">{t('entryIntro')}</p>
      {fieldIssues && !error && (
        <p class="message message-error" role="alert">
          {t('formHasErrors')}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {saved && (
        <p class="message message-ok" role="status">
          {saved.text}{' '}
          <a
            href={href(`/indicators/${encodeURIComponent(saved.code)}`, {
              year: saved.year,
              area: saved.area,
            })}
          >
            {t('viewIndicator')}
          </a>
        </p>
      )}

      <Field
        id="entry-indicator"
        label={t('indicator')}
        required
        messages={local.indicatorCode}
        problems={problemsFor('indicatorCode')}
      >
        {(aria) => (
          <select {...aria} value={indicatorCode} onChange={(e) => setIndicatorCode(e.currentTarget.value)}>
            <option value="">{t('chooseIndicator')}</option>
            {categories.map((c) => (
              <optgroup key={c} label={pick(CATEGORY_LABELS[c])}>
                {indicators
                  .filter((r) => r.category === c)
                  .map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.code} {lang === 'zh' ? r.name : r.nameEn}
                      {r.unit ? ` (${lang === 'zh' ? r.unit : r.unitEn})` : ''}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <div class="field-row">
        <Field id="entry-area" label={t('area')} required problems={problemsFor('areaCode')}>
          {(aria) => (
            <select {...aria} value={areaCode} onChange={(e) => setAreaCode(e.currentTarget.value)}>
              <optgroup label={t('areaCity')}>
                {city.map((a) => (
                  <option key={a.code} value={a.code}>
                    {lang === 'zh' ? a.name : a.nameEn}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('areaDistricts')}>
                {districts.map((a) => (
                  <option key={a.code} value={a.code}>
                    {lang === 'zh' ? a.name : a.nameEn}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field id="entry-year" label={t('year')} required problems={problemsFor('year')}>
          {(aria) => (
            <select {...aria} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {yearRange(meta.pack.baselineYear, meta.pack.periodEnd).map((y) => (
                <option key={y} value={String(y)}>
                  {t('yearSuffix', { year: y })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {judgement === 'also' && (
        <fieldset class="segmented">
          <legend>{t('mode')}</legend>
          <label>
            <input
              type="radio"
              name="entry-mode"
              checked={mode === 'value'}
              onChange={() => setMode('value')}
            />
            {t('modeValue')}
          </label>
          <label>
            <input
              type="radio"
              name="entry-mode"
              checked={mode === 'judgement'}
              onChange={() => setMode('judgement')}
            />
            {t('modeJudgement')}
          </label>
        </fieldset>
      )}

      {effectiveMode === 'value' ? (
        <>
          <Field
            id="entry-value"
            label={t('value')}
            hint={unit ? t('valueHint', { unit }) : undefined}
            required
            messages={local.value}
            problems={problemsFor('value')}
          >
            {(aria) => (
              <input
                {...aria}
                inputMode="decimal"
                autocomplete="off"
                value={value}
                onInput={(e) => setValue(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="entry-source"
            label={t('source')}
            hint={t('sourceHint')}
            required
            messages={local.source}
            problems={problemsFor('source')}
          >
            {(aria) => <input {...aria} value={source} onInput={(e) => setSource(e.currentTarget.value)} />}
          </Field>
          <Field id="entry-note" label={t('note')} problems={problemsFor('note')}>
            {(aria) => <input {...aria} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <Field
            id="entry-reason"
            label={t('correctionReason')}
            hint={t('correctionReasonHint')}
            problems={problemsFor('reason')}
          >
            {(aria) => <input {...aria} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
        </>
      ) : (
        <>
          <p class="hint">{t('judgementIntro')}</p>
          <Field
            id="entry-judgement-status"
            label={t('judgementStatus')}
            required
            problems={problemsFor('status')}
          >
            {(aria) => (
              <select
                {...aria}
                value={judgementStatus}
                onChange={(e) => setJudgementStatus(e.currentTarget.value as JudgementStatus)}
              >
                {JUDGEMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {pick(STATUS_LABELS[s])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="entry-judgement-reason"
            label={t('judgementReason')}
            required
            messages={local.reason}
            problems={problemsFor('reason')}
          >
            {(aria) => (
              <textarea {...aria} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            )}
          </Field>
        </>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : effectiveMode === 'value' ? t('saveFigure') : t('saveJudgement')}
        </button>
      </div>
    </form>
  );
}
