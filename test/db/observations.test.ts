/**
 * Figures through the use cases: entry, correction and deletion with their history and audit rows,
 * validation, roles and scopes, judgements, file import (CSV in UTF-8 and GBK, XLSX; all rows or
 * none), and the generated sample data. Each test writes its own indicators and years.
 */
import ExcelJS from 'exceljs';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBoard } from '../../src/app/plan/get-board.ts';
import { correctObservation } from '../../src/app/plan/correct-observation.ts';
import { deleteObservation } from '../../src/app/plan/delete-observation.ts';
import { getMeta } from '../../src/app/plan/get-meta.ts';
import { importObservations } from '../../src/app/plan/import-observations.ts';
import { observationRevisions } from '../../src/app/plan/list-observations.ts';
import { recordJudgement } from '../../src/app/plan/record-judgement.ts';
import { recordObservation } from '../../src/app/plan/record-observation.ts';
import { loadSampleData, removeSampleData } from '../../src/app/plan/sample-data.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { Status } from '../../src/domain/plan/status.ts';
import { ObservationRepository } from '../../src/store/repositories/observation.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';

const CITY = '510100';
const JINJIANG = '510104';
const NOW = '2024-03-01T08:00:00.000Z';

let p: TestPlatform;
let viewer: Actor;
let healthOfficer: Actor;
let jinjiangOfficer: Actor;

beforeAll(async () => {
  const opened = await openTestPlatformWith({
    clock: fixedClock(NOW),
    users: {
      viewer: { username: 'viewer1', role: 'viewer' },
      healthOfficer: { username: 'health1', role: 'departmentOfficer', sector: 'health' },
      jinjiangOfficer: { username: 'jinjiang1', role: 'districtOfficer', districtCode: JINJIANG },
    },
  });
  p = opened;
  ({ viewer, healthOfficer, jinjiangOfficer } = opened.users);
});

afterAll(async () => {
  await p?.close();
});

async function boardStatus(code: string, year: number, areaCode = CITY): Promise<Status | undefined> {
  const board = await getBoard(p.ctx, SYSTEM_ACTOR, { year, areaCode });
  return board.rows.find((r) => r.code === code)?.evaluation?.status;
}

const obs = (indicatorCode: string, areaCode: string, year: number, value: number | string) => ({
  indicatorCode,
  areaCode,
  year,
  value,
  source: '成都市统计年鉴',
});

const repo = () => new ObservationRepository(p.db);
const countObservations = () => countOf(p.db, 'SELECT count(*) AS n FROM observations');

