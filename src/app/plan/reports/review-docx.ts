/**
 * A review as a Word report in Chinese, in the order a planner reads it: overall counts, binding
 * indicators off track first, each category, each district, charts of the lagging indicators, and
 * how the statuses were worked out. Every figure comes from the Review; nothing is recomputed here.
 */
import type { Table } from 'docx';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import type { Evaluation } from '../../../domain/plan/evaluate.ts';
import { DEFAULT_OPTIONS } from '../../../domain/plan/evaluate.ts';
import { CATEGORY_LABELS, NATURE_LABELS } from '../../../domain/plan/labels.ts';
import type { Indicator } from '../../../domain/plan/pack.schema.ts';
import { CATEGORIES } from '../../../domain/plan/pack.schema.ts';
import type { StatusCounts } from '../../../domain/plan/review.ts';
import { REVIEW_LABELS } from '../../../domain/plan/review.ts';
import { STATUSES, STATUS_LABELS, STATUS_SEVERITY, isOffTrack } from '../../../domain/plan/status.ts';
import { describeTarget } from '../../../domain/plan/target.ts';
import type { ReviewDocumentInput } from './review-document.types.ts';
import type { CellValue } from './review-docx.blocks.ts';
import {
  A4_PAGE,
  STYLES,
  TEXT_WIDTH_PX,
  heading1,
  heading2,
  notice,
  para,
  table,
  zhNumber,
} from './review-docx.blocks.ts';
import {
  METHOD_LABELS,
  SAMPLE_NOTICE,
  countStatuses,
  districtsOf,
  formatBeijingTime,
  formatValue,
  indexByCode,
  indicatorOf,
  latestText,
  nameWithUnit,
  reasonsZh,
  reviewTitle,
  totalOf,
} from './review-document.format.ts';
import { renderTrajectoryPng } from './trajectory-png.ts';

type Block = Paragraph | Table;

/** The ideographic space (U+3000) Chinese typesetting separates items on a line with. */
const GAP = '\u3000';

/** The caption legend; the colours are those trajectory-png.ts draws with. */
export const CHART_LEGEND =
  '灰色虚线：应达路径；蓝线：实际值；橙点：示例数据；阴影：目标区间；黑色菱形：基期值';

