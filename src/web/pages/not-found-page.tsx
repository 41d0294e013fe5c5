/** Any hash that names no screen. */
import { useApp } from '../app-context.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function NotFoundPage() {
  const { t } = useApp();
  useDocumentTitle(t('notFoundTitle'));
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <a href="#/">{t('backToBoard')}</a>
      </p>
    </>
  );
}
