/**
 * One person of a work list: asks why they are being looked at (the purpose is written to the
 * audit log with the read), then shows their registered facts (synthetic) and, for every service,
 * the outcome, whether they receive it, and the full trace (entitlement-trace.tsx).
 */
import { useState } from 'preact/hooks';
import type { PersonTraceView } from '../../domain/entitlements/matching-views.ts';
import type { FactKey } from '../../domain/entitlements/facts.ts';
import { FACTS } from '../../domain/entitlements/facts.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import type { MessageKey } from '../i18n.ts';
import { factValueText } from './cases/case-format.ts';
import { EntitlementTrace } from './entitlement-trace.tsx';
import { ErrorMessage } from './error-message.tsx';
import { WorklistEntryActions } from './worklist-entry-actions.tsx';

/** On a work list: entitled but not served (应享未享), or served but no longer entitled (应退未退). */
const onWorklist = (s: PersonTraceView['services'][number]) =>
  (s.evaluation.outcome === 'eligible' && s.receives === false) ||
  (s.evaluation.outcome === 'notEligible' && s.receives === true);

const OUTCOME: Record<string, MessageKey> = {
  eligible: 'wlOutcomeEligible',
  notEligible: 'wlOutcomeNotEligible',
  cannotDecide: 'wlOutcomeCannotDecide',
};

export function WorklistPerson(props: {
  snapshotId: number;
  personIndex: number;
  personId: string;
  onClose: () => void;
}) {
  const { t, lang } = useApp();
  const [purpose, setPurpose] = useState('');
  const [view, setView] = useState<PersonTraceView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const show = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setView(
        await api.get<PersonTraceView>(
          withQuery(`/api/entitlements/matching/snapshots/${props.snapshotId}/people/${props.personIndex}`, {
            purpose,
          }),
        ),
      );
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };

  return (
    <section class="panel worklist-person" aria-labelledby="wl-person-heading" data-testid="wl-person">
      <h3 id="wl-person-heading">{t('wlTraceTitle', { id: props.personId })}</h3>
      <button type="button" onClick={props.onClose}>
        {t('wlClose')}
      </button>
      {view === null && (
        <form class="form" onSubmit={show}>
          <div class="field">
            <label for="wl-purpose">{t('wlPurpose')}</label>
            <input id="wl-purpose" value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
          </div>
          <button type="submit">{t('wlShowTrace')}</button>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
      {view && (
        <>
          <h4>{t('wlFacts')}</h4>
          <dl class="facts">
            {(Object.entries(view.facts) as [FactKey, string | number | boolean][]).map(([k, v]) => (
              <div key={k}>
                <dt>{lang === 'zh' ? FACTS[k].label : FACTS[k].labelEn}</dt>
                <dd>
                  {k === 'person.residenceDistrict' ? view.districtName : factValueText(k, v, [], lang)}
                </dd>
              </div>
            ))}
          </dl>
          {view.services.map((s) => (
            <div key={s.code}>
              <details class={`wl-service outcome-${s.evaluation.outcome}`}>
                <summary>
                  {s.code} {s.name}：{t(OUTCOME[s.evaluation.outcome]!)}
                  {s.receives !== null && `，${s.receives ? t('wlReceives') : t('wlNotReceives')}`}
                </summary>
                <EntitlementTrace trace={s.evaluation.trace} missing={s.evaluation.missing} />
              </details>
              {onWorklist(s) && (
                <WorklistEntryActions
                  snapshotId={props.snapshotId}
                  personIndex={props.personIndex}
                  serviceCode={s.code}
                  serviceName={s.name}
                />
              )}
            </div>
          ))}
        </>
      )}
    </section>
  );
}
