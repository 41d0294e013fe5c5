/** A service's eligibility rule read as nested Chinese sentences (describeCondition), parameters named. */
import type { Condition, Parameter } from '../../../domain/entitlements/catalog.schema.ts';
import type { ConditionSentence } from '../../../domain/entitlements/condition-text.ts';
import { describeCondition } from '../../../domain/entitlements/condition-text.ts';

export function RuleSentences({
  condition,
  parameters,
}: {
  condition: Condition;
  parameters: readonly Parameter[];
}) {
  const s = describeCondition(condition, new Map(parameters.map((p) => [p.code, p])));
  return (
    <ul class="rule-sentences">
      <Sentence s={s} />
    </ul>
  );
}

function Sentence({ s }: { s: ConditionSentence }) {
  return (
    <li>
      {s.text}
      {s.children.length > 0 && (
        <ul>
          {s.children.map((c, i) => (
            <Sentence key={i} s={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
