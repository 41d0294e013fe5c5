/**
 * The choices of the scope pickers on the admin pages (a user's or a sharing token's sector or
 * district), labelled in the reader's language, for a SelectField.
 */
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { useApp } from '../app-context.ts';
import { areaName } from '../format.ts';
import type { SelectOption } from './select-field.tsx';

export function useScopeOptions(): { sectors: SelectOption[]; districts: SelectOption[] } {
  const { pick, lang, meta } = useApp();
  return {
    sectors: Object.entries(SECTOR_LABELS).map(([code, label]) => ({ value: code, label: pick(label) })),
    districts: meta.areas
      .filter((a) => a.kind === 'district')
      .map((a) => ({ value: a.code, label: areaName(meta.areas, a.code, lang) })),
  };
}
