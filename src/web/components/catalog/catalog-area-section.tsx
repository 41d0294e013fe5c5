/** One of the nine areas in the catalog list: its services by category, each linking to its page. */
import type { ServiceArea } from '../../../domain/entitlements/catalog.schema.ts';
import { AREA_LABELS } from '../../../domain/entitlements/labels.ts';
import type { CatalogSummary } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';

export function CatalogAreaSection({ area, items }: { area: ServiceArea; items: CatalogSummary[] }) {
  const { pick } = useEntitlementsUi();
  const categories = [...new Map(items.map((s) => [s.categoryNo, s.category])).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  return (
    <section class="catalog-area" aria-labelledby={`cat-${area}`}>
      <h2 id={`cat-${area}`}>{pick(AREA_LABELS[area])}</h2>
      {categories.map(([no, name]) => (
        <CategoryTable key={no} title={`${no}. ${name}`} items={items.filter((s) => s.categoryNo === no)} />
      ))}
    </section>
  );
}

/** One category's services: code, name (linking to the service), beneficiary, lead, rule dates. */
function CategoryTable({ title, items }: { title: string; items: CatalogSummary[] }) {
  const { t, lang } = useEntitlementsUi();
  return (
    <div class="catalog-category">
      <h3>{title}</h3>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('catCode')}</th>
            <th scope="col">{t('catName')}</th>
            <th scope="col">{t('catBeneficiary')}</th>
            <th scope="col">{t('catLead')}</th>
            <th scope="col">{t('catRuleFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.code}>
              <td>{s.code}</td>
              <td>
                <a href={`#/catalog/${encodeURIComponent(s.code)}`}>{lang === 'zh' ? s.name : s.nameEn}</a>
              </td>
              <td>{s.beneficiary}</td>
              <td>{s.leadDepartment}</td>
              <td>
                {s.ruleFrom ?? '—'}
                {s.futureRule && (
                  <span class="tag tag-future"> {t('catFutureFrom', { date: s.futureRule })}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
