/** The revisions of a service and its parameters: when, who, what and why (the previous text is kept). */
import type { CatalogItem } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { formatDateTime } from '../../format.ts';

export function CatalogHistory({ item }: { item: CatalogItem }) {
  const { t, lang } = useEntitlementsUi();
  return (
    <section aria-labelledby="cat-history-h">
      <h2 id="cat-history-h">{t('catHistory')}</h2>
      <ol class="history">
        {item.history.map((h) => (
          <li key={h.id}>
            {formatDateTime(h.changedAt, lang)} · {h.changedBy} ·{' '}
            {h.tableName === 'catalog_parameters' ? h.rowKey : item.service.code}{' '}
            {t('catRevision', { n: h.revision })} · {h.reason}
          </li>
        ))}
      </ol>
    </section>
  );
}
