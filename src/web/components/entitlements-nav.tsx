/** The entitlements section's own navigation: the catalog, the self-check (and the work lists). */
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { MessageKey } from '../i18n.ts';

export type EntitlementsSection = 'catalog' | 'selfCheck' | 'workLists';

const LINKS: Array<{ section: EntitlementsSection; hash: string; label: MessageKey; signedIn?: boolean }> = [
  { section: 'catalog', hash: '#/catalog', label: 'entNavCatalog' },
  { section: 'selfCheck', hash: '#/self-check', label: 'entNavSelfCheck' },
  { section: 'workLists', hash: '#/entitlements/worklists', label: 'entNavWorkLists', signedIn: true },
];

export function EntitlementsNav({ current }: { current: EntitlementsSection }) {
  const { t, user } = useEntitlementsUi();
  return (
    <nav class="sub-nav entitlements-nav" aria-label={t('entNavLabel')}>
      <ul>
        {LINKS.filter((l) => !l.signedIn || user !== null).map((l) => (
          <li key={l.section}>
            <a href={l.hash} aria-current={current === l.section ? 'page' : undefined}>
              {t(l.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
