/**
 * The Chengdu plan pack in the database: what a load stores, that reloading the same pack is a no-op,
 * and that an edited pack keeps the previous definition of what it changed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import type { Indicator, PlanPack } from '../../src/domain/plan/pack.schema.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../src/store/pack/pack-loader.ts';
import { RevisionRepository } from '../../src/store/repositories/revision.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { countOf, engineName, openTestPlatform } from '../support/test-db.ts';

/** Entries of one pack YAML file, counted from the file itself rather than from the loader. */
const entriesIn = (file: string): Array<Record<string, unknown>> =>
  parse(readFileSync(join(DEFAULT_PACK_DIR, file), 'utf8')) as Array<Record<string, unknown>>;

describe(`plan pack (${engineName()})`, () => {
  let p: TestPlatform;
  let pack: PlanPack;
  const tmp = mkdtempSync(join(tmpdir(), 'fuwu-pack-'));

  beforeAll(async () => {
    p = await openTestPlatform();
    pack = await loadPackFromDir(DEFAULT_PACK_DIR);
  });
  afterAll(async () => {
    await p?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('stores the indicators, norms, areas and district boundaries of the pack files', async () => {
    const headlineFile = entriesIn('indicators-headline.yaml');
    const targetsFile = entriesIn('indicators-targets.yaml');
    const areasFile = entriesIn('areas.yaml');
    expect(headlineFile).toHaveLength(30);
    expect(headlineFile.length + targetsFile.length).toBe(154);
    expect(entriesIn('norms.yaml')).toHaveLength(43);
    expect(areasFile).toHaveLength(24);

    expect(await countOf(p.db, 'SELECT count(*) AS n FROM indicators')).toBe(154);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM indicators WHERE headline')).toBe(30);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM norms')).toBe(43);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM areas')).toBe(24);
    // The major projects of columns 2–14 (projects.yaml), one row each.
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM projects')).toBe(entriesIn('projects.yaml').length);
    expect(pack.projects).toHaveLength(entriesIn('projects.yaml').length);
    const kinds = await p.db.query<{ kind: string; n: number | string }>(
      'SELECT kind, count(*) AS n FROM areas GROUP BY kind ORDER BY kind',
    );
    expect(Object.fromEntries(kinds.rows.map((r) => [r.kind, Number(r.n)]))).toEqual({
      city: 1,
      district: 20,
      zone: 3,
    });
    const bounded = await p.db.query<{ code: string; kind: string }>(
      'SELECT code, kind FROM areas WHERE boundary IS NOT NULL',
    );
    expect(bounded.rows).toHaveLength(20);
    expect(bounded.rows.every((r) => r.kind === 'district')).toBe(true);

    const plan = await p.ctx.plan.get();
    expect(plan.indicators).toHaveLength(154);
    expect(plan.districts).toHaveLength(20);
    expect(plan.boundaries).toHaveLength(20);
    expect(plan.city.code).toBe('510100');
    // Stored in pack order, the definitions exactly as the files give them.
    expect(plan.indicators.map((i) => i.code)).toEqual(pack.indicators.map((i) => i.code));
    expect(plan.indicators.find((i) => i.code === 'H01')).toEqual(
      JSON.parse(JSON.stringify(pack.indicators[0])),
    );
    const active = await p.db.query<{ id: string; version: string }>(
      'SELECT id, version FROM plan_packs WHERE active',
    );
    expect(active.rows).toEqual([{ id: 'chengdu-2021-2025', version: pack.meta.version }]);
  });

  it('records the plan baselines as 2020 city observations, except for cumulative indicators', async () => {
    const city = pack.meta.city.code;
    const rows = await p.db.query<{ indicatorCode: string; value: number; sample: boolean; year: number }>(
      `SELECT indicator_code AS "indicatorCode", value, sample, year FROM observations WHERE area_code = $1`,
      [city],
    );
    const byCode = new Map(rows.rows.map((r) => [r.indicatorCode, r]));
    const withBaseline = (i: Indicator) => i.baseline !== null && !i.cumulativeOverPeriod;
    const expected = pack.indicators.filter(withBaseline);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.rows).toHaveLength(expected.length);
    for (const ind of expected) {
      const o = byCode.get(ind.code);
      expect(o, ind.code).toBeDefined();
      expect(o?.year).toBe(2020);
      expect(Number(o?.value)).toBe(ind.baseline);
      expect(o?.sample).toBe(false);
    }
    // 城镇新增就业人数 is a five-year total: its printed 134.9 is the last period's, not a 2020 figure.
    const jobs = pack.indicators.find((i) => i.name === '城镇新增就业人数') as Indicator;
    expect(jobs.cumulativeOverPeriod).toBe(true);
    expect(jobs.baseline).toBe(134.9);
    expect(byCode.has(jobs.code)).toBe(false);
    for (const ind of pack.indicators.filter((i) => i.cumulativeOverPeriod || i.baseline === null)) {
      expect(byCode.has(ind.code), ind.code).toBe(false);
    }
  });

  it('loading the same pack again changes nothing', async () => {
    const revisionsBefore = await countOf(p.db, 'SELECT count(*) AS n FROM revisions');
    const observationsBefore = await countOf(p.db, 'SELECT count(*) AS n FROM observations');
    const auditBefore = await countOf(p.db, 'SELECT count(*) AS n FROM audit_log');
    const r = await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR);
    expect(r).toMatchObject({ changed: false, added: 0, updated: 0, removed: 0, baselinesRecorded: 0 });
    expect(r.contentHash).toBe(pack.contentHash);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM revisions')).toBe(revisionsBefore);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM observations')).toBe(observationsBefore);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM audit_log')).toBe(auditBefore);
  });

  it('loading an edited copy updates the one entry and keeps its previous definition', async () => {
    const dir = join(tmp, 'edited');
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const file = join(dir, 'indicators-headline.yaml');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('- code: H04');
    const old = 'targetText: "82.4"';
    const pos = text.indexOf(old, at);
    expect(at).toBeGreaterThan(0);
    expect(pos).toBeGreaterThan(at);
    writeFileSync(file, `${text.slice(0, pos)}targetText: "82.4岁"${text.slice(pos + old.length)}`);

    const revisions = new RevisionRepository(p.db);
    expect(await revisions.list('indicators', 'H04')).toHaveLength(1); // the first load
    const r = await loadPack(p.ctx, p.admin, dir);
    expect(r).toMatchObject({ changed: true, added: 0, updated: 1, removed: 0, baselinesRecorded: 0 });
    expect(r.contentHash).not.toBe(pack.contentHash);

    const history = await revisions.list('indicators', 'H04');
    expect(history).toHaveLength(2);
    const last = history[1];
    expect(last?.revision).toBe(2);
    expect(last?.previous).toMatchObject({ code: 'H04', targetText: '82.4' });
    expect(last?.current).toMatchObject({ code: 'H04', targetText: '82.4岁' });
    expect(last?.changedBy).toBe('admin');
    const plan = await p.ctx.plan.get();
    expect(plan.indicatorByCode.get('H04')?.targetText).toBe('82.4岁');
    expect(plan.contentHash).toBe(r.contentHash);
    // No other indicator got a revision from this load.
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM revisions WHERE table_name = 'indicators' AND revision > 1`,
      ),
    ).toBe(1);

    // Back to the shipped pack: the edit is undone as one more revision.
    const back = await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR);
    expect(back).toMatchObject({ changed: true, updated: 1 });
    expect((await p.ctx.plan.get()).indicatorByCode.get('H04')?.targetText).toBe('82.4');
    expect(await revisions.list('indicators', 'H04')).toHaveLength(3);
  });
});
