/**
 * Adding a rule version from a date (YAML or JSON, started from the rule in force); the server checks
 * it against the whole catalog and names every wrong field before anything is written.
 */
import { useState } from 'preact/hooks';
import type { CatalogItem } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { CatalogForm, TextInput } from './catalog-form.tsx';

export function RuleVersionForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t } = useEntitlementsUi();
  const [from, setFrom] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [text, setText] = useState(() =>
    JSON.stringify((item.inForce ?? item.rules.at(-1))?.eligibility ?? { all: [] }, null, 2),
  );
  const request = () => ({
    method: 'post' as const,
    url: `/api/catalog/${encodeURIComponent(item.service.code)}/rules`,
    body: { from, reference, note, eligibility: text },
  });
  return (
    <CatalogForm
      id="rule"
      title={t('catAddRule')}
      hint={t('catAddRuleHint')}
      submitLabel={t('catSaveRule')}
      request={request}
      onSaved={onSaved}
    >
      <TextInput id="rule-from" type="date" label={t('catFrom')} value={from} onInput={setFrom} />
      <TextInput id="rule-ref" label={t('catReference')} value={reference} onInput={setReference} />
      <TextInput id="rule-note" label={t('catNote')} value={note} onInput={setNote} />
      <p>
        <label for="rule-text">{t('catRuleText')}</label>
        <textarea
          id="rule-text"
          rows={12}
          class="code-input"
          spellcheck={false}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </p>
    </CatalogForm>
  );
}
