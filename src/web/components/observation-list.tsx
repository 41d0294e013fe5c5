/**
 * The observations of one indicator in one area, newest year first. Each row can show its
 * revision history (loaded on demand), and people who may write can correct or delete a figure,
 * both with a reason that the history keeps.
 */
import { useState } from 'preact/hooks';
import type { ObservationView, RevisionView } from '../../domain/plan/views.ts';
import { ApiError, api, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { describeStored, formatDateTime, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage, Loading } from './error-message.tsx';
import { Field } from './field.tsx';
import { SampleTag } from './sample-tag.tsx';

export interface ObservationListProps {
  observations: ObservationView[];
  canWrite: boolean;
  unit: string;
  onChanged: (message: string) => void;
}

type Panel = { id: number; kind: 'history' | 'correct' | 'delete' } | null;

export function ObservationList(props: ObservationListProps) {
  const { t, lang } = useApp();
  const [panel, setPanel] = useState<Panel>(null);
  const sorted = [...props.observations].sort((a, b) => b.year - a.year);
  const toggle = (id: number, kind: 'history' | 'correct' | 'delete') =>
    setPanel(panel && panel.id === id && panel.kind === kind ? null : { id, kind });

  if (sorted.length === 0) return <p>{t('noObservations')}</p>;
  return (
    <div class="table-wrap">
      <table class="observations">
        <thead>
          <tr>
            <th scope="col">{t('colYear')}</th>
            <th scope="col">{t('colValue')}</th>
            <th scope="col">{t('colSource')}</th>
            <th scope="col">{t('colNote')}</th>
            <th scope="col">{t('colRevision')}</th>
            <th scope="col">{t('colUpdated')}</th>
            <th scope="col">{t('colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((o) => {
            const open = panel?.id === o.id ? panel.kind : null;
            const panelId = `obs-panel-${o.id}`;
            return [
              <tr key={o.id} data-testid={`observation-${o.year}`}>
                <th scope="row">{o.year}</th>
                <td class="num">
                  {formatNumber(o.value, lang)} {o.sample && <SampleTag />}
                </td>
                <td>{o.source}</td>
                <td>{o.note ?? ''}</td>
                <td class="num">{o.revision}</td>
                <td>
                  {o.updatedBy}
                  <br />
                  <span class="muted small">{formatDateTime(o.updatedAt, lang)}</span>
                </td>
                <td class="actions">
                  <button
                    type="button"
                    aria-expanded={open === 'history'}
                    aria-controls={open === 'history' ? panelId : undefined}
                    onClick={() => toggle(o.id, 'history')}
                  >
                    {open === 'history' ? t('hideHistory') : t('showHistory')}
                    <span class="visually-hidden"> {o.year}</span>
                  </button>
                  {props.canWrite && (
                    <>
                      <button
                        type="button"
                        aria-expanded={open === 'correct'}
                        aria-controls={open === 'correct' ? panelId : undefined}
                        onClick={() => toggle(o.id, 'correct')}
                      >
                        {t('correct')}
                        <span class="visually-hidden"> {o.year}</span>
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-expanded={open === 'delete'}
                        aria-controls={open === 'delete' ? panelId : undefined}
                        onClick={() => toggle(o.id, 'delete')}
                      >
                        {t('delete')}
                        <span class="visually-hidden"> {o.year}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>,
              open && (
                <tr key={`${o.id}-panel`} class="panel-row">
                  <td colSpan={7} id={panelId}>
                    {open === 'history' && <RevisionHistory observation={o} />}
                    {open === 'correct' && (
                      <CorrectForm
                        observation={o}
                        unit={props.unit}
                        onCancel={() => setPanel(null)}
                        onDone={() => {
                          setPanel(null);
                          props.onChanged(t('corrected'));
                        }}
                      />
                    )}
                    {open === 'delete' && (
                      <DeleteForm
                        observation={o}
                        onCancel={() => setPanel(null)}
                        onDone={() => {
                          setPanel(null);
                          props.onChanged(t('deleted'));
                        }}
                      />
                    )}
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function RevisionHistory({ observation }: { observation: ObservationView }) {
  const { t, lang } = useApp();
  const revisions = useApi<RevisionView[]>(`/api/observations/${observation.id}/revisions`);
  const headingId = `history-${observation.id}`;
  // Bulk-loaded sample figures have no revision rows, and the API answers 404 for them.
  const noHistory = revisions.error?.status === 404;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} class="panel-title">
        {t('historyTitle', { year: observation.year })}
      </h3>
      {revisions.loading && <Loading />}
      {revisions.error && !noHistory && <ErrorMessage error={revisions.error} onRetry={revisions.reload} />}
      {((revisions.data && revisions.data.length === 0) || noHistory) && <p>{t('noHistory')}</p>}
      {revisions.data && revisions.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colRevision')}</th>
              <th scope="col">{t('colChangedAt')}</th>
              <th scope="col">{t('colChangedBy')}</th>
              <th scope="col">{t('colPrevious')}</th>
              <th scope="col">{t('colCurrent')}</th>
              <th scope="col">{t('colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.data.map((r) => (
              <tr key={r.revision}>
                <th scope="row">{r.revision}</th>
                <td>{formatDateTime(r.changedAt, lang)}</td>
                <td>{r.changedBy}</td>
                <td>{describeStored(r.previous, lang)}</td>
                <td>{describeStored(r.current, lang)}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CorrectForm(props: {
  observation: ObservationView;
  unit: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useApp();
  const o = props.observation;
  const [value, setValue] = useState(String(o.value));
  const [source, setSource] = useState(o.source);
  const [note, setNote] = useState(o.note ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const id = (f: string) => `correct-${o.id}-${f}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: Record<string, string[]> = {};
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n)) problems.value = [t('valueNotNumber')];
    if (!reason.trim()) problems.reason = [t('reasonRequired')];
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/observations/${o.id}`, { value: n, source, note: note || undefined, reason });
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form form-inline-panel" onSubmit={submit} noValidate>
      <h3 class="panel-title">{t('correctTitle', { year: o.year })}</h3>
      {error && <ErrorMessage error={error} />}
      <Field
        id={id('value')}
        label={t('value')}
        hint={t('valueHint', { unit: props.unit })}
        required
        messages={local.value}
        problems={error?.problemsFor('value')}
      >
        {(aria) => (
          <input
            {...aria}
            inputMode="decimal"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={id('source')} label={t('source')} required problems={error?.problemsFor('source')}>
        {(aria) => <input {...aria} value={source} onInput={(e) => setSource(e.currentTarget.value)} />}
      </Field>
      <Field id={id('note')} label={t('note')} problems={error?.problemsFor('note')}>
        {(aria) => <input {...aria} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <Field
        id={id('reason')}
        label={t('reason')}
        hint={t('reasonHint')}
        required
        messages={local.reason}
        problems={error?.problemsFor('reason')}
      >
        {(aria) => <input {...aria} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function DeleteForm(props: { observation: ObservationView; onCancel: () => void; onDone: () => void }) {
  const { t } = useApp();
  const o = props.observation;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await api.delete(withQuery(`/api/observations/${o.id}`, { reason }));
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form form-inline-panel" onSubmit={submit} noValidate>
      <h3 class="panel-title">{t('deleteTitle', { year: o.year })}</h3>
      {error && <ErrorMessage error={error} />}
      <Field
        id={`delete-${o.id}-reason`}
        label={t('reason')}
        hint={t('reasonHint')}
        required
        messages={missing ? [t('reasonRequired')] : undefined}
        problems={error?.problemsFor('reason')}
      >
        {(aria) => <input {...aria} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <div class="buttons">
        <button type="submit" class="danger" disabled={busy}>
          {t('deleteConfirm')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
