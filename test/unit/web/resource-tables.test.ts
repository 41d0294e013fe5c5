/** The pure helpers of the township coverage and accessibility tables. */
import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../../../src/domain/people/age-bands.ts';
import type { TownshipCoverageView } from '../../../src/domain/resources/coverage-by-area.ts';
import { perThousand } from '../../../src/web/components/accessibility-table.tsx';
import { rowCell, sortTownshipRows } from '../../../src/web/components/township-coverage-table.tsx';

type Row = TownshipCoverageView['rows'][number];
const row = (
  districtCode: string,
  townshipCode: string | null,
  population: number,
  covered: number,
): Row => ({
  districtCode,
  townshipCode,
  name: townshipCode,
  districtName: districtCode,
  population,
  covered,
  share: population > 0 ? covered / population : null,
  uncovered: population - covered,
  points: 1,
  byBand: Object.fromEntries(
    AGE_BANDS.map((b) => [
      b,
      { population: b === '0-2' ? 10 : 0, covered: b === '0-2' ? covered % 10 : 0, share: null },
    ]),
  ) as Row['byBand'],
});

describe('township coverage table', () => {
  const rows = [
    row('A', 't1', 100, 90),
    row('A', 't2', 100, 20),
    row('B', 't3', 500, 450),
    row('A', null, 50, 0),
  ];
  it('sorts by uncovered people, most first (ties by district), within the chosen district', () => {
    expect(sortTownshipRows(rows, '', '').map((r) => r.townshipCode)).toEqual(['t2', null, 't3', 't1']);
    expect(sortTownshipRows(rows, 'A', '').map((r) => r.townshipCode)).toEqual(['t2', null, 't1']);
  });
  it('reads one age band', () => {
    expect(rowCell(rows[1]!, '0-2')).toEqual({ population: 10, covered: 0, share: null, uncovered: 10 });
    expect(rowCell(rows[1]!, '')).toMatchObject({ population: 100, uncovered: 80 });
  });
});

describe('accessibility table', () => {
  it('shows supply per person as supply per 1,000', () => {
    expect(perThousand(0.0065)).toBe('6.5');
    expect(perThousand(null)).toBe('—');
  });
});