/** Render the review as a .docx report (A4, Chinese). */
export async function renderReviewDocx(input: ReviewDocumentInput): Promise<Buffer> {
  const ctx: Context = { input, byCode: indexByCode(input.indicators) };
  const title = reviewTitle(input.meta, input.review);
  const doc = new Document({
    creator: 'fuwu',
    title,
    description: `${input.meta.title}：${REVIEW_LABELS[input.review.kind].zh}（${input.review.year}年）`,
    styles: STYLES,
    sections: [
      {
        properties: { page: A4_PAGE },
        children: [
          ...titleBlock(ctx, title),
          ...overview(ctx),
          ...offTrack(ctx),
          ...byCategory(ctx),
          ...byDistrict(ctx),
          ...charts(ctx),
          ...notes(ctx),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

interface Context {
  input: ReviewDocumentInput;
  byCode: Map<string, Indicator>;
}

function titleBlock({ input }: Context, title: string): Block[] {
  const blocks: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    para(`生成时间：${formatBeijingTime(input.generatedAt)}${GAP}测算方法：${METHOD_LABELS[input.method]}`, {
      centre: true,
      size: 18,
      colour: '595959',
    }),
  ];
  if (input.review.usesSampleData) blocks.push(notice(SAMPLE_NOTICE));
  return blocks;
}

function countsSentence(counts: StatusCounts): string {
  return STATUSES.map((s) => `${STATUS_LABELS[s].zh}${counts[s]}项`).join('、');
}

function countsTable(rows: Array<[string, StatusCounts]>): Table {
  return table(
    ['分组', ...STATUSES.map((s) => STATUS_LABELS[s].zh), '合计'],
    rows.map(([label, counts]) => [label, ...STATUSES.map((s) => counts[s]), totalOf(counts)]),
    [3, 1, 1, 1, 1, 1, 1],
  );
}

function overview({ input }: Context): Block[] {
  const { review } = input;
  const all = review.counts.all;
  return [
    heading1('一、总体情况'),
    para(
      `本次${REVIEW_LABELS[review.kind].zh}以${review.year}年为评价年度，在全市层面共评价${totalOf(all)}项指标，其中${countsSentence(all)}；` +
        `约束性指标进度滞后${review.bindingOffTrack.length}项。`,
    ),
    countsTable([
      ['全部指标', all],
      ...CATEGORIES.map((c): [string, StatusCounts] => [CATEGORY_LABELS[c].zh, review.counts.byCategory[c]]),
      [`主要指标（专栏1，${totalOf(review.counts.headline)}项）`, review.counts.headline],
    ]),
  ];
}

/** One off-track indicator: a bold line naming it, its figures, and the evaluator's reasons. */
function offTrackItem(ctx: Context, ev: Evaluation, n: number): Block[] {
  const ind = indicatorOf(ctx.byCode, ev.indicatorCode);
  return [
    para(
      `${n}. ${ind.name}（${ind.code}，${NATURE_LABELS[ind.nature].zh}，${STATUS_LABELS[ev.status].zh}）`,
      { bold: true },
    ),
    para(
      `规划目标：${ind.targetText}（${ind.unit || '无单位'}）；最新值：${latestText(ev, ind)}；应达值：${formatValue(ev.expected)}。`,
    ),
    para(`原因：${reasonsZh(ev) || '—'}。`),
  ];
}

function offTrack(ctx: Context): Block[] {
  const { review } = ctx.input;
  const binding = review.city.filter((ev) => review.bindingOffTrack.includes(ev.indicatorCode));
  const others = review.city.filter(
    (ev) => isOffTrack(ev.status) && !review.bindingOffTrack.includes(ev.indicatorCode),
  );
  return [
    heading1('二、约束性指标进度滞后情况'),
    heading2('（一）约束性指标'),
    ...(binding.length === 0
      ? [para('无约束性指标进度滞后。')]
      : binding.flatMap((ev, i) => offTrackItem(ctx, ev, i + 1))),
    heading2('（二）其他进度滞后指标'),
    ...(others.length === 0
      ? [para('无其他进度滞后指标。')]
      : others.flatMap((ev, i) => offTrackItem(ctx, ev, i + 1))),
  ];
}

function byCategory(ctx: Context): Block[] {
  const blocks: Block[] = [heading1('三、分类指标评价')];
  let n = 0;
  for (const category of CATEGORIES) {
    const evs = ctx.input.review.city.filter(
      (ev) => indicatorOf(ctx.byCode, ev.indicatorCode).category === category,
    );
    if (evs.length === 0) continue;
    blocks.push(heading2(`（${zhNumber(++n)}）${CATEGORY_LABELS[category].zh}`));
    const rows = evs.map((ev): CellValue[] => {
      const ind = indicatorOf(ctx.byCode, ev.indicatorCode);
      return [
        `${nameWithUnit(ind)}${ind.nature === 'binding' ? '★' : ''}`,
        formatValue(ev.baseline?.value ?? ind.baseline),
        ind.targetText,
        latestText(ev, ind),
        formatValue(ev.expected),
        { status: ev.status },
      ];
    });
    blocks.push(
      table(['指标', '基期值', '目标', '最新值', '应达值', '状态'], rows, [5, 1.3, 1.5, 2.4, 1.3, 1.5]),
    );
  }
  blocks.push(
    para('注：★ 为约束性指标；累计类指标的最新值为期内累计值，应达值为按年份均摊的目标。', { size: 18 }),
  );
  return blocks;
}

function byDistrict(ctx: Context): Block[] {
  const { review } = ctx.input;
  const districts = districtsOf(ctx.input.areas);
  // Walk indicators in review order so each district's table keeps the report's order.
  const evsOf = (areaCode: string) =>
    review.city.flatMap((c) =>
      (review.districts[c.indicatorCode] ?? []).filter((e) => e.areaCode === areaCode),
    );
  const perDistrict = districts.map((d) => ({ area: d, evs: evsOf(d.code) }));
  const blocks: Block[] = [
    heading1('四、分区县情况'),
    para('区县目标：比率类指标与全市目标相同，累计类指标按常住人口占比分解，仅全市统计的指标不分解到区县。'),
    countsTable(perDistrict.map(({ area, evs }): [string, StatusCounts] => [area.name, countStatuses(evs)])),
  ];
  perDistrict.forEach(({ area, evs }, i) => {
    blocks.push(heading2(`（${zhNumber(i + 1)}）${area.name}`));
    if (evs.length === 0) {
      blocks.push(para('暂无分解到本区县的指标。'));
      return;
    }
    blocks.push(para(`评价${evs.length}项指标：${countsSentence(countStatuses(evs))}。`));
    const off = evs
      .filter((e) => isOffTrack(e.status))
      .sort((a, b) => STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status]);
    if (off.length === 0) {
      blocks.push(para('无进度滞后指标。'));
      return;
    }
    const rows = off.map((ev): CellValue[] => {
      const ind = indicatorOf(ctx.byCode, ev.indicatorCode);
      return [
        nameWithUnit(ind),
        describeTarget(ev.target),
        latestText(ev, ind),
        formatValue(ev.expected),
        { status: ev.status },
        reasonsZh(ev),
      ];
    });
    blocks.push(
      table(['进度滞后指标', '目标', '最新值', '应达值', '状态', '原因'], rows, [3.2, 1.3, 2, 1.2, 1.3, 5]),
    );
  });
  return blocks;
}

function charts(ctx: Context): Block[] {
  const { review, series } = ctx.input;
  const blocks: Block[] = [heading1('五、滞后指标趋势图')];
  const width = Math.min(600, TEXT_WIDTH_PX);
  let n = 0;
  for (const ev of review.city) {
    const s = series[ev.indicatorCode];
    if (!isOffTrack(ev.status) || !s) continue;
    const ind = indicatorOf(ctx.byCode, ev.indicatorCode);
    const caption = `图${++n}${GAP}${ind.name}（${ind.code}，${STATUS_LABELS[ev.status].zh}${ind.unit ? `，单位：${ind.unit}` : ''}${s.cumulative ? '，期内累计值' : ''}）`;
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type: 'png',
            data: renderTrajectoryPng(s),
            transformation: { width, height: Math.round(width / 2) },
            altText: { name: ind.code, title: caption, description: `${caption}。${CHART_LEGEND}` },
          }),
        ],
      }),
      para(caption, { centre: true, bold: true, size: 20 }),
      para(CHART_LEGEND, { centre: true, size: 16, colour: '595959' }),
    );
  }
  if (n === 0) blocks.push(para('本次评价无进度滞后或存在风险的指标。'));
  return blocks;
}