describe(`observations (${engineName()})`, () => {
  it('entering a figure creates revision 1 and moves the board from noData to the computed status', async () => {
    expect(await boardStatus('H03', 2023)).toBe('noData');
    // H03 每千人口执业医师: 4.26 (2020) → 4.5 (2025), expected (预期性), increase. The linear path
    // expects 4.26 + 0.24 × 3/5 = 4.404 in 2023; 4.30 makes (4.30 − 4.26) / 0.144 ≈ 0.28 of the
    // required progress, below 0.95: behind the path, and not binding, so lagging.
    const r = await recordObservation(p.ctx, p.admin, obs('H03', CITY, 2023, 4.3));
    expect(r.created).toBe(true);
    expect(r.observation).toMatchObject({
      indicatorCode: 'H03',
      areaCode: CITY,
      year: 2023,
      value: 4.3,
      revision: 1,
      sample: false,
      updatedBy: 'admin',
      updatedAt: NOW,
    });
    expect(await boardStatus('H03', 2023)).toBe('lagging');
    // The year before still has nothing after the baseline.
    expect(await boardStatus('H03', 2022)).toBe('noData');
  });

  it('entering a figure again for the same key needs a reason, and keeps the previous one', async () => {
    const first = await repo().findByKey('H03', CITY, 2023);
    expect(first?.value).toBe(4.3);
    const err = await expectFuwuError(
      recordObservation(p.ctx, p.admin, obs('H03', CITY, 2023, 4.45)),
      'invalid_input',
    );
    expect(fieldsOf(err)).toEqual(['reason']);
    expect((await repo().findByKey('H03', CITY, 2023))?.value).toBe(4.3);

    // 4.45 is (4.45 − 4.26) / 0.144 ≈ 1.32 of the required progress: on track.
    const r = await recordObservation(p.ctx, p.admin, {
      ...obs('H03', CITY, 2023, 4.45),
      reason: '统计局更正',
    });
    expect(r.created).toBe(false);
    expect(r.observation).toMatchObject({ id: first?.id, value: 4.45, revision: 2 });
    expect(await boardStatus('H03', 2023)).toBe('onTrack');

    const history = await observationRevisions(p.ctx, SYSTEM_ACTOR, r.observation.id);
    expect(history.map((h) => h.revision)).toEqual([1, 2]);
    expect(history[0]).toMatchObject({ previous: null, current: { value: 4.3 }, changedBy: 'admin' });
    expect(history[1]).toMatchObject({
      previous: { value: 4.3 },
      current: { value: 4.45 },
      reason: '统计局更正',
      changedAt: NOW,
    });
  });

  it('correcting and deleting need a reason and keep the history', async () => {
    const { observation } = await recordObservation(p.ctx, p.admin, obs('H04', CITY, 2022, 81.7));
    const id = observation.id;
    for (const reason of [undefined, null, '', '   ']) {
      const err = await expectFuwuError(
        correctObservation(p.ctx, p.admin, id, { value: 81.8, source: '统计公报', reason }),
        'invalid_input',
      );
      expect(fieldsOf(err)).toEqual(['reason']);
    }
    const corrected = await correctObservation(p.ctx, p.admin, id, {
      value: 81.8,
      source: '统计公报',
      reason: '录入错误',
    });
    expect(corrected).toMatchObject({ id, value: 81.8, source: '统计公报', revision: 2 });

    expect(
      fieldsOf(await expectFuwuError(deleteObservation(p.ctx, p.admin, id, ''), 'invalid_input')),
    ).toEqual(['reason']);
    expect(await repo().get(id)).not.toBeNull();
    await deleteObservation(p.ctx, p.admin, id, '重复录入');
    expect(await repo().get(id)).toBeNull();
    expect(await boardStatus('H04', 2022)).toBe('noData');

    const history = await observationRevisions(p.ctx, SYSTEM_ACTOR, id);
    expect(history).toHaveLength(3);
    expect(history[1]).toMatchObject({
      previous: { value: 81.7 },
      current: { value: 81.8 },
      reason: '录入错误',
    });
    expect(history[2]).toMatchObject({ previous: { value: 81.8 }, current: null, reason: '重复录入' });
    await expectFuwuError(deleteObservation(p.ctx, p.admin, id, 'again'), 'not_found');
  });

  it('writes one audit row per write, naming the actor', async () => {
    const audit = () =>
      p.db.query<{ actorId: number | null; actor: string; action: string; entityId: string | null }>(
        `SELECT actor_id AS "actorId", actor, action, entity_id AS "entityId" FROM audit_log ORDER BY id DESC LIMIT 1`,
      );
    const count = () => countOf(p.db, 'SELECT count(*) AS n FROM audit_log');

    const before = await count();
    const { observation } = await recordObservation(p.ctx, p.admin, obs('H07', CITY, 2021, 99));
    expect(await count()).toBe(before + 1);
    expect((await audit()).rows[0]).toEqual({
      actorId: p.admin.id,
      actor: 'admin',
      action: 'observation.create',
      entityId: String(observation.id),
    });

    await correctObservation(p.ctx, healthOfficer, observation.id, {
      value: 99.1,
      source: '卫健委',
      reason: '核对',
    });
    expect(await count()).toBe(before + 2);
    expect((await audit()).rows[0]).toMatchObject({
      actorId: healthOfficer.id,
      actor: 'health1',
      action: 'observation.correct',
    });

    await deleteObservation(p.ctx, p.admin, observation.id, '测试删除');
    expect(await count()).toBe(before + 3);
    expect((await audit()).rows[0]).toMatchObject({ actor: 'admin', action: 'observation.delete' });

    // A refused write leaves no audit row.
    await expectFuwuError(recordObservation(p.ctx, viewer, obs('H07', CITY, 2021, 99)), 'forbidden');
    expect(await count()).toBe(before + 3);
  });

  it('rejects invalid input naming every field at fault, and stores nothing', async () => {
    const before = await countObservations();
    const err = await expectFuwuError(
      recordObservation(p.ctx, p.admin, {
        indicatorCode: 'H05',
        areaCode: CITY,
        year: 2030,
        value: 'abc',
        source: '',
      }),
      'invalid_input',
    );
    expect(fieldsOf(err).sort()).toEqual(['source', 'value', 'year']);
    for (const problem of err.problems) {
      expect(problem.zh.length).toBeGreaterThan(0);
      expect(problem.en.length).toBeGreaterThan(0);
    }
    expect(err.problems.find((x) => x.field === 'year')?.en).toContain('2030');
    expect(err.problems.find((x) => x.field === 'value')?.en).toContain('abc');

    const unknown = await expectFuwuError(
      recordObservation(p.ctx, p.admin, obs('NOPE-99', CITY, 2022, 1)),
      'invalid_input',
    );
    expect(fieldsOf(unknown)).toEqual(['indicatorCode']);
    expect(unknown.problems[0]?.en).toContain('NOPE-99');

    const all = await expectFuwuError(
      recordObservation(p.ctx, p.admin, {
        indicatorCode: 'NOPE-99',
        areaCode: CITY,
        year: 2030,
        value: 'abc',
        source: ' ',
      }),
      'invalid_input',
    );
    expect(fieldsOf(all).sort()).toEqual(['indicatorCode', 'source', 'value', 'year']);
    expect(await countObservations()).toBe(before);
  });

  it('lets each role write only within its scope', async () => {
    await expectFuwuError(recordObservation(p.ctx, viewer, obs('H05', CITY, 2021, 93.5)), 'forbidden');

    // A health department officer: a health indicator (H13 beds) yes, an education one (H02) no.
    const ok = await recordObservation(p.ctx, healthOfficer, obs('H13', JINJIANG, 2021, 7.4));
    expect(ok.observation).toMatchObject({ indicatorCode: 'H13', updatedBy: 'health1' });
    await expectFuwuError(
      recordObservation(p.ctx, healthOfficer, obs('H02', JINJIANG, 2021, 11.6)),
      'forbidden',
    );

    // A district officer of 锦江区: its own district in any sector, not the city.
    const own = await recordObservation(p.ctx, jinjiangOfficer, obs('H02', JINJIANG, 2022, 11.7));
    expect(own.observation).toMatchObject({ areaCode: JINJIANG, updatedBy: 'jinjiang1' });
    await expectFuwuError(
      recordObservation(p.ctx, jinjiangOfficer, obs('H02', CITY, 2022, 11.7)),
      'forbidden',
    );
    expect(await repo().findByKey('H02', CITY, 2022)).toBeNull();
    expect(await repo().findByKey('H02', JINJIANG, 2021)).toBeNull();
    // Corrections follow the same scope.
    await expectFuwuError(
      correctObservation(p.ctx, healthOfficer, own.observation.id, { value: 11.8, source: 'x', reason: 'y' }),
      'forbidden',
    );
  });

  it('records judgements only for qualitative and 动态清零 targets, and they set the status', async () => {
    // H10 (宏志助学金标准) is qualitative; H12 (零就业家庭动态清零) has a zero target.
    expect(await boardStatus('H10', 2022)).toBe('noData');
    const j = await recordJudgement(p.ctx, p.admin, {
      indicatorCode: 'H10',
      areaCode: CITY,
      year: 2022,
      status: 'achieved',
      reason: '已按标准发放',
    });
    expect(j).toMatchObject({ indicatorCode: 'H10', status: 'achieved', sample: false });
    expect(await boardStatus('H10', 2022)).toBe('achieved');
    expect(await boardStatus('H10', 2021)).toBe('noData');

    await recordJudgement(p.ctx, p.admin, {
      indicatorCode: 'H12',
      areaCode: CITY,
      year: 2022,
      status: 'onTrack',
      reason: '动态清零',
    });
    expect(await boardStatus('H12', 2022)).toBe('onTrack');

    const numeric = await expectFuwuError(
      recordJudgement(p.ctx, p.admin, {
        indicatorCode: 'H03',
        areaCode: CITY,
        year: 2022,
        status: 'achieved',
        reason: 'x',
      }),
      'invalid_input',
    );
    expect(fieldsOf(numeric)).toEqual(['indicatorCode']);
    const bad = await expectFuwuError(
      recordJudgement(p.ctx, p.admin, {
        indicatorCode: 'H10',
        areaCode: CITY,
        year: 2020,
        status: 'great',
        reason: '',
      }),
      'invalid_input',
    );
    expect(fieldsOf(bad).sort()).toEqual(['reason', 'status', 'year']);
    await expectFuwuError(
      recordJudgement(p.ctx, viewer, {
        indicatorCode: 'H10',
        areaCode: CITY,
        year: 2023,
        status: 'onTrack',
        reason: 'x',
      }),
      'forbidden',
    );
  });
});

