/**
 * A norm chosen by name: the plan's per-population norms as the gap table lists them (GET /api/gaps,
 * one row per norm and district), with today's value and unit beside each name.
 */
import type { NormGapsView } from '../../../domain/resources/views.ts';
import { useApp } from '../../app-context.ts';
import { formatNumber } from '../../format.ts';
import type { Resource } from '../../use-api.ts';
import { useApi } from '../../use-api.ts';

export interface NormOption {
  code: string;
  name: string;
  nameEn: string;
  value: number;
  unit: string;
  perCount: number;
}

/** The norms, once each, in the gap table's order. */
export function useNorms(): Resource<NormOption[]> {
  const gaps = useApi<NormGapsView>('/api/gaps');
  const seen = new Map<string, NormOption>();
  for (const r of gaps.data?.rows ?? [])
    if (!seen.has(r.normCode))
      seen.set(r.normCode, {
        code: r.normCode,
        name: r.normName,
        nameEn: r.normNameEn,
        value: r.normValue,
        unit: r.unit,
        perCount: r.perCount,
      });
  return { ...gaps, data: gaps.data ? [...seen.values()] : undefined };
}

export function NormSelect(props: {
  id: string;
  value: string;
  onChange: (norm: NormOption | null) => void;
}) {
  const { t, lang } = useApp();
  const norms = useNorms();
  return (
    <div class="field">
      <label for={props.id}>{t('scenarioEdNorm')}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(norms.data?.find((n) => n.code === e.currentTarget.value) ?? null)}
      >
        <option value="">{norms.loading ? t('loading') : t('scenarioEdChooseNorm')}</option>
        {(norms.data ?? []).map((n) => (
          <option key={n.code} value={n.code}>
            {t('scenarioEdNormOption', {
              name: lang === 'zh' ? n.name : n.nameEn,
              value: formatNumber(n.value, lang),
              unit: n.unit,
              per: formatNumber(n.perCount, lang),
            })}
          </option>
        ))}
      </select>
    </div>
  );
}
