/** The banner shown on every screen whose figures include generated sample data (示例数据). */
import { useApp } from '../app-context.ts';

export function SampleBanner() {
  const { t } = useApp();
  return (
    <div class="sample-banner" role="note">
      <strong>{t('sampleBanner')}</strong>
      <span> {t('sampleBannerDetail')}</span>
    </div>
  );
}
