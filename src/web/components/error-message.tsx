/** An API error in the reader's language, announced to screen readers. */
import type { ApiError } from '../api.ts';
import { useApp } from '../app-context.ts';

export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { lang, t } = useApp();
  return (
    <div class="message message-error" role="alert">
      <p>{lang === 'zh' ? error.zh : error.en}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}
