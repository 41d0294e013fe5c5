/**
 * 谁查看了我的数据 (#/portal/data-access), issue 7 §2: the resident's data tracker — each logged staff
 * read of their data, newest first: when, who (role, office or department, name), what and why.
 * A list rather than a table, so it reads on a 375 px phone and in elder mode; paged.
 */
import { useState } from 'preact/hooks';
import type { DataAccessPage as Page } from '../../../domain/identity/personal-data.ts';
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { useApi } from '../../use-api.ts';
import { useDocumentTitle } from '../../use-document-title.ts';
import { ErrorMessage, Loading } from '../error-message.tsx';

const PAGE = 20;

export function DataAccessPage() {
  const { t, lang, pick } = useApp();
  useDocumentTitle(t('daTitle'));
  const [offset, setOffset] = useState(0);
  const page = useApi<Page>(`/api/my/data-access?offset=${offset}&limit=${PAGE}`);
  const data = page.data;
  return (
    <div class="portal">
      <p class="pt-back">
        <a href="#/portal">{t('daBack')}</a>
      </p>
      <h1>{t('daTitle')}</h1>
      <p class="intro">{t('daIntro')}</p>
      {page.error && <ErrorMessage error={page.error} onRetry={page.reload} />}
      {page.loading && !data && <Loading />}
      {data && (
        <section class="card pt-section" aria-labelledby="da-list-h">
          <h2 id="da-list-h">{t('daTotal', { n: String(data.total) })}</h2>
          {data.items.length === 0 ? (
            <p class="muted">{t('daEmpty')}</p>
          ) : (
            <ol class="pt-notices" data-testid="da-items">
              {data.items.map((r, k) => (
                <li key={`${r.at}-${k}`} class="pt-notice">
                  <h3>{pick(r.whatLabel)}</h3>
                  <dl class="da-entry">
                    <dt>{t('daWhen')}</dt>
                    <dd>
                      <time dateTime={r.at}>{formatDateTime(r.at, lang)}</time>
                    </dd>
                    <dt>{t('daWho')}</dt>
                    <dd>
                      {[r.reader.unit && pick(r.reader.unit), pick(r.reader.roleLabel), r.reader.displayName]
                        .filter(Boolean)
                        .join(' · ')}
                    </dd>
                    <dt>{t('daPurpose')}</dt>
                    <dd>{r.purpose}</dd>
                    {r.entityId && (
                      <>
                        <dt>{t('daWhat')}</dt>
                        <dd>{r.entityId}</dd>
                      </>
                    )}
                  </dl>
                </li>
              ))}
            </ol>
          )}
          {(data.offset > 0 || data.offset + data.items.length < data.total) && (
            <p class="pt-notice-meta">
              {data.offset > 0 && (
                <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('daNewer')}
                </button>
              )}
              {data.offset + data.items.length < data.total && (
                <button type="button" onClick={() => setOffset(offset + PAGE)}>
                  {t('daOlder')}
                </button>
              )}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
