/** Placeholder while issue 6's one-stop screens are built (replaced in the same session). */
import { translate } from '../i18n.ts';
import type { Route } from '../router.ts';

export function PortalApplyPage(_props: { route: Route }) {
  return <h1>{translate('zh', 'portalApplyTitle')}</h1>;
}
