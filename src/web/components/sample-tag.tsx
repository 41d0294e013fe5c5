/** The small 示例 mark next to every generated (sample) value. */
import { useApp } from '../app-context.ts';

export function SampleTag() {
  const { t } = useApp();
  return (
    <abbr class="sample-tag" title={t('sampleTagTitle')}>
      {t('sampleTag')}
    </abbr>
  );
}
