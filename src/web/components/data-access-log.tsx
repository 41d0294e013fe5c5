/**
 * The access log on the admin page (admins and auditors, issue 7 §2): every logged staff read of a
 * person's data — when, whose (resident account or registered person), who read it, what and why —
 * newest first, narrowed by subject or reader, paged.
 */
import { useState } from 'preact/hooks';
import type { DataAccessLogPage } from '../../domain/identity/personal-data.ts';
import { useApp } from '../app-context.ts';
import { formatDateTime } from '../format.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage, Loading } from './error-message.tsx';

const PAGE = 50;

interface Filter {
  subjectUserId: string;
  subjectPersonId: string;
  readerId: string;
}

const EMPTY: Filter = { subjectUserId: '', subjectPersonId: '', readerId: '' };

function queryOf(f: Filter, offset: number): string {
  const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  return q.toString();
}

export function DataAccessLog() {
  const { t, lang, pick } = useApp();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [offset, setOffset] = useState(0);
  const log = useApi<DataAccessLogPage>(`/api/audit/data-access?${queryOf(filter, offset)}`);
  const data = log.data;
  const field = (name: keyof Filter, label: string) => (
    <label>
      {label}
      <input
        name={name}
        value={draft[name]}
        onInput={(e) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value })}
      />
    </label>
  );
  return (
    <section aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">{t('accessLogTitle')}</h2>
      <p>{t('accessLogIntro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        {field('subjectUserId', t('accessLogSubjectUser'))}
        {field('subjectPersonId', t('accessLogSubjectPerson'))}
        {field('readerId', t('accessLogReader'))}
        <button type="submit">{t('accessLogFilter')}</button>
      </form>
      {log.error && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {log.loading && !data && <Loading />}
      {data && (
        <>
          <p role="status">{t('daTotal', { n: String(data.total) })}</p>
          {data.items.length > 0 && (
            <div class="table-wrap" role="region" aria-labelledby="access-log-heading" tabIndex={0}>
              <table class="audit" data-testid="access-log">
                <thead>
                  <tr>
                    <th scope="col">{t('daWhen')}</th>
                    <th scope="col">{t('accessLogWhose')}</th>
                    <th scope="col">{t('daWho')}</th>
                    <th scope="col">{t('daWhat')}</th>
                    <th scope="col">{t('daPurpose')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{formatDateTime(r.at, lang)}</th>
                      <td>
                        {[r.subject.userId === null ? null : `#${r.subject.userId}`, r.subject.personId]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td>
                        {[
                          `${r.reader.displayName} (#${r.readerId})`,
                          pick(r.reader.roleLabel),
                          r.reader.unit && pick(r.reader.unit),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td>
                        {pick(r.whatLabel)}
                        {r.entityId ? ` ${r.entityId}` : ''}
                      </td>
                      <td>{r.purpose}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            {offset > 0 && (
              <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('daNewer')}
              </button>
            )}
            {offset + data.items.length < data.total && (
              <button type="button" onClick={() => setOffset(offset + PAGE)}>
                {t('daOlder')}
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
