/**
 * The trace viewer: why the engine decided, as a tree of plain-Chinese sentences with a mark on
 * each condition (满足 / 不满足 / 无法判断), and the facts still needed. Used by the self-check,
 * the catalog's try-it and the proactive work lists.
 */
import type { TraceNode } from '../../domain/entitlements/evaluate.ts';
import type { FactKey } from '../../domain/entitlements/facts.ts';
import { FACTS } from '../../domain/entitlements/facts.ts';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { MessageKey } from '../i18n.ts';

const MARK: Record<TraceNode['result'], { key: MessageKey; symbol: string }> = {
  true: { key: 'entTraceMet', symbol: '✓' },
  false: { key: 'entTraceNotMet', symbol: '✗' },
  unknown: { key: 'entTraceUnknown', symbol: '?' },
};

function Node({ node, t }: { node: TraceNode; t: (key: MessageKey) => string }) {
  const mark = MARK[node.result];
  return (
    <li class={`trace-node trace-${node.result}`}>
      <span class="trace-mark" aria-hidden="true">
        {mark.symbol}
      </span>{' '}
      <span class="trace-result">{t(mark.key)}</span> <span class="trace-text">{node.text}</span>
      {node.children && node.children.length > 0 && (
        <ul class="trace-children">
          {node.children.map((c, i) => (
            <Node key={i} node={c} t={t} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function EntitlementTrace({ trace, missing }: { trace: TraceNode; missing?: readonly FactKey[] }) {
  const { t, lang } = useEntitlementsUi();
  return (
    <div class="entitlement-trace">
      <ul class="trace-tree" aria-label={t('entTraceTitle')}>
        <Node node={trace} t={t} />
      </ul>
      {missing && missing.length > 0 && (
        <p class="trace-missing">
          {t('entTraceMissing')}
          {missing
            .map((k) => (lang === 'zh' ? FACTS[k].label : FACTS[k].labelEn))
            .join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
    </div>
  );
}
