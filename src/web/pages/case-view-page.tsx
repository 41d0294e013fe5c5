/**
 * One case for the case worker (#/cases/<id>, issue 6 §3): its head (service, state, deadlines), the
 * actions the state allows, the applicant, the facts by person and household, the entitlement check
 * at submission with its trace, the pledge, the files and the full history. Outcomes of actions are
 * announced (role=status); a conflict (someone acted first) reloads the case and is an alert.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CatalogItem } from '../../domain/entitlements/views.ts';
import type { ApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { CaseActions } from '../components/cases/case-actions.tsx';
import { CaseAttachments } from '../components/cases/case-attachments.tsx';
import { CaseEscalations } from '../components/cases/case-escalations.tsx';
import { CaseFacts } from '../components/cases/case-facts.tsx';
import { CaseHistory } from '../components/cases/case-history.tsx';
import { CaseSummaryList } from '../components/cases/case-summary.tsx';
import type { CaseDetailView, PledgeView } from '../components/cases/case-types.ts';
import { EntitlementTrace } from '../components/entitlement-trace.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import type { MessageKey } from '../i18n.ts';
import type { Route } from '../router.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const OUTCOME: Record<string, MessageKey> = {
  eligible: 'wlOutcomeEligible',
  notEligible: 'wlOutcomeNotEligible',
  cannotDecide: 'wlOutcomeCannotDecide',
};

export function CaseViewPage({ route }: { route: Route }) {
  const { t, lang } = useApp();
  const id = route.params.id ?? '';
  useDocumentTitle(`${t('caseViewTitle')} ${id}`);
  const detail = useApi<CaseDetailView>(`/api/cases/${encodeURIComponent(id)}`);
  const serviceCode = detail.data?.serviceCode;
  // The service's name and its material list (an upload names the material it answers).
  const item = useApi<CatalogItem>(serviceCode ? `/api/catalog/${encodeURIComponent(serviceCode)}` : null);
  const [status, setStatus] = useState('');
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const done = (message: string) => {
    setConflict(null);
    setStatus(message);
    detail.reload();
    // The button just pressed is gone with the old state: keep focus on what happened.
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const onConflict = (error: ApiError) => {
    setStatus('');
    setConflict(error);
    detail.reload();
    requestAnimationFrame(() => alertRef.current?.focus());
  };
  // Moving to another case (same page, new hash): old messages and the old case's data do not show.
  useEffect(() => {
    setStatus('');
    setConflict(null);
  }, [id]);
  const c = detail.data?.id === id ? detail.data : undefined;
  const service = item.data?.service;

  return (
    <div class="case-worker case-view">
      <p>
        <a href={href('/cases')}>{t('cwBackToQueue')}</a>
      </p>
      <h1>{t('cwCaseHeading', { id })}</h1>
      <p role="status" class="case-status-message" ref={statusRef} tabIndex={-1} data-testid="cw-status">
        {status}
      </p>
      {conflict && (
        <div
          class="message message-error"
          role="alert"
          ref={alertRef}
          tabIndex={-1}
          data-testid="cw-conflict"
        >
          <p>{t('cwConflict')}</p>
          <p>{lang === 'zh' ? conflict.zh : conflict.en}</p>
        </div>
      )}
      {detail.error && <ErrorMessage error={detail.error} onRetry={detail.reload} />}
      {!c && detail.loading && <Loading />}
      {c && (
        <>
          <CaseSummaryList c={c} service={service} />
          <CaseActions detail={c} onDone={done} onConflict={onConflict} />
          <section aria-labelledby="cw-applicant-heading">
            <h2 id="cw-applicant-heading">{t('cwColApplicant')}</h2>
            <dl class="facts" data-testid="cw-applicant">
              <div>
                <dt>{t('cwDisplayName')}</dt>
                <dd>{c.applicant.displayName || '—'}</dd>
              </div>
              <div>
                <dt>{t('cwUsername')}</dt>
                <dd>{c.applicant.username}</dd>
              </div>
              {c.idNumber && (
                <div>
                  <dt>{t('myIdNumber')}</dt>
                  <dd data-testid="cw-id-number">{c.idNumber}</dd>
                </div>
              )}
            </dl>
          </section>
          <section aria-labelledby="cw-facts-heading">
            <h2 id="cw-facts-heading">{t('cwFacts')}</h2>
            <CaseFacts facts={c.facts} />
          </section>
          <section aria-labelledby="cw-ent-heading" data-testid="cw-entitlement">
            <h2 id="cw-ent-heading">{t('cwEntitlement')}</h2>
            <p>
              <strong>
                {OUTCOME[c.entitlement.outcome] ? t(OUTCOME[c.entitlement.outcome]!) : c.entitlement.outcome}
              </strong>{' '}
              <span class="muted">{t('cwEntDate', { date: c.entitlement.date })}</span>
            </p>
            {c.entitlementTrace && <EntitlementTrace trace={c.entitlementTrace} />}
          </section>
          {c.pledge && <PledgeBlock pledge={c.pledge} />}
          {c.escalations && c.escalations.length > 0 && <CaseEscalations escalations={c.escalations} />}
          {c.attachments !== undefined && (
            <section aria-labelledby="cw-files-heading">
              <h2 id="cw-files-heading">{t('cwAttachments')}</h2>
              <CaseAttachments
                caseId={c.id}
                attachments={c.attachments}
                materials={service?.requiredMaterials ?? []}
                onUploaded={done}
              />
            </section>
          )}
          <section aria-labelledby="cw-history-heading">
            <h2 id="cw-history-heading">{t('cwHistory')}</h2>
            <CaseHistory events={c.events} />
          </section>
        </>
      )}
    </div>
  );
}

function PledgeBlock({ pledge }: { pledge: PledgeView }) {
  const { t } = useApp();
  const outcome =
    pledge.outcome === 'verified'
      ? t('cwPledgeVerified')
      : pledge.outcome === 'revoked'
        ? t('cwPledgeRevoked')
        : t('cwPledgePending');
  return (
    <section aria-labelledby="cw-pledge-heading" data-testid="cw-pledge">
      <h2 id="cw-pledge-heading">{t('cwPledge')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('cwPledgeApproved')}</dt>
          <dd>{pledge.approvedOn}</dd>
        </div>
        <div>
          <dt>{t('cwPledgeDue')}</dt>
          <dd>{pledge.verificationDue}</dd>
        </div>
        <div>
          <dt>{t('cwPledgeOutcome')}</dt>
          <dd>
            {outcome}
            {pledge.outcomeOn ? ` (${pledge.outcomeOn})` : ''}
          </dd>
        </div>
      </dl>
    </section>
  );
}
