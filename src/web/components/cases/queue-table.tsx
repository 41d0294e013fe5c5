/**
 * The office's queue as a table, in the server's order (overdue first, then near the deadline, then
 * by due date). The case id is the row's link to the case view; the table scrolls inside its own box
 * on a narrow screen.
 */
import type { CatalogSummary } from '../../../domain/entitlements/views.ts';
import { useApp } from '../../app-context.ts';
import { areaName } from '../../format.ts';
import { href } from '../../router.ts';
import { CaseFlags } from './case-flags.tsx';
import { DaysLeft, DueDate } from './case-deadline.tsx';
import { stateText } from './case-format.ts';
import type { CaseSummary } from './case-types.ts';

export function QueueTable(props: { cases: CaseSummary[]; services: CatalogSummary[] }) {
  const { t, lang, meta } = useApp();
  const serviceName = (code: string) => {
    const s = props.services.find((x) => x.code === code);
    return s ? (lang === 'zh' ? s.name : s.nameEn) : code;
  };
  if (props.cases.length === 0) return <p data-testid="cw-queue-empty">{t('cwEmpty')}</p>;
  return (
    <div class="table-wrap case-queue-wrap" tabIndex={0} role="region" aria-labelledby="cw-queue-caption">
      <table class="case-queue" data-testid="cw-queue">
        <caption id="cw-queue-caption">{t('cwTableCaption', { n: props.cases.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cwColId')}</th>
            <th scope="col">{t('cwColService')}</th>
            <th scope="col">{t('cwColApplicant')}</th>
            <th scope="col">{t('cwColDistrict')}</th>
            <th scope="col">{t('cwColState')}</th>
            <th scope="col">{t('cwColSubmitted')}</th>
            <th scope="col">{t('cwColDue')}</th>
            <th scope="col">{t('cwColDaysLeft')}</th>
            <th scope="col">{t('cwColFlags')}</th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => (
            <tr key={c.id} data-testid={`cw-row-${c.id}`} data-case-id={c.id} data-state={c.state}>
              <th scope="row">
                <a href={href(`/cases/${encodeURIComponent(c.id)}`)}>{c.id}</a>
              </th>
              <td>
                <span class="muted">{c.serviceCode}</span> {serviceName(c.serviceCode)}
              </td>
              <td>{c.applicant.displayName || c.applicant.username}</td>
              <td>{areaName(meta.areas, c.districtCode, lang)}</td>
              <td>{stateText(c.state, lang)}</td>
              <td>{c.submittedOn}</td>
              <td>
                <DueDate c={c} />
              </td>
              <td>
                <DaysLeft c={c} />
              </td>
              <td>
                <CaseFlags c={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
