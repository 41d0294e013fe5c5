/**
 * 我的消息 on the portal home: the resident's notices, unread first, each with a button to mark it
 * read. Marking is announced; a failure says so and leaves the notice unread.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { href } from '../../router.ts';
import { ErrorMessage } from '../error-message.tsx';
import type { NoticesView } from './case-model.ts';
import { noticeList, noticesInReadingOrder } from './case-model.ts';

export function MyNotices(props: { notices: NoticesView; onChanged: () => void }) {
  const { t, lang, pick } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState('');
  const markRead = async (id: string | number) => {
    setError(null);
    try {
      await api.post(`/api/my/notices/${encodeURIComponent(String(id))}/read`);
      setSaid(t('ptNoticeMarked'));
      props.onChanged();
    } catch (err) {
      setError(asApiError(err, { zh: String(err), en: String(err) }));
    }
  };
  const items = noticesInReadingOrder(noticeList(props.notices));
  return (
    <>
      <p class="pt-unread">{t('ptUnread', { n: props.notices.unread })}</p>
      {error && <ErrorMessage error={error} />}
      <p class="visually-hidden" role="status">
        {said}
      </p>
      {items.length === 0 ? (
        <p class="muted">{t('ptNoNotices')}</p>
      ) : (
        <ul class="pt-notices" data-testid="pt-notices">
          {items.map((n) => (
            <li key={n.id} class={`pt-notice${n.readAt === null ? ' pt-notice-unread' : ''}`}>
              <h3>
                {n.readAt === null && <span class="pt-badge">{t('ptUnreadTag')}</span>} {pick(n.title)}
              </h3>
              <p>{pick(n.body)}</p>
              <p class="pt-notice-meta">
                <span>{formatDateTime(n.createdAt, lang)}</span>
                {n.caseId ? (
                  <a href={href(`/portal/cases/${encodeURIComponent(n.caseId)}`)}>
                    {t('ptOpenCase', { id: n.caseId })}
                  </a>
                ) : (
                  n.serviceCode && (
                    <a href={href(`/portal/apply/${encodeURIComponent(n.serviceCode)}`)}>{t('ptApplyNow')}</a>
                  )
                )}
                {n.readAt === null && (
                  <button
                    type="button"
                    onClick={() => void markRead(n.id)}
                    aria-label={t('ptMarkReadOne', { title: pick(n.title) })}
                  >
                    {t('ptMarkRead')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
