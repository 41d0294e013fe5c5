/**
 * The chapter-5 reviews from the database: annual, mid-term and final, as structured results and as
 * Word and Excel documents.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReview, renderReviewDocument } from '../../src/app/plan/get-review.ts';
import { loadSampleData } from '../../src/app/plan/sample-data.ts';
import { EVALUATION_COLUMNS } from '../../src/app/plan/reports/review-xlsx.ts';
import type { StatusCounts } from '../../src/domain/plan/review.ts';
import { STATUSES } from '../../src/domain/plan/status.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { engineName, expectFuwuError, fieldsOf, fixedClock, openTestPlatform } from '../support/test-db.ts';

const total = (c: StatusCounts) => STATUSES.reduce((s, k) => s + c[k], 0);

describe(`reviews (${engineName()})`, () => {
  let p: TestPlatform;
  let indicatorCount: number;

  beforeAll(async () => {
    p = await openTestPlatform({ clock: fixedClock('2026-01-15T02:00:00.000Z') });
    indicatorCount = (await p.ctx.plan.get()).indicators.length;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('an annual evaluation needs a year within the plan period', async () => {
    expect(
      fieldsOf(await expectFuwuError(getReview(p.ctx, SYSTEM_ACTOR, { kind: 'annual' }), 'invalid_input')),
    ).toEqual(['year']);
    expect(
      fieldsOf(
        await expectFuwuError(
          getReview(p.ctx, SYSTEM_ACTOR, { kind: 'annual', year: 2030 }),
          'invalid_input',
        ),
      ),
    ).toEqual(['year']);
    expect(
      fieldsOf(await expectFuwuError(getReview(p.ctx, SYSTEM_ACTOR, { kind: 'weekly' }), 'invalid_input')),
    ).toEqual(['kind']);
  });

  it('annual, mid-term and final reviews count every indicator once', async () => {
    const annual = await getReview(p.ctx, SYSTEM_ACTOR, { kind: 'annual', year: 2022 });
    const midTerm = await getReview(p.ctx, SYSTEM_ACTOR, { kind: 'midTerm' });
    const final = await getReview(p.ctx, SYSTEM_ACTOR, { kind: 'final', year: 2021 }); // the year is fixed by the kind
    expect([annual.year, midTerm.year, final.year]).toEqual([2022, 2023, 2025]);
    for (const r of [annual, midTerm, final]) {
      expect(total(r.counts.all)).toBe(indicatorCount);
      expect(r.city).toHaveLength(indicatorCount);
      expect(Object.keys(r.indicators)).toHaveLength(indicatorCount);
      expect(total(r.counts.headline)).toBe(30);
      expect(r.usesSampleData).toBe(false);
    }
    // Only the plan's 2020 baselines so far: nothing after the baseline, so everything lacks data.
    expect(midTerm.counts.all.noData).toBe(indicatorCount);
  });

  it('with sample data the review shows several statuses', async () => {
    await loadSampleData(p.ctx, p.admin);
    const midTerm = await getReview(p.ctx, SYSTEM_ACTOR, { kind: 'midTerm' });
    expect(total(midTerm.counts.all)).toBe(indicatorCount);
    const present = STATUSES.filter((s) => midTerm.counts.all[s] > 0);
    expect(present.length).toBeGreaterThanOrEqual(3);
    expect(midTerm.usesSampleData).toBe(true);
    expect(Object.keys(midTerm.districts).length).toBeGreaterThan(0);
  });

  it('renders the review as a Word report and an Excel workbook', async () => {
    const docx = await renderReviewDocument(p.ctx, SYSTEM_ACTOR, { kind: 'midTerm' }, 'docx');
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.fileName).toBe('成都市2023年中期评估.docx');
    expect(docx.contentType).toContain('wordprocessingml');
    expect(docx.bytes.length).toBeGreaterThan(10_000);

    const xlsx = await renderReviewDocument(p.ctx, SYSTEM_ACTOR, { kind: 'annual', year: 2022 }, 'xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.fileName).toBe('成都市2022年年度评价.xlsx');
    expect(xlsx.contentType).toContain('spreadsheetml');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['概览', '指标评价']));
    const sheet = wb.getWorksheet('指标评价') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...EVALUATION_COLUMNS]);
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(1).value));
    });
    expect(codes).toHaveLength(indicatorCount);
    expect(new Set(codes).size).toBe(indicatorCount);
    const plan = await p.ctx.plan.get();
    expect(codes.slice().sort()).toEqual(plan.indicators.map((i) => i.code).sort());

    const final = await renderReviewDocument(p.ctx, SYSTEM_ACTOR, { kind: 'final' }, 'docx');
    expect(final.fileName).toBe('成都市2025年终期总结.docx');
  });
});
