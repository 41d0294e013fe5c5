/**
 * A scenario's changes as a table, each said in words: facilities by name and district (the ones a
 * change refers to by id are fetched by their ids), districts and norms by name, capacities with
 * their labels. Planners get an edit and a remove button per change.
 */
import type { FacilityView } from '../../../domain/resources/views.ts';
import { FACILITY_TYPE_LABELS } from '../../../domain/resources/facility.ts';
import type { ScenarioChange } from '../../../domain/scenarios/scenario.ts';
import { useApp } from '../../app-context.ts';
import { areaName, formatNumber } from '../../format.ts';
import type { MessageKey } from '../../i18n.ts';
import { useApi } from '../../use-api.ts';
import { capacityText } from './capacity-text.ts';
import type { NormOption } from './norm-select.tsx';
import { useNorms } from './norm-select.tsx';

export const KIND_LABELS: Record<ScenarioChange['kind'], MessageKey> = {
  addFacility: 'scenarioKindAdd',
  removeFacility: 'scenarioKindRemove',
  resizeFacility: 'scenarioKindResize',
  projectPopulation: 'scenarioKindPopulation',
  changeNorm: 'scenarioKindNorm',
  completeProjects: 'scenarioEdKindProjects',
};

/** The ids of the registry facilities the changes refer to. */
const referencedIds = (changes: readonly ScenarioChange[]) =>
  [
    ...new Set(
      changes.flatMap((c) =>
        c.kind === 'removeFacility' || c.kind === 'resizeFacility' ? [c.facilityId] : [],
      ),
    ),
  ].sort((a, b) => a - b);

export function ChangeList({
  changes,
  mayWrite,
  editing,
  onEdit,
  onRemove,
}: {
  changes: readonly ScenarioChange[];
  mayWrite: boolean;
  /** The index of the change being edited (its row is marked). */
  editing: number | null;
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useApp();
  const ids = referencedIds(changes);
  const facilities = useApi<FacilityView[]>(ids.length > 0 ? `/api/facilities?ids=${ids.join(',')}` : null);
  const norms = useNorms();
  const describe = useDescribe(new Map((facilities.data ?? []).map((f) => [f.id, f])), norms.data ?? []);
  return (
    <div class="table-wrap">
      <table data-testid="scenario-changes">
        <caption>{t('scenarioChangesCaption', { n: changes.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scenarioChangeKind')}</th>
            <th scope="col">{t('scenarioChangeWhat')}</th>
            {mayWrite && <th scope="col">{t('scenarioChangeActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={i} aria-current={editing === i ? 'true' : undefined}>
              <td>{t(KIND_LABELS[c.kind])}</td>
              <td>{describe(c)}</td>
              {mayWrite && (
                <td class="buttons">
                  <button type="button" onClick={() => onEdit(i)}>
                    {t('scenarioEdEdit')}
                  </button>
                  <button type="button" onClick={() => onRemove(i)}>
                    {t('scenarioChangeRemove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function useDescribe(facilities: ReadonlyMap<number, FacilityView>, norms: readonly NormOption[]) {
  const { t, pick, lang, meta } = useApp();
  const district = (code: string) => areaName(meta.areas, code, lang);
  const facility = (id: number) => {
    const f = facilities.get(id);
    return f
      ? t('scenarioEdFacilityDescribe', {
          name: f.name,
          type: pick(FACILITY_TYPE_LABELS[f.type]),
          district: district(f.districtCode),
        })
      : t('scenarioEdFacilityNumber', { id });
  };
  return (c: ScenarioChange): string => {
    switch (c.kind) {
      case 'addFacility':
        return t('scenarioEdDescribeAdd', {
          name: c.name,
          type: pick(FACILITY_TYPE_LABELS[c.type]),
          district: district(c.districtCode),
          lon: c.lon.toFixed(5),
          lat: c.lat.toFixed(5),
          capacities: capacityText(c.capacities, pick, lang) || '—',
        });
      case 'removeFacility':
        return facility(c.facilityId);
      case 'resizeFacility':
        return `${facility(c.facilityId)} → ${capacityText(c.capacities, pick, lang)}`;
      case 'projectPopulation':
        return c.total !== undefined
          ? t('scenarioEdDescribeTotal', {
              district: district(c.districtCode),
              year: c.year,
              total: formatNumber(c.total, lang),
            })
          : t('scenarioEdDescribeTrend', {
              district: district(c.districtCode),
              year: c.year,
              fromYear: c.trend?.fromYear ?? '—',
              toYear: c.trend?.toYear ?? '—',
              from: formatNumber(c.trend?.fromPopulation, lang),
              to: formatNumber(c.trend?.toPopulation, lang),
            });
      case 'changeNorm': {
        const n = norms.find((x) => x.code === c.normCode);
        return t('scenarioEdDescribeNorm', {
          norm: n ? (lang === 'zh' ? n.name : n.nameEn) : c.normCode,
          value: formatNumber(c.value, lang),
          unit: n?.unit ?? '',
        });
      }
      case 'completeProjects':
        return c.projectCodes && c.projectCodes.length > 0
          ? t('scenarioEdDescribeProjectsSome', { asOf: c.asOf, codes: c.projectCodes.join('、') })
          : t('scenarioEdDescribeProjectsAll', { asOf: c.asOf });
    }
  };
}
