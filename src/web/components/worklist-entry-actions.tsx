/**
 * The two buttons on a work-list entry (issue 6 §2): tell the person ("发送告知": you may be entitled /
 * may no longer qualify), or open a proactive case for them ("转为办件"). Each shows what happened —
 * and that nothing was sent or opened twice when it had been done before.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage } from './error-message.tsx';

interface NoticeResult {
  created: number;
  alreadySent: number;
}

interface CaseResult {
  created: boolean;
  case: { id: string; officeCode: string };
}

export function WorklistEntryActions(props: {
  snapshotId: number;
  personIndex: number;
  serviceCode: string;
  serviceName: string;
}) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const base = `/api/entitlements/matching/snapshots/${props.snapshotId}/worklist`;
  const body = { serviceCode: props.serviceCode, personIndex: props.personIndex };

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  const notify = () =>
    run(async () => {
      const r = await api.post<NoticeResult>(`${base}/notices`, body);
      return r.created > 0 ? t('wlNoticeSent') : t('wlNoticeAlreadySent');
    });

  const openCase = () =>
    run(async () => {
      const r = await api.post<CaseResult>(`${base}/cases`, body);
      return t(r.created ? 'wlCaseOpened' : 'wlCaseExists', { id: r.case.id, office: r.case.officeCode });
    });

  return (
    <div
      class="wl-entry-actions"
      role="group"
      aria-label={t('wlEntryActions', { service: props.serviceName })}
      data-testid={`wl-actions-${props.serviceCode}`}
    >
      <div class="actions">
        <button type="button" disabled={busy} onClick={notify}>
          {t('wlSendNotice')}
        </button>
        <button type="button" disabled={busy} onClick={openCase}>
          {t('wlOpenCase')}
        </button>
      </div>
      {message && (
        <p class="message message-ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
