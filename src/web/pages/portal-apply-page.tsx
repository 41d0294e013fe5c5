/**
 * 在线申请 (#/portal/apply/<service>), issue 6 §1: loads what the form is generated from — the service
 * (catalog), the resident's held facts (profile) and the facts the service's rule reads (the engine's
 * own list: the check's `missing` with nothing known, so nothing is re-derived here) — and shows the
 * form (components/portal/apply-form.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CatalogItem, CheckResult } from '../../domain/entitlements/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { ApplyForm } from '../components/portal/apply-form.tsx';
import { formFacts } from '../components/portal/apply-model.ts';
import type { ProfileView } from '../components/portal/case-model.ts';
import type { Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function PortalApplyPage({ route }: { route: Route }) {
  const code = route.params.code ?? '';
  const { t } = useApp();
  useDocumentTitle(t('portalApplyTitle'));
  const item = useApi<CatalogItem>(`/api/catalog/${encodeURIComponent(code)}`);
  const profile = useApi<ProfileView>('/api/my/profile');
  const [ruleInputs, setRuleInputs] = useState<string[] | null>(null);
  const [inputsError, setInputsError] = useState<ApiError | null>(null);

  // The facts the rule reads: the engine's missing list when nothing is known (no re-deriving here).
  useEffect(() => {
    setRuleInputs(null);
    api.post<CheckResult>('/api/entitlements/check', { facts: {}, services: [code] }).then(
      (r) => setRuleInputs(r.evaluations[0]?.missing ?? []),
      (err: unknown) => setInputsError(asApiError(err, { zh: String(err), en: String(err) })),
    );
  }, [code]);

  const error = item.error ?? inputsError;
  return (
    <div class="portal pt-apply">
      <p class="pt-back">
        <a href="#/portal">{t('ptBackHome')}</a>
      </p>
      <h1>
        {t('portalApplyTitle')}
        {item.data && <span class="pt-h1-sub">{item.data.service.name}</span>}
      </h1>
      {error && <ErrorMessage error={error} />}
      {profile.error && <ErrorMessage error={profile.error} onRetry={profile.reload} />}
      {!error && (!item.data || !ruleInputs || (!profile.data && !profile.error)) && <Loading />}
      {item.data && ruleInputs && (profile.data || profile.error) && (
        <ApplyForm
          key={code}
          item={item.data}
          keys={formFacts(ruleInputs)}
          profile={profile.data ?? { personId: null, synthetic: false, source: null, facts: null }}
        />
      )}
    </div>
  );
}
