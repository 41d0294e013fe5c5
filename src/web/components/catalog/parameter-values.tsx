/** A service's parameters, each with its dated values (waiting ones marked), references and provenance. */
import type { Parameter } from '../../../domain/entitlements/catalog.schema.ts';
import { PROVENANCE_LABELS } from '../../../domain/entitlements/labels.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';

export function ParameterValues({ parameters, today }: { parameters: readonly Parameter[]; today: string }) {
  const { t } = useEntitlementsUi();
  return (
    <section aria-labelledby="cat-params-h">
      <h2 id="cat-params-h">{t('catParameters')}</h2>
      {parameters.length === 0 && <p>{t('catNoParameters')}</p>}
      {parameters.map((p) => (
        <ParameterTable key={p.code} parameter={p} today={today} />
      ))}
    </section>
  );
}

/** One parameter's dated values, oldest first; a value from after `today` is marked as waiting. */
function ParameterTable({ parameter: p, today }: { parameter: Parameter; today: string }) {
  const { t, pick } = useEntitlementsUi();
  return (
    <div class="catalog-parameter">
      <h3>
        {p.name} <span class="muted">{p.code}</span>
      </h3>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('catFrom')}</th>
            <th scope="col">
              {t('catValue')}（{p.unit}）
            </th>
            <th scope="col">{t('catReference')}</th>
            <th scope="col">{t('catProvenance')}</th>
          </tr>
        </thead>
        <tbody>
          {p.values.map((v) => (
            <tr key={v.from} class={v.from > today ? 'future-row' : undefined}>
              <td>
                {v.from}
                {v.from > today && <span class="tag tag-future"> {t('catWaiting')}</span>}
              </td>
              <td>
                {typeof v.value === 'number'
                  ? v.value
                  : Object.entries(v.value)
                      .map(([k, n]) => `${k}: ${n}`)
                      .join('；')}
              </td>
              <td>{v.reference}</td>
              <td>
                <span class={`tag tag-${v.provenance}`}>{pick(PROVENANCE_LABELS[v.provenance])}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
