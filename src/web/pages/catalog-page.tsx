/**
 * 基本公共服务清单 (#/catalog): the services by the nine areas and the national standard's
 * categories, searchable by name. One service (#/catalog/S-5-01): every field, where each came
 * from (an assumption is marked as such), the rule in force read as Chinese sentences, the rule's
 * versions on a timeline (in force and waiting versions marked), the parameters with their dated
 * values, the revision history, and for admins and the service's sector the forms to add a rule
 * version from a date and a dated parameter value. Reading needs no account. The parts are in
 * components/catalog/.
 */
import { NINE_AREAS } from '../../domain/entitlements/catalog.schema.ts';
import { sectorsOfService } from '../../domain/entitlements/service-sectors.ts';
import type { CatalogItem, CatalogSummary } from '../../domain/entitlements/views.ts';
import type { UserView } from '../../domain/plan/views.ts';
import { withQuery } from '../api.ts';
import { CatalogAreaSection } from '../components/catalog/catalog-area-section.tsx';
import { CatalogFilters } from '../components/catalog/catalog-filters.tsx';
import { CatalogHistory } from '../components/catalog/catalog-history.tsx';
import { CatalogLoading, CatalogProblem } from '../components/catalog/catalog-problem.tsx';
import { ParameterValueForm } from '../components/catalog/parameter-value-form.tsx';
import { ParameterValues } from '../components/catalog/parameter-values.tsx';
import { RuleTimeline } from '../components/catalog/rule-timeline.tsx';
import { RuleVersionForm } from '../components/catalog/rule-version-form.tsx';
import { ServiceDetail } from '../components/catalog/service-detail.tsx';
import { ServiceFieldsForm } from '../components/catalog/service-fields-form.tsx';
import { EntitlementsNav } from '../components/entitlements-nav.tsx';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** The same rule as the server's (catalog-policy.ts): admins, and officers of the service's sector. */
function canEdit(user: UserView | null, item: CatalogItem): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return (
    user.role === 'departmentOfficer' &&
    user.sector !== null &&
    (sectorsOfService(item.service) as string[]).includes(user.sector)
  );
}

export function CatalogPage({ route }: { route: Route }) {
  const { t } = useEntitlementsUi();
  useDocumentTitle(t('catTitle'));
  const list = useApi<CatalogSummary[]>(
    withQuery('/api/catalog', {
      area: route.query.get('area') || undefined,
      category: route.query.get('category') || undefined,
      q: route.query.get('q') || undefined,
    }),
  );
  const items = list.data ?? [];
  return (
    <div class="catalog">
      <EntitlementsNav current="catalog" />
      <h1>{t('catTitle')}</h1>
      <p class="intro">{t('catIntro')}</p>
      <CatalogFilters route={route} />
      {list.error && <CatalogProblem error={list.error} />}
      {list.loading && !list.data && <CatalogLoading />}
      {list.data && items.length === 0 && <p>{t('catNoneFound')}</p>}
      {NINE_AREAS.filter((a) => items.some((s) => s.area === a)).map((a) => (
        <CatalogAreaSection key={a} area={a} items={items.filter((s) => s.area === a)} />
      ))}
    </div>
  );
}

export function CatalogItemPage({ code }: { code: string }) {
  const { t, user } = useEntitlementsUi();
  const item = useApi<CatalogItem>(`/api/catalog/${encodeURIComponent(code)}`);
  const d = item.data;
  useDocumentTitle(d ? d.service.name : t('catTitle'));
  if (item.error) return <CatalogProblem error={item.error} />;
  if (!d) return <CatalogLoading />;
  return (
    <div class="catalog-item">
      <EntitlementsNav current="catalog" />
      <p>
        <a href="#/catalog">{t('catBack')}</a>
      </p>
      <ServiceDetail item={d} />
      <RuleTimeline rules={d.rules} parameters={d.parameters} />
      <ParameterValues parameters={d.parameters} today={d.today} />
      {canEdit(user, d) && (
        <section aria-labelledby="cat-edit-h" class="catalog-edit">
          <h2 id="cat-edit-h">{t('catEdit')}</h2>
          <ServiceFieldsForm item={d} onSaved={item.reload} />
          <RuleVersionForm item={d} onSaved={item.reload} />
          {d.parameters.length > 0 && <ParameterValueForm item={d} onSaved={item.reload} />}
        </section>
      )}
      <CatalogHistory item={d} />
    </div>
  );
}
