/**
 * The scenario editor's form state: a change opened for editing and saved unchanged is the same
 * change (every kind, random values), and what is typed goes to the API as typed, numbers as numbers
 * and anything else as text for the server to name, so the form never hides a wrong field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPACITY_KEYS, FACILITY_TYPES } from '../../../src/domain/resources/facility.ts';
import type { ScenarioChange } from '../../../src/domain/scenarios/scenario.ts';
import { changeOf, draftOf, emptyDraft } from '../../../src/web/components/scenario-editor/draft.ts';

// −0 is typed as 0 (String(−0) is "0"): the same number to every computation.
const num = fc
  .double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true })
  .map((x) => (x === 0 ? 0 : x));
const capacities = fc.dictionary(
  fc.constantFrom(...CAPACITY_KEYS),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
);
const id = fc.integer({ min: 1, max: 1e9 });
const code = fc.stringMatching(/^\d{6}$/);
const year = fc.integer({ min: 1950, max: 2100 });
const change: fc.Arbitrary<ScenarioChange> = fc.oneof(
  fc.record({
    kind: fc.constant('addFacility' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    type: fc.constantFrom(...FACILITY_TYPES),
    lon: num,
    lat: num,
    districtCode: code,
    capacities,
  }),
  fc.record({ kind: fc.constant('removeFacility' as const), facilityId: id }),
  fc.record({ kind: fc.constant('resizeFacility' as const), facilityId: id, capacities }),
  fc.record({
    kind: fc.constant('projectPopulation' as const),
    districtCode: code,
    year,
    total: fc.double({ min: 0, max: 1e8, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
  }),
  fc.record({
    kind: fc.constant('projectPopulation' as const),
    districtCode: code,
    year,
    trend: fc.record({ fromYear: year, fromPopulation: num, toYear: year, toPopulation: num }),
  }),
  fc.record({
    kind: fc.constant('changeNorm' as const),
    normCode: fc.constantFrom('N-a', 'N-beds-1'),
    value: num,
  }),
  fc.record(
    {
      kind: fc.constant('completeProjects' as const),
      asOf: fc.constantFrom('2023-12-31', '2025-06-30'),
      projectCodes: fc.array(fc.stringMatching(/^P-[A-Z0-9]{1,6}$/), { minLength: 1, maxLength: 5 }),
    },
    { requiredKeys: ['kind', 'asOf'] },
  ),
);

describe('scenario editor drafts', () => {
  it('an existing change, opened and saved unchanged, is the same change', () => {
    fc.assert(
      fc.property(change, (c) => {
        expect(changeOf(draftOf(c, 'childcare'))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });

  it('sends what was typed: numbers as numbers, other text as text, empty fields left out', () => {
    const d = emptyDraft('addFacility', 'elderlyServiceStation');
    const typed = {
      ...d,
      name: '示例站',
      lon: ' 104.06 ',
      lat: '三十',
      districtCode: '510104',
      capacities: { ...d.capacities, places: '40', beds: '' },
    };
    expect(changeOf(typed)).toEqual({
      kind: 'addFacility',
      name: '示例站',
      type: 'elderlyServiceStation',
      lon: 104.06,
      lat: '三十',
      districtCode: '510104',
      capacities: { places: 40 },
    });
    // A removal with nothing picked sends null: the server says which field is missing.
    expect(changeOf(emptyDraft('removeFacility', 'childcare'))).toEqual({
      kind: 'removeFacility',
      facilityId: null,
    });
    // No projects chosen: every project due by the date counts.
    expect(changeOf({ ...emptyDraft('completeProjects', 'childcare'), asOf: '2025-12-31' })).toEqual({
      kind: 'completeProjects',
      asOf: '2025-12-31',
    });
  });
});
