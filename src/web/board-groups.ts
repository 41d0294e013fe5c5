/** Group board rows by category (then sector) or by sector, in the plan's order. */
import type { Category, Sector } from '../domain/plan/pack.schema.ts';
import { CATEGORY_LABELS, SECTOR_LABELS } from '../domain/plan/labels.ts';
import type { BoardRow } from '../domain/plan/views.ts';
import type { Text } from './i18n.ts';

export type Grouping = 'category' | 'sector';

export interface RowGroup {
  key: string;
  label: Text;
  rows: BoardRow[];
  /** Category grouping: the category's rows again, split by sector. */
  subgroups: RowGroup[];
}

const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS) as Category[];
const SECTOR_ORDER = Object.keys(SECTOR_LABELS) as Sector[];

function bySector(rows: readonly BoardRow[], keyPrefix: string): RowGroup[] {
  return SECTOR_ORDER.map((sector) => ({
    key: `${keyPrefix}sector-${sector}`,
    label: SECTOR_LABELS[sector],
    rows: rows.filter((r) => r.sector === sector),
    subgroups: [],
  })).filter((g) => g.rows.length > 0);
}

/** Groups with at least one row; rows keep their order from the API (the plan's order). */
export function groupRows(rows: readonly BoardRow[], grouping: Grouping): RowGroup[] {
  if (grouping === 'sector') return bySector(rows, '');
  return CATEGORY_ORDER.map((category) => {
    const inCategory = rows.filter((r) => r.category === category);
    return {
      key: `category-${category}`,
      label: CATEGORY_LABELS[category],
      rows: inCategory,
      subgroups: bySector(inCategory, `category-${category}-`),
    };
  }).filter((g) => g.rows.length > 0);
}
