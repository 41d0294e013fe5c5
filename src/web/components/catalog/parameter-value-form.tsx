/** Adding a dated value to one of a service's parameters, with its reference and provenance. */
import { useState } from 'preact/hooks';
import { PROVENANCE_LABELS } from '../../../domain/entitlements/labels.ts';
import type { CatalogItem } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { CatalogForm, TextInput } from './catalog-form.tsx';

type ProvenanceKind = keyof typeof PROVENANCE_LABELS;

export function ParameterValueForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t, pick } = useEntitlementsUi();
  const [code, setCode] = useState(item.parameters[0]?.code ?? '');
  const [from, setFrom] = useState('');
  const [value, setValue] = useState('');
  const [reference, setReference] = useState('');
  const [provenance, setProvenance] = useState<ProvenanceKind>('policy');
  const param = item.parameters.find((p) => p.code === code);
  const request = () => {
    // A value by an enum fact is written as JSON ({"urban": 1, "rural": 2}); otherwise a number.
    let parsed: unknown = value.trim() === '' ? undefined : Number(value);
    if (param?.by) {
      try {
        parsed = JSON.parse(value) as unknown;
      } catch {
        parsed = value;
      }
    }
    return {
      method: 'post' as const,
      url: `/api/catalog/parameters/${encodeURIComponent(code)}/values`,
      body: { from, value: parsed, reference, provenance },
    };
  };
  return (
    <CatalogForm
      id="pv"
      title={t('catAddValue')}
      submitLabel={t('catSaveValue')}
      request={request}
      onSaved={onSaved}
    >
      <p>
        <label for="pv-code">{t('catParameter')}</label>
        <select id="pv-code" value={code} onChange={(e) => setCode((e.target as HTMLSelectElement).value)}>
          {item.parameters.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}（{p.code}）
            </option>
          ))}
        </select>
      </p>
      <TextInput id="pv-from" type="date" label={t('catFrom')} value={from} onInput={setFrom} />
      <TextInput
        id="pv-value"
        label={`${t('catValue')}${param ? `（${param.unit}）` : ''}`}
        hint={param?.by ? t('catValueByHint', { by: param.by }) : undefined}
        value={value}
        onInput={setValue}
      />
      <TextInput id="pv-ref" label={t('catReference')} value={reference} onInput={setReference} />
      <p>
        <label for="pv-prov">{t('catProvenance')}</label>
        <select
          id="pv-prov"
          value={provenance}
          onChange={(e) => setProvenance((e.target as HTMLSelectElement).value as ProvenanceKind)}
        >
          {(Object.keys(PROVENANCE_LABELS) as ProvenanceKind[]).map((k) => (
            <option key={k} value={k}>
              {pick(PROVENANCE_LABELS[k])}
            </option>
          ))}
        </select>
      </p>
    </CatalogForm>
  );
}
