/**
 * The catalog's messages: an API refusal with every problem it names (a rule can be wrong in several
 * places at once), and the loading line. They read the language from useEntitlementsUi, not the app
 * context, so they work on the public pages too.
 */
import type { ApiError } from '../../api.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';

export function CatalogProblem({ error }: { error: ApiError }) {
  const { lang } = useEntitlementsUi();
  return (
    <div class="message message-error" role="alert">
      <p>{lang === 'zh' ? error.zh : error.en}</p>
      {error.problems.length > 1 && (
        <ul>
          {error.problems.map((p, i) => (
            <li key={i}>
              <code>{p.field}</code>：{lang === 'zh' ? p.zh : p.en}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CatalogLoading() {
  const { t } = useEntitlementsUi();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}