describe(`observation import (${engineName()})`, () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const imports = (fileName: string) =>
    p.db.query<{ accepted: boolean; rowsTotal: number; problems: Array<{ row?: number; field: string }> }>(
      `SELECT accepted, rows_total AS "rowsTotal", problems FROM imports WHERE file_name = $1 ORDER BY id`,
      [fileName],
    );

  it('imports a UTF-8 CSV with Chinese headers', async () => {
    const csv = [
      '指标代码,区域代码,年份,数值,来源,备注',
      'H05,510100,2021,93.5,人社局,',
      'H05,510100,2022,94,人社局,初步数',
      'H13,510100,2021,7.5,卫健委,',
    ].join('\r\n');
    const r = await importObservations(p.ctx, p.admin, { name: 'figures-utf8.csv', bytes: utf8(csv) });
    expect(r).toEqual({ accepted: true, rows: 3, created: 3, updated: 0 });
    expect(await repo().findByKey('H05', CITY, 2022)).toMatchObject({
      value: 94,
      note: '初步数',
      source: '人社局',
    });
    expect(await repo().findByKey('H13', CITY, 2021)).toMatchObject({ value: 7.5, note: null });
    expect((await imports('figures-utf8.csv')).rows).toEqual([
      { accepted: true, rowsTotal: 3, problems: [] },
    ]);
    // The history names the file.
    const h = await observationRevisions(
      p.ctx,
      SYSTEM_ACTOR,
      (await repo().findByKey('H05', CITY, 2021))?.id as number,
    );
    expect(h[0]?.reason).toContain('figures-utf8.csv');
  });

  it('corrects figures already held when a file repeats their key, keeping the previous value', async () => {
    const first = ['indicator_code,area_code,year,value,source', 'H05,510104,2021,90,区人社局'].join('\n');
    expect(await importObservations(p.ctx, p.admin, { name: 'h05-first.csv', bytes: utf8(first) })).toEqual({
      accepted: true,
      rows: 1,
      created: 1,
      updated: 0,
    });
    const second = [
      'indicator_code,area_code,year,value,source',
      'H05,510104,2021,91.5,区人社局（修订）',
      'H05,510104,2022,92,区人社局',
    ].join('\n');
    expect(await importObservations(p.ctx, p.admin, { name: 'h05-second.csv', bytes: utf8(second) })).toEqual(
      {
        accepted: true,
        rows: 2,
        created: 1,
        updated: 1,
      },
    );
    const held = await repo().findByKey('H05', '510104', 2021);
    expect(held).toMatchObject({ value: 91.5, revision: 2, source: '区人社局（修订）' });
    const h = await observationRevisions(p.ctx, SYSTEM_ACTOR, held?.id as number);
    expect(h.map((r) => r.revision)).toEqual([1, 2]);
    expect(h[1]?.previous).toMatchObject({ value: 90, source: '区人社局' });
    expect(h[1]?.current).toMatchObject({ value: 91.5 });
    expect(h[1]?.reason).toContain('h05-second.csv');
  });

  it('imports a GBK-encoded CSV (as Excel in China saves it)', async () => {
    const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    const jinjiangGbk = [0xbd, 0xf5, 0xbd, 0xad, 0xc7, 0xf8]; // 锦江区
    const bytes = new Uint8Array([
      ...ascii('indicator_code,area_code,year,value,source\r\n'),
      ...ascii('H13,'),
      ...jinjiangGbk,
      ...ascii(',2022,7.6,stat\r\n'),
    ]);
    expect(new TextDecoder('gbk').decode(new Uint8Array(jinjiangGbk))).toBe('锦江区');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await importObservations(p.ctx, p.admin, { name: 'figures-gbk.csv', bytes });
    expect(r).toMatchObject({ accepted: true, rows: 1, created: 1 });
    expect(await repo().findByKey('H13', JINJIANG, 2022)).toMatchObject({ value: 7.6, source: 'stat' });
  });

  it('imports an XLSX workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['indicator_code', 'area_code', 'year', 'value', 'source', 'note']);
    ws.addRow(['H14', '510100', 2021, 4.2, '卫健委', null]);
    ws.addRow(['H14', '成都市', 2022, 4.3, '卫健委', '快报']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importObservations(p.ctx, p.admin, { name: 'figures.xlsx', bytes });
    expect(r).toEqual({ accepted: true, rows: 2, created: 2, updated: 0 });
    expect(await repo().findByKey('H14', CITY, 2022)).toMatchObject({ value: 4.3, note: '快报' });
  });

  it('rejects a file with one bad row, imports nothing from it and records the attempt', async () => {
    const before = await countObservations();
    const csv = [
      'indicator_code,area_code,year,value,source',
      'H15,510100,2021,95.2,医保局',
      'H15,510100,2022,abc,医保局',
      'H15,510100,2023,95.4,医保局',
    ].join('\n');
    const err = await expectFuwuError(
      importObservations(p.ctx, p.admin, { name: 'one-bad-row.csv', bytes: utf8(csv) }),
      'import_rejected',
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ row: 3, field: 'value' });
    expect(err.problems[0]?.en).toContain('abc');
    expect(await countObservations()).toBe(before);
    expect(await repo().findByKey('H15', CITY, 2021)).toBeNull();
    const recorded = (await imports('one-bad-row.csv')).rows;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ accepted: false, rowsTotal: 3 });
    expect(recorded[0]?.problems).toEqual([expect.objectContaining({ row: 3, field: 'value' })]);
  });

  it("rejects a district officer's rows for another district", async () => {
    const before = await countObservations();
    const csv = [
      'indicator_code,area_code,year,value,source',
      'H02,510104,2023,11.8,教育局',
      'H02,510105,2023,11.9,教育局',
    ].join('\n');
    const err = await expectFuwuError(
      importObservations(p.ctx, jinjiangOfficer, { name: 'other-district.csv', bytes: utf8(csv) }),
      'import_rejected',
    );
    expect(err.problems).toEqual([expect.objectContaining({ row: 3, field: 'area_code' })]);
    expect(await countObservations()).toBe(before);
    expect(await repo().findByKey('H02', JINJIANG, 2023)).toBeNull();
    await expectFuwuError(
      importObservations(p.ctx, viewer, { name: 'viewer.csv', bytes: utf8(csv) }),
      'forbidden',
    );
  });
});

