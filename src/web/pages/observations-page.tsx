/** Enter one figure or judgement, or import a file of them. */
import { useApp } from '../app-context.ts';
import { EntryForm } from '../components/entry-form.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { ImportForm } from '../components/import-form.tsx';
import { canWriteAny } from '../permissions.ts';
import type { Route } from '../router.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useIndicators } from '../use-indicators.ts';

export function ObservationsPage({ route }: { route: Route }) {
  const { t, user } = useApp();
  useDocumentTitle(t('entryTitle'));
  const indicators = useIndicators();
  const y = Number(route.query.get('year'));
  const initial = {
    indicator: route.query.get('indicator') ?? undefined,
    area: route.query.get('area') ?? undefined,
    year: Number.isInteger(y) && y > 0 ? y : undefined,
  };
  return (
    <>
      <h1>{t('entryTitle')}</h1>
      {!canWriteAny(user) && (
        <p class="message message-error" role="alert">
          {t('readOnlyUser')}
        </p>
      )}
      {indicators.error && <ErrorMessage error={indicators.error} onRetry={indicators.reload} />}
      {!indicators.data && !indicators.error && <Loading />}
      {indicators.data && canWriteAny(user) && (
        <div class="two-columns">
          <EntryForm key={route.query.toString()} indicators={indicators.data.rows} initial={initial} />
          <ImportForm />
        </div>
      )}
    </>
  );
}
