/** The catalog list's filters: area, the national standard's category, and a name search (all kept in the route's query). */
import { useState } from 'preact/hooks';
import { NINE_AREAS } from '../../../domain/entitlements/catalog.schema.ts';
import { AREA_LABELS } from '../../../domain/entitlements/labels.ts';
import type { CatalogSummary } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import type { Route } from '../../router.ts';
import { replaceQuery } from '../../router.ts';
import { useApi } from '../../use-api.ts';

export function CatalogFilters({ route }: { route: Route }) {
  const { t, pick } = useEntitlementsUi();
  const area = route.query.get('area') ?? '';
  const category = route.query.get('category') ?? '';
  const [search, setSearch] = useState(route.query.get('q') ?? '');
  // The category choices come from the whole catalog, so choosing one does not hide the others.
  const all = useApi<CatalogSummary[]>('/api/catalog');
  const categories = [...new Map((all.data ?? []).map((s) => [s.categoryNo, s.category])).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        replaceQuery(route, { q: search.trim() });
      }}
    >
      <p>
        <label for="cat-area">{t('catArea')}</label>{' '}
        <select
          id="cat-area"
          value={area}
          onChange={(e) => replaceQuery(route, { area: (e.target as HTMLSelectElement).value })}
        >
          <option value="">{t('catAllAreas')}</option>
          {NINE_AREAS.map((a) => (
            <option key={a} value={a}>
              {pick(AREA_LABELS[a])}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="cat-category">{t('catCategory')}</label>{' '}
        <select
          id="cat-category"
          value={category}
          onChange={(e) => replaceQuery(route, { category: (e.target as HTMLSelectElement).value })}
        >
          <option value="">{t('catAllCategories')}</option>
          {categories.map(([no, name]) => (
            <option key={no} value={String(no)}>
              {no}. {name}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="cat-q">{t('catSearch')}</label>{' '}
        <input
          id="cat-q"
          type="search"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{t('catSearchButton')}</button>
      </p>
    </form>
  );
}