describe(`sample data (${engineName()})`, () => {
  it('adds only sample figures, never replaces a real one, and is removed alone', async () => {
    // H17 养老机构护理型床位占比: the generator fills the city for every year 2021–2025.
    const real = await recordObservation(p.ctx, p.admin, obs('H17', CITY, 2024, 40));
    const realCount = await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE NOT sample');
    const realJudgements = await countOf(p.db, 'SELECT count(*) AS n FROM judgements WHERE NOT sample');
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE sample')).toBe(0);
    expect((await getBoard(p.ctx, SYSTEM_ACTOR, { year: 2025 })).usesSampleData).toBe(false);

    const loaded = await loadSampleData(p.ctx, p.admin);
    expect(loaded.observations).toBeGreaterThan(1000);
    expect(loaded.judgements).toBeGreaterThan(0);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE sample')).toBe(
      loaded.observations,
    );
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM judgements WHERE sample')).toBe(loaded.judgements);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE NOT sample')).toBe(realCount);
    const kept = await repo().findByKey('H17', CITY, 2024);
    expect(kept).toMatchObject({ id: real.observation.id, value: 40, sample: false, revision: 1 });
    // The neighbouring years of the same indicator did get sample figures.
    expect(await repo().findByKey('H17', CITY, 2023)).toMatchObject({ sample: true });

    const board = await getBoard(p.ctx, SYSTEM_ACTOR, { year: 2025 });
    expect(board.usesSampleData).toBe(true);
    expect((await getMeta(p.ctx)).sampleDataLoaded).toBe(true);
    // Loading again adds nothing.
    expect(await loadSampleData(p.ctx, p.admin)).toEqual({ observations: 0, judgements: 0 });
    await expectFuwuError(loadSampleData(p.ctx, viewer), 'forbidden');

    const removed = await removeSampleData(p.ctx, p.admin);
    expect(removed.removed).toBe(loaded.observations + loaded.judgements);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE sample')).toBe(0);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM judgements WHERE sample')).toBe(0);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations WHERE NOT sample')).toBe(realCount);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM judgements WHERE NOT sample')).toBe(realJudgements);
    expect((await repo().findByKey('H17', CITY, 2024))?.value).toBe(40);
    expect((await getBoard(p.ctx, SYSTEM_ACTOR, { year: 2025 })).usesSampleData).toBe(false);
    expect((await getMeta(p.ctx)).sampleDataLoaded).toBe(false);
  });
});
