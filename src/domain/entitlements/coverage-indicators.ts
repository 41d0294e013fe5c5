/**
 * Coverage of services from a matching snapshot: receiving among the eligible, per service and
 * district, and for the plan's coverage indicators that are exactly this ratio (e.g. H19 符合条件的
 * 困难残疾人生活补贴和重度残疾人护理补贴覆盖率 = receiving / eligible over both subsidies), the computed
 * value beside the plan's target. Services are matched to an indicator by name, because service codes
 * are the catalog's and indicator codes the plan's; a name that matches nothing gives no value.
 */

export interface CoverageCount {
  serviceCode: string;
  districtCode: string;
  eligible: number;
  receivingEligible: number;
}

export interface IndicatorLink {
  indicatorCode: string;
  /** A service counts when its name contains one of these. */
  serviceNames: readonly string[];
}

/** The plan's indicators that are a coverage of eligible people (column 1). */
export const COVERAGE_INDICATORS: readonly IndicatorLink[] = [
  { indicatorCode: 'H19', serviceNames: ['困难残疾人生活补贴', '重度残疾人护理补贴'] },
  { indicatorCode: 'H20', serviceNames: ['无障碍改造'] },
  { indicatorCode: 'H05', serviceNames: ['基本养老保险'] },
  { indicatorCode: 'H15', serviceNames: ['基本医疗保险'] },
];

export interface Coverage {
  eligible: number;
  receivingEligible: number;
  /** Percent of the eligible who receive; null when nobody is eligible. */
  percent: number | null;
}

export function coverageOf(
  rows: ReadonlyArray<Pick<CoverageCount, 'eligible' | 'receivingEligible'>>,
): Coverage {
  const eligible = rows.reduce((s, r) => s + r.eligible, 0);
  const receivingEligible = rows.reduce((s, r) => s + r.receivingEligible, 0);
  return { eligible, receivingEligible, percent: eligible > 0 ? (100 * receivingEligible) / eligible : null };
}

/** The services an indicator is computed from. */
export function servicesOfIndicator(
  link: IndicatorLink,
  services: ReadonlyArray<{ code: string; name: string }>,
): string[] {
  return services.filter((s) => link.serviceNames.some((n) => s.name.includes(n))).map((s) => s.code);
}
