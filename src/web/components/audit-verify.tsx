/**
 * The audit log's chain check on the admin page: one button runs GET /api/audit/verify and shows the
 * head hash to note down elsewhere, or the first broken entry and why.
 */
import { useState } from 'preact/hooks';
import type { AuditVerifyView } from '../../domain/audit/views.ts';
import { ApiError, api } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage, Loading } from './error-message.tsx';
import { formatNumber } from '../format.ts';

export function AuditVerify() {
  const { t, lang, pick } = useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.get<AuditVerifyView>('/api/audit/verify'));
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  const entries = formatNumber(result?.entries ?? 0, lang);
  return (
    <div class="audit-verify">
      <p>{t('auditVerifyIntro')}</p>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {t('auditVerifyRun')}
      </button>
      {busy && <Loading />}
      {result?.ok && (
        <div class="message message-ok" role="status" data-testid="audit-verify-result">
          <p>{t('auditVerifyOk', { entries })}</p>
          {result.linkedNow > 0 && (
            <p>{t('auditVerifyLinked', { count: formatNumber(result.linkedNow, lang) })}</p>
          )}
          <p>
            {t('auditVerifyHead')}{' '}
            <code class="hash" style={{ wordBreak: 'break-all' }}>
              {result.head}
            </code>
          </p>
        </div>
      )}
      {result && !result.ok && result.broken && (
        <div class="message message-error" role="alert" data-testid="audit-verify-result">
          <p>
            <strong>{t('auditVerifyBroken', { entries })}</strong>
          </p>
          <p>{pick(result.broken)}</p>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
