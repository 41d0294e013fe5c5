/**
 * One service as the catalog states it: its name, area and tier, every field, where each came from
 * (an assumption marked as such), the rule in force today as sentences, and links to try the rule
 * (and the waiting one) on the self-check.
 */
import { AREA_LABELS, PROVENANCE_LABELS, TIER_LABELS } from '../../../domain/entitlements/labels.ts';
import type { CatalogItem } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { RuleSentences } from './rule-sentences.tsx';

export function ServiceDetail({ item }: { item: CatalogItem }) {
  const { t, lang, pick } = useEntitlementsUi();
  const s = item.service;
  const future = item.rules.find((r) => r.state === 'future')?.from;
  return (
    <>
      <h1>
        {lang === 'zh' ? s.name : s.nameEn} <span class="muted">{s.code}</span>
      </h1>
      <p>
        {pick(AREA_LABELS[s.area])} · {s.categoryNo}. {s.category} · {pick(TIER_LABELS[s.tier])}
      </p>
      <dl class="catalog-fields">
        <dt>{t('catBeneficiary')}</dt>
        <dd>{s.beneficiary}</dd>
        <dt>{t('catContent')}</dt>
        <dd>{s.content}</dd>
        <dt>{t('catStandard')}</dt>
        <dd>{s.standard}</dd>
        <dt>{t('catLead')}</dt>
        <dd>{s.leadDepartment}</dd>
        <dt>{t('catFunding')}</dt>
        <dd>{s.fundingResponsibility}</dd>
        <dt>{t('catLegalBasis')}</dt>
        <dd>{s.legalBasis.join('；')}</dd>
        <dt>{t('catChannels')}</dt>
        <dd>
          {t('catOnline')}：{s.channels.online ?? '—'}；{t('catOffline')}：{s.channels.offline ?? '—'}
        </dd>
        <dt>{t('catDeadline')}</dt>
        <dd>{s.deadlineWorkingDays === null ? '—' : t('catWorkingDays', { n: s.deadlineWorkingDays })}</dd>
        <dt>{t('catMaterials')}</dt>
        <dd>{s.requiredMaterials.length > 0 ? s.requiredMaterials.join('；') : '—'}</dd>
        <dt>{t('catPledge')}</dt>
        <dd>{s.pledgeAllowed ? t('scYes') : t('scNo')}</dd>
      </dl>

      <section aria-labelledby="cat-prov-h">
        <h2 id="cat-prov-h">{t('catProvenance')}</h2>
        <ul class="provenance-list">
          {s.provenance.map((p, i) => (
            <li key={i} class={`provenance provenance-${p.kind}`}>
              <span class={`tag tag-${p.kind}`}>{pick(PROVENANCE_LABELS[p.kind])}</span> {p.ref}：{p.text}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cat-rule-h">
        <h2 id="cat-rule-h">{t('catRuleInForce', { date: item.today })}</h2>
        {item.inForce ? (
          <>
            <RuleSentences condition={item.inForce.eligibility} parameters={item.parameters} />
            <p class="muted">{t('catRuleRef', { from: item.inForce.from, ref: item.inForce.reference })}</p>
          </>
        ) : (
          <p>{t('catNoRuleToday')}</p>
        )}
      </section>

      <p>
        <a href={`#/self-check?service=${encodeURIComponent(s.code)}`}>{t('catTryIt')}</a>
        {future !== undefined && (
          <>
            {' · '}
            <a href={`#/self-check?service=${encodeURIComponent(s.code)}&date=${future}`}>
              {t('catTryFuture', { date: future })}
            </a>
          </>
        )}
      </p>
    </>
  );
}
