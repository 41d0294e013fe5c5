/** The banner shown on every screen whose figures include generated sample data (示例数据). */
import { useApp } from '../app-context.ts';

/** `detail` replaces the general explanation when a screen has a more precise one. */
export function SampleBanner({ detail }: { detail?: string } = {}) {
  const { t } = useApp();
  return (
    <div class="sample-banner" role="note">
      <strong>{t('sampleBanner')}</strong>
      <span> {detail ?? t('sampleBannerDetail')}</span>
    </div>
  );
}
