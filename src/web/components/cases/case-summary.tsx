/**
 * The head of a case: service, state, dates and deadlines, offices, whether the applicant signed the
 * pledge (告知承诺, for a service that allows it), origin (application or proactive).
 */
import { useApp } from '../../app-context.ts';
import { areaName } from '../../format.ts';
import { SampleTag } from '../sample-tag.tsx';
import { CaseFlags } from './case-flags.tsx';
import { DaysLeft, DueDate } from './case-deadline.tsx';
import { officeText, stateText } from './case-format.ts';
import type { CaseDetailView } from './case-types.ts';

export function CaseSummaryList({
  c,
  service,
}: {
  c: CaseDetailView;
  service: { name: string; nameEn: string; pledgeAllowed?: boolean } | undefined;
}) {
  const { t, lang, meta } = useApp();
  return (
    <dl class="facts case-summary" data-testid="cw-summary">
      <div>
        <dt>{t('cwColService')}</dt>
        <dd>
          {c.serviceCode} {service ? (lang === 'zh' ? service.name : service.nameEn) : ''}
        </dd>
      </div>
      <div>
        <dt>{t('cwColState')}</dt>
        <dd data-testid="cw-state" data-state={c.state}>
          <strong>{stateText(c.state, lang)}</strong>
        </dd>
      </div>
      <div>
        <dt>{t('cwColSubmitted')}</dt>
        <dd>{c.submittedOn}</dd>
      </div>
      <div>
        <dt>{t('cwColDue')}</dt>
        <dd>
          <DueDate c={c} />
        </dd>
      </div>
      <div>
        <dt>{t('cwColDaysLeft')}</dt>
        <dd data-testid="cw-days-left">
          <DaysLeft c={c} />
        </dd>
      </div>
      <div>
        <dt>{t('cwColFlags')}</dt>
        <dd>
          <CaseFlags c={c} />
        </dd>
      </div>
      <div>
        <dt>{t('cwColDistrict')}</dt>
        <dd>{areaName(meta.areas, c.districtCode, lang)}</dd>
      </div>
      <div>
        <dt>{t('cwOffice')}</dt>
        <dd>{officeText(c.officeCode, meta.areas, lang)}</dd>
      </div>
      {c.acceptedAtOffice && (
        <div>
          <dt>{t('cwAcceptedAt')}</dt>
          <dd>{officeText(c.acceptedAtOffice, meta.areas, lang)}</dd>
        </div>
      )}
      <div>
        <dt>{t('cwLeadDept')}</dt>
        <dd>{c.leadDepartment}</dd>
      </div>
      {(c.pledgeSigned || service?.pledgeAllowed) && (
        <div>
          <dt>{t('cwPledge')}</dt>
          <dd data-testid="cw-pledge-signed">
            {c.pledgeSigned ? t('cwPledgeSigned', { on: c.pledgeSigned.on }) : t('cwPledgeNotSigned')}
          </dd>
        </div>
      )}
      {c.origin && (
        <div>
          <dt>{t('cwOrigin')}</dt>
          <dd>{c.origin === 'proactive' ? t('cwOriginProactive') : t('cwOriginApplication')}</dd>
        </div>
      )}
      {c.personId && (
        <div>
          <dt>{t('cwPerson')}</dt>
          <dd>
            {c.personId} <SampleTag />
          </dd>
        </div>
      )}
    </dl>
  );
}
