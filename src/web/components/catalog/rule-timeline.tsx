/**
 * A service's rule versions on a timeline, oldest first: each one's period, whether it is past, in
 * force (aria-current) or waiting, its reference and note, and the rule itself folded away.
 */
import type { Parameter } from '../../../domain/entitlements/catalog.schema.ts';
import type { RuleVersionView } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { RuleSentences } from './rule-sentences.tsx';

export function RuleTimeline({
  rules,
  parameters,
}: {
  rules: readonly RuleVersionView[];
  parameters: readonly Parameter[];
}) {
  const { t } = useEntitlementsUi();
  return (
    <section aria-labelledby="cat-versions-h">
      <h2 id="cat-versions-h">{t('catVersions')}</h2>
      <ol class="rule-timeline">
        {rules.map((r) => (
          <VersionEntry key={r.from} r={r} parameters={parameters} />
        ))}
      </ol>
    </section>
  );
}

function VersionEntry({ r, parameters }: { r: RuleVersionView; parameters: readonly Parameter[] }) {
  const { t } = useEntitlementsUi();
  const stateKey = r.state === 'inForce' ? 'catInForce' : r.state === 'future' ? 'catWaiting' : 'catPast';
  return (
    <li class={`rule-version rule-${r.state}`} aria-current={r.state === 'inForce' ? 'true' : undefined}>
      <p>
        <strong>
          {r.until ? t('catPeriod', { from: r.from, until: r.until }) : t('catPeriodOpen', { from: r.from })}
        </strong>{' '}
        <span class={`tag tag-${r.state}`}>{t(stateKey)}</span> · {r.reference}
        {r.note && <> · {r.note}</>}
      </p>
      <details>
        <summary>{t('catReadRule')}</summary>
        <RuleSentences condition={r.eligibility} parameters={parameters} />
      </details>
    </li>
  );
}
