/**
 * What the applicant may do on their case, from the case's `allowedActions` only: withdraw (asked to
 * confirm first), answer a supplement request (files first, then a short note, then the action), and
 * appeal a decision (with the reason). Every action names the revision the resident saw; a 409 means
 * the case moved meanwhile: the page reloads it and says so.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import type { CaseDetailView } from '../cases/case-types.ts';
import { ACCEPT_ATTRIBUTE, fileProblem } from './apply-model.ts';
import { uploadAttachment } from './upload.ts';

export interface ActionOutcome {
  /** What to announce. */
  message: string;
  /** The case changed under the resident (409): reloaded, said as an alert. */
  conflict: boolean;
}

export function ResidentActions(props: { c: CaseDetailView; onDone: (outcome: ActionOutcome) => void }) {
  const { t } = useApp();
  const allowed = props.c.allowedActions;
  const shown = allowed.filter((a) => a === 'withdraw' || a === 'answerSupplement' || a === 'appeal');
  if (shown.length === 0) return null;
  return (
    <section class="card pt-actions" aria-labelledby="pt-actions-h">
      <h2 id="pt-actions-h">{t('ptActionsTitle')}</h2>
      {allowed.includes('answerSupplement') && <AnswerSupplement c={props.c} onDone={props.onDone} />}
      {allowed.includes('appeal') && <Appeal c={props.c} onDone={props.onDone} />}
      {allowed.includes('withdraw') && <Withdraw c={props.c} onDone={props.onDone} />}
    </section>
  );
}

/** Take `action` naming the revision seen; a 409 is reported as a conflict (the page reloads). */
async function act(
  c: CaseDetailView,
  action: string,
  reason: string | null,
): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  try {
    await api.post(`/api/cases/${encodeURIComponent(c.id)}/actions/${action}`, {
      reason: reason && reason.trim() !== '' ? reason.trim() : null,
      expectedRevision: c.revision,
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, error: asApiError(err, { zh: String(err), en: String(err) }) };
  }
}

function useActing(props: { onDone: (o: ActionOutcome) => void }) {
  const { t, pick } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<{ ok: true } | { ok: false; error: ApiError }>, done: string) => {
    setBusy(true);
    setError(null);
    const r = await work();
    setBusy(false);
    if (r.ok) props.onDone({ message: done, conflict: false });
    else if (r.error.status === 409)
      props.onDone({ message: `${t('ptConflict')} ${pick(r.error)}`, conflict: true });
    else setError(pick(r.error));
  };
  return { busy, error, run };
}

function Withdraw(props: { c: CaseDetailView; onDone: (o: ActionOutcome) => void }) {
  const { t } = useApp();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useActing(props);
  return (
    <div class="pt-action pt-withdraw">
      <h3>{t('ptWithdrawTitle')}</h3>
      {!confirming ? (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('ptWithdraw')}
        </button>
      ) : (
        <div role="group" aria-labelledby="pt-withdraw-q" class="pt-confirm">
          <p id="pt-withdraw-q">
            <strong>{t('ptWithdrawConfirmQ')}</strong>
          </p>
          <button
            type="button"
            class="danger"
            disabled={busy}
            onClick={() => void run(() => act(props.c, 'withdraw', null), t('ptWithdrawn'))}
          >
            {t('ptWithdrawConfirm')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
            {t('ptKeep')}
          </button>
        </div>
      )}
      {error && (
        <p class="message message-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function AnswerSupplement(props: { c: CaseDetailView; onDone: (o: ActionOutcome) => void }) {
  const { t, pick } = useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const { busy, error, run } = useActing(props);
  const choose = (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    const bad = chosen.map((f) => ({ f, p: fileProblem(f) })).find((x) => x.p !== null);
    setFileError(
      bad
        ? `${bad.f.name}：${t(bad.p === 'type' ? 'ptFileType' : bad.p === 'size' ? 'ptFileSize' : 'ptFileEmpty')}`
        : null,
    );
    setFiles(chosen);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (fileError) {
      document.getElementById('pt-supplement-files')?.focus();
      return;
    }
    void run(async () => {
      // Files first: the answer moves the case on, after which the case worker reads what came with it.
      for (const f of files) {
        try {
          await uploadAttachment(props.c.id, f, null);
        } catch (err) {
          const ae = asApiError(err, { zh: String(err), en: String(err) });
          setFileError(`${f.name}：${pick(ae)}`);
          return { ok: false, error: ae };
        }
      }
      return act(props.c, 'answerSupplement', note);
    }, t('ptSupplementSent'));
  };
  return (
    <form class="pt-action pt-supplement" onSubmit={submit} noValidate aria-labelledby="pt-supplement-h">
      <h3 id="pt-supplement-h">{t('ptSupplementTitle')}</h3>
      <div class={`field${fileError ? ' field-invalid' : ''}`}>
        <label for="pt-supplement-files">{t('ptSupplementFiles')}</label>
        <p id="pt-supplement-files-hint" class="hint">
          {t('ptFileHint')}
        </p>
        <input
          id="pt-supplement-files"
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          aria-describedby={`pt-supplement-files-hint${fileError ? ' pt-supplement-files-error' : ''}`}
          aria-invalid={fileError ? true : undefined}
          onChange={(e) => choose(e.currentTarget.files)}
        />
        {fileError && (
          <p id="pt-supplement-files-error" class="field-errors" role="alert">
            {fileError}
          </p>
        )}
      </div>
      <div class="field">
        <label for="pt-supplement-note">
          {t('ptSupplementNote')}
          <span class="muted">{t('optional')}</span>
        </label>
        <textarea
          id="pt-supplement-note"
          rows={3}
          maxLength={2000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      {error && error !== fileError && (
        <p class="message message-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('ptSupplementSubmit')}
      </button>
    </form>
  );
}

function Appeal(props: { c: CaseDetailView; onDone: (o: ActionOutcome) => void }) {
  const { t } = useApp();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useActing(props);
  const submit = (e: Event) => {
    e.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      document.getElementById('pt-appeal-reason')?.focus();
      return;
    }
    void run(() => act(props.c, 'appeal', reason), t('ptAppealed'));
  };
  return (
    <form class="pt-action pt-appeal" onSubmit={submit} noValidate aria-labelledby="pt-appeal-h">
      <h3 id="pt-appeal-h">{t('ptAppealTitle')}</h3>
      <div class={`field${missing ? ' field-invalid' : ''}`}>
        <label for="pt-appeal-reason">
          {t('ptAppealReason')}
          <span class="muted">{t('required')}</span>
        </label>
        <textarea
          id="pt-appeal-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          required
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? 'pt-appeal-reason-error' : undefined}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p id="pt-appeal-reason-error" class="field-errors" role="alert">
            {t('ptAppealReasonNeeded')}
          </p>
        )}
      </div>
      {error && (
        <p class="message message-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('ptAppeal')}
      </button>
    </form>
  );
}
