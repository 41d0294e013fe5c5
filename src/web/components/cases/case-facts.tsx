/** The facts the applicant gave (or the registry held), grouped by person and household, values in words. */
import { useApp } from '../../app-context.ts';
import type { MessageKey } from '../../i18n.ts';
import type { FactGroup } from './case-format.ts';
import { groupFacts } from './case-format.ts';

const GROUP_KEYS: Record<FactGroup, MessageKey> = {
  person: 'cwFactsPerson',
  household: 'cwFactsHousehold',
  other: 'cwFactsOther',
};

export function CaseFacts({ facts }: { facts: Record<string, unknown> }) {
  const { t, lang, meta } = useApp();
  const groups = groupFacts(facts, meta.areas, lang);
  if (groups.length === 0) return <p>{t('cwNoFacts')}</p>;
  return (
    <div class="case-facts">
      {groups.map((g) => (
        <div key={g.group} class="case-fact-group">
          <h3 id={`cw-facts-${g.group}`}>{t(GROUP_KEYS[g.group])}</h3>
          <dl class="facts" aria-labelledby={`cw-facts-${g.group}`} data-testid={`cw-facts-${g.group}`}>
            {g.lines.map((l) => (
              <div key={l.key}>
                <dt>{l.label}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
