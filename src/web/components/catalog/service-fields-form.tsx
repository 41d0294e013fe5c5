/** Rewording a service's description in place; the previous wording stays in the history. */
import { useState } from 'preact/hooks';
import type { CatalogItem } from '../../../domain/entitlements/views.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { CatalogForm } from './catalog-form.tsx';

/** The wording a sector officer keeps current. */
const WORDED_FIELDS = [
  ['beneficiary', 'catBeneficiary'],
  ['content', 'catContent'],
  ['standard', 'catStandard'],
  ['leadDepartment', 'catLead'],
] as const;

export function ServiceFieldsForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t } = useEntitlementsUi();
  const [fields, setFields] = useState(() =>
    Object.fromEntries(WORDED_FIELDS.map(([k]) => [k, item.service[k]])),
  );
  // Only what changed is sent, so an unchanged field gets no revision.
  const request = () => ({
    method: 'put' as const,
    url: `/api/catalog/${encodeURIComponent(item.service.code)}`,
    body: {
      fields: Object.fromEntries(
        WORDED_FIELDS.filter(([k]) => fields[k] !== item.service[k]).map(([k]) => [k, fields[k]]),
      ),
    },
  });
  return (
    <CatalogForm
      id="sf"
      title={t('catEditFields')}
      submitLabel={t('catSaveFields')}
      request={request}
      onSaved={onSaved}
    >
      {WORDED_FIELDS.map(([k, label]) => (
        <p key={k}>
          <label for={`sf-${k}`}>{t(label)}</label>
          <textarea
            id={`sf-${k}`}
            rows={2}
            value={fields[k]}
            onInput={(e) => setFields({ ...fields, [k]: (e.target as HTMLTextAreaElement).value })}
          />
        </p>
      ))}
    </CatalogForm>
  );
}
