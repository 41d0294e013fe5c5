/**
 * On the apply form of a service that allows pledge-based approval (告知承诺制): what that means, the
 * pledge text (告知承诺书, from the domain so the text shown is the one the server records), and a
 * box to sign it. Signing is optional: unticked, the case is decided the ordinary way.
 */
import { PLEDGE_TEXT } from '../../../domain/cases/pledge-text.ts';
import { useApp } from '../../app-context.ts';

export function PledgeSigning(props: { signed: boolean; onChange: (signed: boolean) => void }) {
  const { t, pick } = useApp();
  return (
    <section class="card pt-pledge" aria-labelledby="pt-pledge-h" data-testid="pt-pledge">
      <h2 id="pt-pledge-h">{t('ptPledgeTitle')}</h2>
      <p>{t('ptPledgeInfo')}</p>
      <div class="pt-pledge-text" role="document" aria-labelledby="pt-pledge-text-h" tabIndex={0}>
        <h3 id="pt-pledge-text-h">{pick(PLEDGE_TEXT.title)}</h3>
        <ol>
          {PLEDGE_TEXT.paragraphs.map((p, i) => (
            <li key={i}>{pick(p)}</li>
          ))}
        </ol>
      </div>
      <div class="field field-check">
        <label>
          <input
            type="checkbox"
            checked={props.signed}
            onChange={(e) => props.onChange(e.currentTarget.checked)}
            data-testid="pt-pledge-sign"
          />{' '}
          {t('ptPledgeSign')}
        </label>
        <p class="hint">{t('ptPledgeOptional')}</p>
      </div>
    </section>
  );
}
