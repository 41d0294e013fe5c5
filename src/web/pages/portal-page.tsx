/**
 * 我的办事 (#/portal), the resident's home (issue 6 §1, §4): my applications with their state and
 * deadline (a badge where I must act), my messages (unread first), what the government already holds
 * about me (示例 when synthetic), and where to start — services to apply for, the self-check and
 * services nearby. One column on a phone and in elder mode.
 */
import type { CatalogSummary } from '../../domain/entitlements/views.ts';
import { useApp } from '../app-context.ts';
import type { CaseSummary } from '../components/cases/case-types.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import type { NoticesView, ProfileView } from '../components/portal/case-model.ts';
import { HeldFacts } from '../components/portal/held-facts.tsx';
import { MyCases } from '../components/portal/my-cases.tsx';
import { MyNotices } from '../components/portal/my-notices.tsx';
import { ServiceStart } from '../components/portal/service-start.tsx';
import type { Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function PortalHomePage(_props: { route: Route }) {
  const { t, lang, user } = useApp();
  useDocumentTitle(t('portalTitle'));
  const cases = useApi<CaseSummary[]>('/api/my/cases');
  const catalog = useApi<CatalogSummary[]>('/api/catalog');
  const notices = useApi<NoticesView>('/api/my/notices');
  const profile = useApi<ProfileView>('/api/my/profile');
  const serviceName = (code: string) => {
    const s = catalog.data?.find((x) => x.code === code);
    return s ? (lang === 'zh' ? s.name : s.nameEn) : code;
  };
  return (
    <div class="portal">
      <h1>{t('portalTitle')}</h1>
      <p class="intro">{t('ptWelcome', { name: user.displayName })}</p>
      <div class="pt-grid">
        <section class="card pt-section" aria-labelledby="pt-cases-h">
          <h2 id="pt-cases-h">{t('ptMyCases')}</h2>
          {cases.error && <ErrorMessage error={cases.error} onRetry={cases.reload} />}
          {/* Cases wait for the catalog, so they never flash up as bare service codes. */}
          {!cases.error && (!cases.data || (!catalog.data && !catalog.error)) && <Loading />}
          {cases.data && (catalog.data || catalog.error) && (
            <MyCases cases={cases.data} serviceName={serviceName} />
          )}
        </section>
        <section class="card pt-section" aria-labelledby="pt-notices-h">
          <h2 id="pt-notices-h">{t('noticesTitle')}</h2>
          {notices.error && <ErrorMessage error={notices.error} onRetry={notices.reload} />}
          {notices.loading && !notices.data && <Loading />}
          {notices.data && <MyNotices notices={notices.data} onChanged={notices.reload} />}
        </section>
        <section class="card pt-section" aria-labelledby="pt-held-h">
          <h2 id="pt-held-h">{t('ptHeldTitle')}</h2>
          {profile.error && <ErrorMessage error={profile.error} onRetry={profile.reload} />}
          {profile.loading && !profile.data && <Loading />}
          {profile.data && <HeldFacts profile={profile.data} />}
        </section>
        <section class="card pt-section" aria-labelledby="pt-data-access-h">
          <h2 id="pt-data-access-h">{t('daTitle')}</h2>
          <p>{t('daLinkHint')}</p>
          <p>
            <a href="#/portal/data-access">{t('daLink')}</a>
          </p>
        </section>
        <section class="card pt-section" aria-labelledby="pt-start-h">
          <h2 id="pt-start-h">{t('ptStartTitle')}</h2>
          {catalog.error && <ErrorMessage error={catalog.error} onRetry={catalog.reload} />}
          {catalog.loading && !catalog.data && <Loading />}
          {catalog.data && <ServiceStart services={catalog.data} />}
        </section>
      </div>
    </div>
  );
}
