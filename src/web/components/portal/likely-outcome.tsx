/**
 * The entitlement check before submitting, said plainly: likely to qualify, unlikely (you may still
 * apply), or not yet decidable (what is missing) — with the reasons as the trace viewer shows them.
 * Announced politely as it changes.
 */
import type { CheckResult } from '../../../domain/entitlements/views.ts';
import { useApp } from '../../app-context.ts';
import { EntitlementTrace } from '../entitlement-trace.tsx';

export type Evaluated = CheckResult['evaluations'][number];

export function LikelyOutcome({ evaluation, checking }: { evaluation: Evaluated | null; checking: boolean }) {
  const { t } = useApp();
  const verdict = !evaluation
    ? null
    : evaluation.outcome === 'eligible'
      ? { cls: 'message-ok', text: t('ptLikely') }
      : evaluation.outcome === 'notEligible'
        ? { cls: 'message-warn', text: t('ptUnlikely') }
        : { cls: 'message-info', text: t('ptUndecided') };
  return (
    <section class="card pt-outcome" aria-labelledby="pt-outcome-h">
      <h2 id="pt-outcome-h">{t('ptOutcomeTitle')}</h2>
      <div role="status" aria-live="polite" data-testid="pt-likely-outcome">
        {checking && !evaluation && <p class="loading">{t('loading')}</p>}
        {verdict && (
          <p class={`message ${verdict.cls}`}>
            <strong>{verdict.text}</strong>
          </p>
        )}
      </div>
      {evaluation && (
        <div class="pt-why">
          <h3>{t('ptWhy')}</h3>
          <EntitlementTrace trace={evaluation.trace} missing={evaluation.missing} />
        </div>
      )}
    </section>
  );
}