function notes({ input }: Context): Block[] {
  const ratio = Math.round((input.onTrackRatio ?? DEFAULT_OPTIONS.onTrackRatio) * 100);
  const sources = [...new Set(input.review.city.flatMap((ev) => (ev.latest ? [ev.latest.source] : [])))];
  const blocks: Block[] = [
    heading1('六、说明'),
    para(`1. 测算方法：${METHOD_LABELS[input.method]}。应达值为评价年份（或最新数据年份）在路径上的取值。`),
    para(
      `2. 状态判定：最新值已达到规划目标的为“已实现”（按指标方向判断，“左右”按容差）；实际进展达到应达进展${ratio}%及以上且未到目标年的为“进度正常”；` +
        `低于该比例，或目标年已到而未达标的为“进度滞后”；约束性指标进度滞后的列为“存在风险”；基期后尚无观测值或尚无评估意见的为“暂无数据”。`,
    ),
    para(
      '3. 累计类指标（新增、累计）以期内逐年累计值与五年目标按年份均摊后的应达值比较；定性指标依据录入的年度评估意见。',
    ),
    para(
      `4. 规划依据：${input.meta.title}（数据包 ${input.meta.id} v${input.meta.version}），各指标出处见 Excel 附表“指标评价”。`,
    ),
    para(`5. 数据来源：${sources.length > 0 ? sources.join('；') : '暂无观测数据'}。`),
  ];
  if (input.review.usesSampleData) blocks.push(notice(SAMPLE_NOTICE));
  return blocks;
}
