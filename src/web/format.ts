/** Numbers, dates and area names as the UI shows them. */
import type { Area } from '../domain/plan/pack.schema.ts';
import type { Lang } from './i18n.ts';

/** A figure with at most three decimals, grouped by thousands (4.8, 1,150,000, 0.333). */
export function formatNumber(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 3 }).format(value);
}

/** Date and time in the reader's locale, to the minute. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** The area's name in the UI language, or its code when it is unknown. */
export function areaName(areas: readonly Area[], code: string, lang: Lang): string {
  const area = areas.find((a) => a.code === code);
  if (!area) return code;
  return lang === 'zh' ? area.name : area.nameEn;
}

/** Years from `from` to `to`, inclusive. */
export function yearRange(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

/** A stored value (a revision's before/after) as short readable text. */
export function describeStored(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof v.value === 'number') parts.push(formatNumber(v.value, lang));
  if (typeof v.source === 'string') parts.push(v.source);
  if (typeof v.note === 'string' && v.note) parts.push(v.note);
  if (typeof v.status === 'string') parts.push(v.status);
  if (typeof v.reason === 'string') parts.push(v.reason);
  return parts.length > 0 ? parts.join(' · ') : JSON.stringify(value);
}
