/**
 * 开始办事: the catalog's services that are applied for, searchable by name, each a link to its
 * application form; and the ways to find out first (the self-check, services nearby).
 */
import { useState } from 'preact/hooks';
import type { CatalogSummary } from '../../../domain/entitlements/views.ts';
import { useApp } from '../../app-context.ts';
import { href } from '../../router.ts';

export function matchesQuery(s: Pick<CatalogSummary, 'name' | 'nameEn' | 'code'>, q: string): boolean {
  const query = q.trim().toLowerCase();
  if (query === '') return true;
  return (
    s.name.toLowerCase().includes(query) ||
    s.nameEn.toLowerCase().includes(query) ||
    s.code.toLowerCase().includes(query)
  );
}

export function ServiceStart({ services }: { services: CatalogSummary[] }) {
  const { t, lang } = useApp();
  const [q, setQ] = useState('');
  // Services open to all (no application) are not applied for.
  const list = services.filter((s) => s.applicationNeeded && matchesQuery(s, q));
  return (
    <>
      <ul class="pt-links">
        <li>
          <a href="#/self-check">{t('ptSelfCheckLink')}</a>
        </li>
        <li>
          <a href="#/nearby">{t('ptNearbyLink')}</a>
        </li>
      </ul>
      <div class="field">
        <label for="pt-service-q">{t('ptSearchServices')}</label>
        <input
          id="pt-service-q"
          type="search"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          aria-describedby="pt-service-count"
        />
      </div>
      <p id="pt-service-count" class="hint" role="status">
        {t('ptServiceCount', { n: list.length })}
      </p>
      <ul class="pt-services">
        {list.map((s) => (
          <li key={s.code}>
            <a href={href(`/portal/apply/${encodeURIComponent(s.code)}`)}>
              {lang === 'zh' ? s.name : s.nameEn}
            </a>{' '}
            <span class="muted small">{s.leadDepartment}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
