/**
 * 我的申请 on the portal home: each of the resident's cases with the service's name, its state in
 * words, the day it was submitted, the decision deadline in working days, and a badge when the
 * resident must act (a supplement is requested).
 */
import { useApp } from '../../app-context.ts';
import { href } from '../../router.ts';
import { stateText } from '../cases/case-format.ts';
import type { CaseSummary } from '../cases/case-types.ts';
import { deadlineStatus, residentMustAct } from './case-model.ts';
import { DeadlineText } from './deadline-text.tsx';

export function MyCases(props: { cases: CaseSummary[]; serviceName: (code: string) => string }) {
  const { t, lang } = useApp();
  if (props.cases.length === 0) return <p class="muted">{t('ptNoCases')}</p>;
  return (
    <ul class="pt-case-list" data-testid="pt-my-cases">
      {props.cases.map((c) => {
        const mustAct = residentMustAct(c);
        return (
          <li key={c.id} class={`pt-case${mustAct ? ' pt-case-act' : ''}`} data-case={c.id}>
            <p class="pt-case-title">
              <a href={href(`/portal/cases/${encodeURIComponent(c.id)}`)}>
                {props.serviceName(c.serviceCode)}
              </a>{' '}
              <span class={`pt-state pt-state-${c.state}`}>{stateText(c.state, lang)}</span>
              {mustAct && (
                <>
                  {' '}
                  <strong class="pt-badge">{t('ptMustAct')}</strong>
                </>
              )}
            </p>
            <p class="pt-case-meta">
              <span>{t('ptCaseNo', { id: c.id })}</span>
              <span>{t('ptSubmittedOn', { date: c.submittedOn })}</span>
              <DeadlineText status={deadlineStatus(c.state, c.deadlines)} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
