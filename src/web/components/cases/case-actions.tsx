/**
 * What the viewer may do with a case: one button per action the server lists in `allowedActions`
 * (nothing else is ever shown), a small form with a required reason for the actions whose definition
 * says reasonRequired, and reassignment to another office. Every request names the revision the page
 * shows; a 409 (someone acted first) goes to the page, which reloads the case and says so.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseAction } from '../../../domain/cases/case-machine-definition.ts';
import { OPEN_STATES } from '../../../domain/cases/case-machine-definition.ts';
import type { ApiError } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { ErrorMessage } from '../error-message.tsx';
import { Field } from '../field.tsx';
import { actionNeedsReason, actionText, officeOptions, stateText } from './case-format.ts';
import type { CaseDetailView, CaseSummary } from './case-types.ts';

type Open = CaseAction | 'reassign' | null;

export function CaseActions(props: {
  detail: CaseDetailView;
  /** After a successful action: the text to announce. */
  onDone: (message: string) => void;
  /** A 409: the page reloads the case and shows the alert. */
  onConflict: (error: ApiError) => void;
}) {
  const { t, lang, user, meta } = useApp();
  const c = props.detail;
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState('');
  const [office, setOffice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const firstField = useRef<HTMLTextAreaElement & HTMLSelectElement>(null);

  // A new revision (after an action or a reload) closes any open form: it was for the old state.
  useEffect(() => {
    setOpen(null);
    setReason('');
    setOffice('');
    setError(null);
  }, [c.revision]);
  useEffect(() => {
    if (open !== null) firstField.current?.focus();
  }, [open]);

  const fail = (err: unknown) => {
    const e = asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') });
    if (e.status === 409) props.onConflict(e);
    else setError(e);
  };
  const send = async (action: CaseAction, withReason: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const after = await api.post<CaseSummary>(`/api/cases/${encodeURIComponent(c.id)}/actions/${action}`, {
        reason: withReason,
        expectedRevision: c.revision,
      });
      props.onDone(
        t('cwActionDone', { action: actionText(action, lang), state: stateText(after.state, lang) }),
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const reassign = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const after = await api.post<CaseSummary>(`/api/cases/${encodeURIComponent(c.id)}/reassign`, {
        officeCode: office,
        reason,
        expectedRevision: c.revision,
      });
      const to = officeOptions(meta.areas).find((o) => o.code === after.officeCode);
      props.onDone(
        t('cwReassigned', { office: to ? (lang === 'zh' ? to.name : to.nameEn) : after.officeCode }),
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const click = (action: CaseAction) => {
    setError(null);
    if (actionNeedsReason(action)) {
      setReason('');
      setOpen(action);
    } else void send(action, null);
  };

  // The server shows staff only the cases of their office (or accepted there): reading it is the check.
  const worksHere = user.role === 'caseWorker' || user.role === 'supervisor';
  const mayReassign =
    worksHere && ((OPEN_STATES as readonly string[]).includes(c.state) || c.state === 'approvedOnPledge');
  const reasonProblems = error?.problemsFor('reason') ?? [];
  const officeProblems = error?.problemsFor('officeCode') ?? [];
  const otherError = error && reasonProblems.length === 0 && officeProblems.length === 0 ? error : null;

  return (
    <section class="case-actions" aria-labelledby="cw-actions-heading" data-testid="cw-actions">
      <h2 id="cw-actions-heading">{t('cwActions')}</h2>
      {c.allowedActions.length === 0 && !mayReassign ? (
        <p data-testid="cw-no-actions">{t('cwNoActions')}</p>
      ) : (
        <div class="buttons">
          {c.allowedActions.map((a) => (
            <button
              key={a}
              type="button"
              data-testid={`cw-action-${a}`}
              aria-expanded={actionNeedsReason(a) ? open === a : undefined}
              disabled={busy}
              onClick={() => click(a)}
            >
              {actionText(a, lang)}
            </button>
          ))}
          {mayReassign && (
            <button
              type="button"
              class="secondary"
              data-testid="cw-action-reassign"
              aria-expanded={open === 'reassign'}
              disabled={busy}
              onClick={() => {
                setError(null);
                setReason('');
                setOpen('reassign');
              }}
            >
              {t('cwReassign')}
            </button>
          )}
        </div>
      )}
      {open !== null && open !== 'reassign' && (
        <form
          class="form form-inline-panel case-reason-form"
          aria-labelledby="cw-reason-heading"
          data-testid="cw-reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(open, reason);
          }}
        >
          <h3 id="cw-reason-heading">{actionText(open, lang)}</h3>
          <Field
            id="cw-reason"
            label={t('cwReasonLabel')}
            hint={t('cwReasonHint')}
            required
            problems={reasonProblems}
          >
            {(aria) => (
              // The server checks the reason and its error is shown here: no browser-side blocking.
              <textarea
                {...aria}
                required={undefined}
                aria-required="true"
                ref={firstField}
                rows={3}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="buttons">
            <button type="submit" class="primary" disabled={busy} data-testid="cw-action-submit">
              {busy ? t('cwSending') : t('cwConfirm', { action: actionText(open, lang) })}
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'reassign' && (
        <form
          class="form form-inline-panel case-reason-form"
          aria-labelledby="cw-reassign-heading"
          data-testid="cw-reassign-form"
          onSubmit={reassign}
        >
          <h3 id="cw-reassign-heading">{t('cwReassign')}</h3>
          <Field id="cw-reassign-office" label={t('cwReassignTo')} required problems={officeProblems}>
            {(aria) => (
              <select
                {...aria}
                required={undefined}
                aria-required="true"
                ref={firstField}
                value={office}
                onChange={(e) => setOffice(e.currentTarget.value)}
              >
                <option value="">{t('cwChooseOffice')}</option>
                {officeOptions(meta.areas)
                  .filter((o) => o.code !== c.officeCode)
                  .map((o) => (
                    <option key={o.code} value={o.code}>
                      {lang === 'zh' ? o.name : o.nameEn}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field
            id="cw-reason"
            label={t('cwReasonLabel')}
            hint={t('cwReasonHint')}
            required
            problems={reasonProblems}
          >
            {(aria) => (
              <textarea
                {...aria}
                required={undefined}
                aria-required="true"
                rows={3}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="buttons">
            <button type="submit" class="primary" disabled={busy} data-testid="cw-action-submit">
              {busy ? t('cwSending') : t('cwReassignConfirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {otherError && <ErrorMessage error={otherError} />}
    </section>
  );
}
