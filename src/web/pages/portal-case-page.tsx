/**
 * 办件进度 (#/portal/cases/<id>), issue 6 §1: the applicant's case — the decision with its reason first
 * when decided, the state and the deadline (due date, working days left, paused while a supplement is
 * awaited), what the case worker asked for, the resident's actions (from allowedActions only), the
 * files, and every step as an ordered timeline. A 409 on an action reloads the case and says so.
 */
import { useState } from 'preact/hooks';
import type { CatalogItem } from '../../domain/entitlements/views.ts';
import { useApp } from '../app-context.ts';
import { stateText } from '../components/cases/case-format.ts';
import type { CaseDetailView } from '../components/cases/case-types.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { CaseFiles } from '../components/portal/case-files.tsx';
import { deadlineStatus, decisionOf, supplementRequest } from '../components/portal/case-model.ts';
import { CaseTimeline } from '../components/portal/case-timeline.tsx';
import { DeadlineText } from '../components/portal/deadline-text.tsx';
import type { ActionOutcome } from '../components/portal/resident-actions.tsx';
import { ResidentActions } from '../components/portal/resident-actions.tsx';
import type { Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function PortalCasePage({ route }: { route: Route }) {
  const id = route.params.id ?? '';
  const { t } = useApp();
  useDocumentTitle(t('portalCaseTitle'));
  const detail = useApi<CaseDetailView>(`/api/cases/${encodeURIComponent(id)}`);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(
    route.query.get('submitted') === '1' ? { message: t('ptSubmitted'), conflict: false } : null,
  );
  const done = (o: ActionOutcome) => {
    setOutcome(o);
    detail.reload();
  };
  return (
    <div class="portal pt-case-page">
      <p class="pt-back">
        <a href="#/portal">{t('ptBackHome')}</a>
      </p>
      <h1>{t('portalCaseTitle')}</h1>
      <div role={outcome?.conflict ? 'alert' : 'status'} data-testid="pt-case-message">
        {outcome && (
          <p class={`message ${outcome.conflict ? 'message-warn' : 'message-ok'}`}>{outcome.message}</p>
        )}
      </div>
      {detail.error && <ErrorMessage error={detail.error} onRetry={detail.reload} />}
      {detail.loading && !detail.data && <Loading />}
      {detail.data && <CaseBody c={detail.data} onDone={done} />}
    </div>
  );
}

function CaseBody({ c, onDone }: { c: CaseDetailView; onDone: (o: ActionOutcome) => void }) {
  const { t, lang } = useApp();
  const service = useApi<CatalogItem>(`/api/catalog/${encodeURIComponent(c.serviceCode)}`);
  const name = service.data
    ? lang === 'zh'
      ? service.data.service.name
      : service.data.service.nameEn
    : c.serviceCode;
  const decision = decisionOf(c.state, c.events);
  const asked = supplementRequest(c.state, c.events);
  return (
    <>
      <section class="card pt-case-head" aria-labelledby="pt-case-h">
        <h2 id="pt-case-h">{name}</h2>
        <dl class="pt-about">
          <dt>{t('ptCaseNoLabel')}</dt>
          <dd>{c.id}</dd>
          <dt>{t('ptStateLabel')}</dt>
          <dd>
            <strong class={`pt-state pt-state-${c.state}`} data-testid="pt-case-state">
              {stateText(c.state, lang)}
            </strong>
          </dd>
          <dt>{t('ptSubmittedLabel')}</dt>
          <dd>{c.submittedOn}</dd>
          <dt>{t('ptDeadlineLabel')}</dt>
          <dd>
            <DeadlineText status={deadlineStatus(c.state, c.deadlines)} />
          </dd>
          {c.pledgeSigned && (
            <>
              <dt>{t('ptPledgeSignedLabel')}</dt>
              <dd data-testid="pt-pledge-signed">{t('ptPledgeSigned', { on: c.pledgeSigned.on })}</dd>
            </>
          )}
          {c.origin === 'proactive' && (
            <>
              <dt>{t('ptOriginLabel')}</dt>
              <dd>{t('ptProactive')}</dd>
            </>
          )}
        </dl>
      </section>
      {decision && (
        <section class="card pt-decision" aria-labelledby="pt-decision-h" data-testid="pt-decision">
          <h2 id="pt-decision-h">{t('ptDecisionTitle')}</h2>
          <p class="pt-decision-state">
            <strong>{stateText(decision.state, lang)}</strong>
            {decision.on && <span class="muted"> · {decision.on}</span>}
          </p>
          {decision.reason && <p class="pt-decision-reason">{t('ptReason', { reason: decision.reason })}</p>}
          {c.pledge && <p>{t('ptPledgeDue', { due: c.pledge.verificationDue })}</p>}
        </section>
      )}
      {asked !== null && (
        <section class="card pt-asked" aria-labelledby="pt-asked-h">
          <h2 id="pt-asked-h">{t('ptAskedTitle')}</h2>
          <p class="message message-warn">{asked}</p>
        </section>
      )}
      <ResidentActions c={c} onDone={onDone} />
      <section class="card" aria-labelledby="pt-files-h">
        <h2 id="pt-files-h">{t('ptFilesTitle')}</h2>
        <CaseFiles caseId={c.id} files={c.attachments ?? []} />
      </section>
      <section class="card" aria-labelledby="pt-timeline-h">
        <h2 id="pt-timeline-h">{t('ptTimelineTitle')}</h2>
        <CaseTimeline events={c.events} />
      </section>
    </>
  );
}
