/**
 * The editor's form state for one change (text as typed) and the conversions both ways: an existing
 * change into a draft to edit it, a draft into the change sent to the API. The form only shapes the
 * change; the server checks every field and names the wrong ones.
 */
import type { CapacityKey, FacilityType } from '../../../domain/resources/facility.ts';
import { CAPACITY_KEYS } from '../../../domain/resources/facility.ts';
import type { ScenarioChange } from '../../../domain/scenarios/scenario.ts';
import type { Problem } from '../../api.ts';

export type ChangeKind = ScenarioChange['kind'];

export interface ChangeDraft {
  kind: ChangeKind;
  name: string;
  type: FacilityType;
  lon: string;
  lat: string;
  districtCode: string;
  capacities: Record<CapacityKey, string>;
  /** The registry facility a removal or resize refers to, with the name shown for it. */
  facilityId: number | null;
  facilityLabel: string;
  year: string;
  total: string;
  fromYear: string;
  fromPopulation: string;
  toYear: string;
  toPopulation: string;
  normCode: string;
  value: string;
  asOf: string;
  projectCodes: string[];
}

/** What the fields of one kind of change get from the form. */
export interface DraftFieldsProps {
  draft: ChangeDraft;
  set: (patch: Partial<ChangeDraft>) => void;
  /** The API's problems for a field of this change (e.g. `lon`, `trend.toYear`). */
  problems: (field: string) => Problem[] | undefined;
}

const noCapacities = (): Record<CapacityKey, string> =>
  Object.fromEntries(CAPACITY_KEYS.map((k) => [k, ''])) as Record<CapacityKey, string>;

export function emptyDraft(kind: ChangeKind, type: FacilityType): ChangeDraft {
  return {
    kind,
    name: '',
    type,
    lon: '',
    lat: '',
    districtCode: '',
    capacities: noCapacities(),
    facilityId: null,
    facilityLabel: '',
    year: '',
    total: '',
    fromYear: '',
    fromPopulation: '',
    toYear: '',
    toPopulation: '',
    normCode: '',
    value: '',
    asOf: '',
    projectCodes: [],
  };
}

const text = (x: number | undefined) => (x === undefined ? '' : String(x));

/** A draft holding an existing change, to edit it. */
export function draftOf(c: ScenarioChange, fallbackType: FacilityType): ChangeDraft {
  const d = emptyDraft(c.kind, fallbackType);
  const caps = (v: Partial<Record<CapacityKey, number>>) => {
    const out = noCapacities();
    for (const k of CAPACITY_KEYS) out[k] = text(v[k]);
    return out;
  };
  switch (c.kind) {
    case 'addFacility':
      return {
        ...d,
        name: c.name,
        type: c.type,
        lon: String(c.lon),
        lat: String(c.lat),
        districtCode: c.districtCode,
        capacities: caps(c.capacities),
      };
    case 'removeFacility':
      return { ...d, facilityId: c.facilityId };
    case 'resizeFacility':
      return { ...d, facilityId: c.facilityId, capacities: caps(c.capacities) };
    case 'projectPopulation':
      return {
        ...d,
        districtCode: c.districtCode,
        year: String(c.year),
        total: text(c.total),
        fromYear: text(c.trend?.fromYear),
        fromPopulation: text(c.trend?.fromPopulation),
        toYear: text(c.trend?.toYear),
        toPopulation: text(c.trend?.toPopulation),
      };
    case 'changeNorm':
      return { ...d, normCode: c.normCode, value: String(c.value) };
    case 'completeProjects':
      return { ...d, asOf: c.asOf, projectCodes: c.projectCodes ?? [] };
  }
}

/** A number as typed, or the text itself when it is not one (the server then names the field). */
const num = (s: string): number | string | undefined => {
  const v = s.trim();
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
};

/** Only the capacities typed in. */
const capacitiesOf = (d: ChangeDraft) =>
  Object.fromEntries(
    CAPACITY_KEYS.filter((k) => d.capacities[k].trim() !== '').map((k) => [k, num(d.capacities[k])]),
  );

/** The change as the API takes it (not checked here). */
export function changeOf(d: ChangeDraft): unknown {
  switch (d.kind) {
    case 'addFacility':
      return {
        kind: d.kind,
        name: d.name,
        type: d.type,
        lon: num(d.lon),
        lat: num(d.lat),
        districtCode: d.districtCode,
        capacities: capacitiesOf(d),
      };
    case 'removeFacility':
      return { kind: d.kind, facilityId: d.facilityId };
    case 'resizeFacility':
      return { kind: d.kind, facilityId: d.facilityId, capacities: capacitiesOf(d) };
    case 'projectPopulation':
      return {
        kind: d.kind,
        districtCode: d.districtCode,
        year: num(d.year),
        ...(d.total.trim() !== ''
          ? { total: num(d.total) }
          : {
              trend: {
                fromYear: num(d.fromYear),
                fromPopulation: num(d.fromPopulation),
                toYear: num(d.toYear),
                toPopulation: num(d.toPopulation),
              },
            }),
      };
    case 'changeNorm':
      return { kind: d.kind, normCode: d.normCode, value: num(d.value) };
    case 'completeProjects':
      return {
        kind: d.kind,
        asOf: d.asOf,
        ...(d.projectCodes.length > 0 ? { projectCodes: d.projectCodes } : {}),
      };
  }
}
