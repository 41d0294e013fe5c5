/**
 * The indicator board (home): every indicator of the plan for one area and year, with its
 * baseline and target as printed, the latest figure, the expected value and the status.
 */
import { NATURE_LABELS } from '../../domain/plan/labels.ts';
import type { BoardRow, BoardView } from '../../domain/plan/views.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import type { RowGroup, Grouping } from '../board-groups.ts';
import { groupRows } from '../board-groups.ts';
import { AreaSelect, YearSelect } from '../components/area-year-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { SampleTag } from '../components/sample-tag.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { formatNumber, yearRange } from '../format.ts';
import type { Route } from '../router.ts';
import { href, replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useSelection } from '../use-selection.ts';

export function BoardPage({ route }: { route: Route }) {
  const { t, meta } = useApp();
  useDocumentTitle(t('boardTitle'));
  const { year, area } = useSelection(route);
  const scope = route.query.get('scope') === 'all' ? 'all' : 'headline';
  const grouping: Grouping = route.query.get('group') === 'sector' ? 'sector' : 'category';
  const board = useApi<BoardView>(withQuery('/api/board', { year, area }));
  const data =
    board.data && board.data.year === year && board.data.areaCode === area ? board.data : undefined;
  const rows = data ? data.rows.filter((r) => scope === 'all' || r.headline) : [];
  const groups = groupRows(rows, grouping);

  return (
    <>
      <h1>{t('boardTitle')}</h1>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('boardTitle')}>
        <YearSelect
          id="board-year"
          years={yearRange(meta.pack.periodStart, meta.pack.periodEnd)}
          value={year}
          onChange={(y) => replaceQuery(route, { year: y })}
        />
        <AreaSelect id="board-area" value={area} onChange={(a) => replaceQuery(route, { area: a })} />
        <fieldset class="segmented">
          <legend>{t('scope')}</legend>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'headline'}
              onChange={() => replaceQuery(route, { scope: undefined })}
            />
            {t('scopeHeadline')}
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'all'}
              onChange={() => replaceQuery(route, { scope: 'all' })}
            />
            {t('scopeAll')}
          </label>
        </fieldset>
        <fieldset class="segmented">
          <legend>{t('grouping')}</legend>
          <label>
            <input
              type="radio"
              name="group"
              checked={grouping === 'category'}
              onChange={() => replaceQuery(route, { group: undefined })}
            />
            {t('groupByCategory')}
          </label>
          <label>
            <input
              type="radio"
              name="group"
              checked={grouping === 'sector'}
              onChange={() => replaceQuery(route, { group: 'sector' })}
            />
            {t('groupBySector')}
          </label>
        </fieldset>
      </form>

      {board.error && <ErrorMessage error={board.error} onRetry={board.reload} />}
      {!data && !board.error && <Loading />}
      {data && (
        <>
          {data.usesSampleData && <SampleBanner />}
          <div class="counts-row">
            <StatusCounts id="counts-headline" title={t('countsHeadline')} counts={data.counts.headline} />
            <StatusCounts id="counts-all" title={t('countsAll')} counts={data.counts.all} />
          </div>
          <p class="muted" role="status">
            {t('indicatorsShown', { n: rows.length })}
          </p>
          {groups.length === 0 && <p>{t('noRows')}</p>}
          {groups.map((group) => (
            <BoardTable key={group.key} group={group} year={year} area={area} />
          ))}
        </>
      )}
    </>
  );
}

/** One group as one table; in category grouping, one row group (tbody) per sector. */
function BoardTable({ group, year, area }: { group: RowGroup; year: number; area: string }) {
  const { t, pick } = useApp();
  const sections =
    group.subgroups.length > 0 ? group.subgroups : [{ ...group, key: `${group.key}-rows`, subgroups: [] }];
  const showSectionHeads = group.subgroups.length > 0;
  return (
    <section class="group" aria-labelledby={group.key}>
      <h2 id={group.key}>
        {pick(group.label)} <span class="muted">({group.rows.length})</span>
      </h2>
      <div class="table-wrap" role="region" aria-labelledby={group.key} tabIndex={0}>
        <table class="board-table">
          <colgroup>
            <col class="c-code" />
            <col class="c-name" />
            <col class="c-unit" />
            <col class="c-baseline" />
            <col class="c-target" />
            <col class="c-nature" />
            <col class="c-latest" />
            <col class="c-expected" />
            <col class="c-status" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('colCode')}</th>
              <th scope="col">{t('colIndicator')}</th>
              <th scope="col">{t('colUnit')}</th>
              <th scope="col">{t('colBaseline')}</th>
              <th scope="col">{t('colTarget')}</th>
              <th scope="col">{t('colNature')}</th>
              <th scope="col">{t('colLatest')}</th>
              <th scope="col">{t('colExpected')}</th>
              <th scope="col">{t('colStatus')}</th>
            </tr>
          </thead>
          {sections.map((section) => (
            <tbody key={section.key}>
              {showSectionHeads && (
                <tr class="rowgroup-head">
                  <th scope="rowgroup" colSpan={9}>
                    {pick(section.label)} <span class="muted">({section.rows.length})</span>
                  </th>
                </tr>
              )}
              {section.rows.map((row) => (
                <BoardRowView key={row.code} row={row} year={year} area={area} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

function BoardRowView({ row, year, area }: { row: BoardRow; year: number; area: string }) {
  const { t, pick, lang } = useApp();
  const ev = row.evaluation;
  return (
    <tr data-testid={`board-row-${row.code}`}>
      <th scope="row" class="code">
        {row.code}
      </th>
      <td>
        <a href={href(`/indicators/${encodeURIComponent(row.code)}`, { year, area })}>
          {lang === 'zh' ? row.name : row.nameEn}
        </a>
      </td>
      <td>{lang === 'zh' ? row.unit : row.unitEn}</td>
      <td class="num" data-testid={`baseline-${row.code}`}>
        {row.baselineText}
      </td>
      <td class="num" data-testid={`target-${row.code}`}>
        {row.targetText}
      </td>
      <td>
        <span class={`nature nature-${row.nature}`}>{pick(NATURE_LABELS[row.nature])}</span>
      </td>
      <td class="num">
        {ev?.latest ? (
          <>
            {row.cumulativeOverPeriod && ev.runningTotal !== null ? (
              <>
                {t('runningTotal')} {formatNumber(ev.runningTotal, lang)}
              </>
            ) : (
              formatNumber(ev.latest.value, lang)
            )}{' '}
            <span class="muted">({ev.latest.year})</span> {ev.latest.sample && <SampleTag />}
          </>
        ) : (
          '—'
        )}
      </td>
      <td class="num">{ev ? formatNumber(ev.expected, lang) : '—'}</td>
      <td>
        {ev ? (
          <StatusBadge status={ev.status} testId={`status-${row.code}`} />
        ) : (
          <span data-testid={`status-${row.code}`}>{t('notApplicable')}</span>
        )}
      </td>
    </tr>
  );
}
