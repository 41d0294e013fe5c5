/**
 * Hostile files through every import (issue 7 §3): observations, facilities, residential points, the
 * OSM walking network and the plan pack's catalog. Each hostile input must be refused with a
 * FuwuError whose Chinese and English messages and problems name the field, row or reason, and must
 * change nothing: every table's digest is the same before and after, except that a table import's
 * row-level rejection adds exactly its record to the imports ledger and the audit log. Random
 * corruptions of a valid CSV and a valid OSM file either import whole or are refused whole.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import { importObservations } from '../../src/app/plan/import-observations.ts';
import { importFacilities } from '../../src/app/resources/import-facilities.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { importResidentialPoints } from '../../src/app/resources/import-residential-points.ts';
import { MAX_UPLOAD_BYTES, readTable } from '../../src/app/files/read-table.ts';
import { decodeText, parseCsv } from '../../src/domain/shared/csv.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import { tableDigests } from '../../src/store/backup/logical-backup.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import {
  billionLaughsDoctype,
  billionLaughsOsm,
  concat,
  externalEntityOsm,
  gbk,
  pbfWithBlobOf,
  rewriteZip,
  truncate,
  utf8,
  xlsxBomb,
  xlsxOf,
} from '../support/hostile-files.ts';
import { openNetworkTestPlatform, SMALL_GRID_OSM } from '../support/residential-fixtures.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { signIn } from '../support/api-session.ts';
import { ADMIN_PASSWORD, engineName } from '../support/test-db.ts';

const SMALL_GRID_PBF = SMALL_GRID_OSM.replace(/\.osm$/, '.osm.pbf');
/** Tables an import writes when it rejects a file: its ledger record and the audit entry. */
const LEDGER_TABLES = ['imports', 'audit_log', 'audit_chain_head'];

let p: TestPlatform;
let work: string;

beforeAll(async () => {
  p = await openNetworkTestPlatform();
  work = mkdtempSync(join(tmpdir(), 'fuwu-fuzz-'));
});

afterAll(async () => {
  await p?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Digests = Awaited<ReturnType<typeof tableDigests>>;

const without = (d: Digests, tables: readonly string[]) =>
  Object.fromEntries(Object.entries(d).filter(([t]) => !tables.includes(t)));

/** The files of the network folder and their sizes: what a rejected network import must not touch. */
function networkFiles(): Record<string, number> {
  const dir = p.ctx.networkDir!;
  return Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).size]));
}

/** Every message of a refusal is there in both languages. */
function expectClearError(e: FuwuError): void {
  expect(e.zh.trim().length).toBeGreaterThan(0);
  expect(e.message.trim().length).toBeGreaterThan(0);
  expect(e.problems.length).toBeGreaterThan(0);
  for (const pr of e.problems) {
    expect(pr.field.length).toBeGreaterThan(0);
    expect(pr.zh.trim().length).toBeGreaterThan(0);
    expect(pr.en.trim().length).toBeGreaterThan(0);
  }
}

/**
 * Runs `attempt`, which must throw a clear FuwuError and change no table; a rejection recorded in
 * the ledger (`import_rejected` of a table import) must add exactly one rejected import and its
 * audit entry. Returns the error.
 */
async function expectRefusedUnchanged(
  attempt: () => Promise<unknown>,
  opts: { ledger?: boolean; fileName?: string } = {},
): Promise<FuwuError> {
  const before = await tableDigests(p.db);
  const files = p.ctx.networkDir ? networkFiles() : {};
  let caught: unknown;
  try {
    await attempt();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a refusal, but the import succeeded').toBeDefined();
  if (!(caught instanceof FuwuError)) throw caught;
  expectClearError(caught);
  const after = await tableDigests(p.db);
  expect(without(after, LEDGER_TABLES)).toEqual(without(before, LEDGER_TABLES));
  expect(networkFiles()).toEqual(files);
  const recorded = opts.ledger === true && caught.code === 'import_rejected';
  expect(after.imports!.rows - before.imports!.rows).toBe(recorded ? 1 : 0);
  expect(after.audit_log!.rows - before.audit_log!.rows).toBe(recorded ? 1 : 0);
  if (recorded) {
    const last = await p.db.query<{ accepted: boolean; file_name: string; problems: unknown[] }>(
      'SELECT accepted, file_name, problems FROM imports ORDER BY id DESC LIMIT 1',
    );
    expect(last.rows[0]).toMatchObject({ accepted: false });
    if (opts.fileName) expect(last.rows[0]?.file_name).toBe(opts.fileName);
    const problems = last.rows[0]?.problems;
    expect(typeof problems === 'string' ? JSON.parse(problems) : problems).toHaveLength(
      caught.problems.length,
    );
    const audit = await p.db.query<{ action: string }>(
      'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(audit.rows[0]?.action).toMatch(/\.import\.rejected$/);
  }
  return caught;
}

interface TableImport {
  name: string;
  header: string;
  /** A valid data row; `i` makes it unique in a file. */
  row: (i: number) => string;
  /** The same row with `cell` set in the named column. */
  rowWith: (column: string, cell: string) => string;
  run: (file: { name: string; bytes: Uint8Array }) => Promise<unknown>;
  /** Columns holding a number, a text name, and coordinates (if any). */
  numberColumn: string;
  textColumn: string;
  coordinates: boolean;
}

const cells = (header: string, values: Record<string, string>) =>
  header
    .split(',')
    .map((h) => values[h] ?? '')
    .join(',');

const BANDS = ['pop_0_2', 'pop_3_5', 'pop_6_14', 'pop_15_59', 'pop_60_64', 'pop_65_79', 'pop_80_plus'];

function observationRow(i: number): Record<string, string> {
  return {
    indicator_code: 'H05',
    area_code: '510104',
    year: String(2021 + (i % 5)),
    value: String(90 + i),
    source: '区人社局',
  };
}
function facilityRow(i: number): Record<string, string> {
  return {
    name: `好医院${i}`,
    type: 'hospital',
    lon: (104.07 + i * 0.0001).toFixed(4),
    lat: '30.66',
    district_code: '510104',
    beds: '100',
    source: '卫健委',
  };
}
function pointRow(i: number): Record<string, string> {
  return {
    id: `fz-${i}`,
    district_code: '510104',
    lon: (104.08 + i * 0.0001).toFixed(4),
    lat: '30.65',
    total: '70',
    ...Object.fromEntries(BANDS.map((b) => [b, '10'])),
  };
}

function tableImport(
  name: string,
  header: string,
  rowOf: (i: number) => Record<string, string>,
  run: TableImport['run'],
  columns: { number: string; text: string; coordinates: boolean },
): TableImport {
  return {
    name,
    header,
    row: (i) => cells(header, rowOf(i)),
    rowWith: (column, cell) => cells(header, { ...rowOf(7), [column]: cell }),
    run,
    numberColumn: columns.number,
    textColumn: columns.text,
    coordinates: columns.coordinates,
  };
}

const IMPORTS: TableImport[] = [
  tableImport(
    'observations',
    'indicator_code,area_code,year,value,source',
    observationRow,
    (f) => importObservations(p.ctx, p.admin, f),
    { number: 'value', text: 'source', coordinates: false },
  ),
  tableImport(
    'facilities',
    'name,type,lon,lat,district_code,beds,source',
    facilityRow,
    (f) => importFacilities(p.ctx, p.admin, f),
    { number: 'beds', text: 'name', coordinates: true },
  ),
  tableImport(
    'residential points',
    `id,district_code,lon,lat,total,${BANDS.join(',')}`,
    pointRow,
    (f) => importResidentialPoints(p.ctx, p.admin, f),
    { number: 'total', text: 'id', coordinates: true },
  ),
];

const csvOf = (t: TableImport, rows: string[]) => [t.header, ...rows].join('\n') + '\n';

describe.each(IMPORTS)(`hostile files: $name import (${engineName()})`, (t) => {
  const valid = () => csvOf(t, [t.row(1), t.row(2), t.row(3)]);
  const refuse = (name: string, bytes: Uint8Array) =>
    expectRefusedUnchanged(() => t.run({ name, bytes }), { ledger: true, fileName: name });

  /** A file without data, or without the columns: the file, the header or each missing column. */
  const namesHeader = (e: FuwuError) =>
    expect(e.problems.map((x) => x.field)).toEqual(
      expect.arrayContaining([
        expect.toSatisfy((f: string) => ['file', 'header', ...t.header.split(',')].includes(f)),
      ]),
    );

  it('refuses an empty file, a header only, and whitespace', async () => {
    for (const bytes of [new Uint8Array(0), utf8(`${t.header}\n`), utf8('\n\n  \n')]) {
      namesHeader(await refuse('empty.csv', bytes));
    }
  });

  it('refuses a file cut in the middle of a row, naming the row', async () => {
    const text = valid();
    // Cut inside the last row's second cell: the row lacks its later columns.
    const lastRow = text.lastIndexOf(t.row(3));
    const cut = text.slice(0, lastRow + t.row(3).indexOf(',') + 3);
    const e = await refuse('cut-row.csv', utf8(cut));
    expect(e.problems.some((x) => x.row === 4)).toBe(true);
  });

  it('refuses a file cut in the middle of a UTF-8 character', async () => {
    const text = csvOf(t, [t.row(1), t.rowWith(t.textColumn, '成都市锦江区')]);
    // Cut after the first byte of 锦 (three bytes in UTF-8).
    const cut = utf8(text).subarray(0, utf8(text.slice(0, text.indexOf('锦'))).length + 1);
    const e = await refuse('cut-char.csv', cut);
    expect(e.message).toContain('middle of a UTF-8 character');
    expect(e.problems[0]).toMatchObject({ field: 'file', row: 3 });
  });

  it('reads a GBK file (Excel on Chinese Windows) and a BOM-marked UTF-8 file as text, not as bad encoding', async () => {
    // Refused for a bad number in row 3 only: row 2, with its Chinese, was decoded and read cleanly.
    const text = csvOf(t, [t.rowWith(t.textColumn, '锦江区'), t.rowWith(t.numberColumn, '多')]);
    for (const bytes of [gbk(text), concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(text))]) {
      const e = await refuse('bad-number.csv', bytes);
      expect(e.problems.map((x) => [x.row, x.field])).toContainEqual([3, t.numberColumn]);
      expect(e.problems.every((x) => x.row === 3)).toBe(true);
    }
  });

  it('refuses mixed, invalid and UTF-16 encodings rather than importing mojibake', async () => {
    const utf8Line = t.rowWith(t.textColumn, '成都市');
    const gbkLine = t.rowWith(t.textColumn, '锦江区');
    const mixed = concat(utf8(`${t.header}\n${utf8Line}\n`), gbk(`${gbkLine}\n`));
    const e1 = await refuse('mixed.csv', mixed);
    expect(e1.message).toContain('mixes encodings: line 2 is UTF-8, line 3 is GBK');
    expect(e1.problems[0]).toMatchObject({ row: 3, field: 'file' });
    const reverse = concat(gbk(`${t.header}\n${gbkLine}\n`), utf8(`${utf8Line}\n`));
    expect((await refuse('mixed2.csv', reverse)).message).toContain('mixes encodings');
    const bomThenGbk = concat(Uint8Array.of(0xef, 0xbb, 0xbf), gbk(`${t.header}\n${gbkLine}\n`));
    expect((await refuse('bom-gbk.csv', bomThenGbk)).message).toContain('BOM but line 2 is not UTF-8');
    const garbage = concat(utf8(`${t.header}\n`), Uint8Array.of(0xff, 0xfe, 0xff, 0x0a));
    expect((await refuse('garbage.csv', garbage)).message).toContain('line 2 is neither UTF-8 nor GBK');
    const utf16 = new Uint8Array(Buffer.from(`\uFEFF${t.header}\n${t.row(1)}\n`, 'utf16le'));
    expect((await refuse('utf16.csv', utf16)).message).toContain('NUL bytes');
  });

  it('refuses NUL bytes, a wrong delimiter, a 1 MB line and a file over the size limit', async () => {
    const nul = (await refuse('nul.csv', utf8(csvOf(t, [t.row(1), `${t.row(2)}\u0000`])))).problems[0];
    expect(nul).toMatchObject({ row: 3, field: 'file' });
    const semicolons = csvOf(t, [t.row(1)]).replaceAll(',', ';');
    namesHeader(await refuse('semicolons.csv', utf8(semicolons)));
    const longCell = await refuse(
      'long.csv',
      utf8(csvOf(t, [t.row(1), t.rowWith(t.textColumn, 'x'.repeat(1 << 20))])),
    );
    expect(longCell.problems[0]).toMatchObject({ row: 3, field: 'file' });
    const commas = await refuse('commas.csv', utf8(csvOf(t, [t.row(1), ','.repeat(1 << 20)])));
    expect(commas.message).toContain('more than 1000 cells');
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41);
    expect((await refuse('big.csv', big)).message).toContain('larger than 10 MB');
  });

  it('refuses a truncated workbook, a ZIP bomb, and one that lies about its size, before inflating', async () => {
    const xlsx = await xlsxOf([t.header.split(','), t.row(1).split(','), t.row(2).split(',')]);
    for (const fraction of [0.3, 0.6, 0.95]) {
      const e = await refuse('cut.xlsx', truncate(xlsx, fraction));
      expect(e.problems[0]?.field).toBe('file');
    }
    // Rewritten unchanged, the workbook reads: the refusal below is the entities', not the rewrite's.
    expect(
      (
        await readTable(
          rewriteZip(xlsx, (_name, text) => text),
          'same.xlsx',
        )
      ).rows,
    ).toHaveLength(3);
    // Entity expansion inside the sheet XML: the workbook's XML reader does not expand DTD entities.
    const laughs = rewriteZip(xlsx, (name, text) =>
      /sheet1\.xml$/.test(name)
        ? text.replace('?>', `?>${billionLaughsDoctype('worksheet')}`).replace('<v>', '<v>&lol9;')
        : text,
    );
    expect((await refuse('laughs.xlsx', laughs)).problems[0]?.field).toBe('file');
    const used = process.memoryUsage().rss;
    const started = Date.now();
    const bomb = xlsxBomb(3 * 1024); // 3 GiB of sheet XML in a few MB
    expect(bomb.length).toBeLessThan(MAX_UPLOAD_BYTES);
    expect((await refuse('bomb.xlsx', bomb)).message).toMatch(/inflates \d+ times .*ZIP bomb/);
    const liar = xlsxBomb(300, false);
    expect((await refuse('liar.xlsx', liar)).message).toContain('does not inflate to its stated 1024 bytes');
    // Refused without inflating gigabytes: well under the bomb's size in memory, and quickly.
    expect(process.memoryUsage().rss - used).toBeLessThan(200 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses 1e309, NaN and Infinity in a number column, naming the column', async () => {
    for (const n of ['1e309', 'NaN', 'Infinity', '-1e309', '0x10', '"1,5"', '1e']) {
      const e = await refuse('numbers.csv', utf8(csvOf(t, [t.rowWith(t.numberColumn, n)])));
      expect(e.problems.map((x) => [x.row, x.field])).toContainEqual([2, t.numberColumn]);
    }
  });

  if (t.coordinates) {
    it('refuses coordinates outside Chengdu and outside the world', async () => {
      for (const [lon, lat] of [
        ['116.40', '39.90'], // Beijing
        ['0', '0'],
        ['200', '30.6'],
        ['104.07', '-95'],
        ['NaN', '30.6'],
      ]) {
        const row = cells(t.header, {
          ...Object.fromEntries(t.header.split(',').map((h, i) => [h, t.row(5).split(',')[i]!])),
          lon: lon!,
          lat: lat!,
        });
        const e = await refuse('far.csv', utf8(csvOf(t, [row])));
        expect(e.problems.map((x) => x.field)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(lon|lat)$/)]),
        );
      }
    });
  }
});

describe(`hostile files: what is imported stays text (${engineName()})`, () => {
  it('stores formula-like text verbatim and never evaluates it', async () => {
    const name = `=cmd|' /C calc'!A0`;
    const csv = [
      'name,type,lon,lat,district_code,beds,source',
      `"${name}",hospital,104.071,30.661,510104,100,"+SUM(1,2)"`,
      `@HYPERLINK("http://x"),hospital,104.072,30.661,510104,-0,-2+3`,
    ].join('\n');
    await importFacilities(p.ctx, p.admin, { name: 'formulas.csv', bytes: utf8(csv) });
    const rows = await p.db.query<{ name: string; source: string; beds: string }>(
      "SELECT name, source, capacities->>'beds' AS beds FROM facilities WHERE lon IN (104.071, 104.072) ORDER BY lon",
    );
    // -0 beds is stored as 0, not as a negative count.
    expect(rows.rows).toEqual([
      { name, source: '+SUM(1,2)', beds: '100' },
      { name: '@HYPERLINK("http://x")', source: '-2+3', beds: '0' },
    ]);
  });

  it('imports a GBK file with Chinese headers and names intact', async () => {
    const csv =
      '名称,类型,经度,纬度,区县代码,床位,来源\n锦江区第一医院,医院,104.073,30.661,510104,80,卫健委\n';
    await importFacilities(p.ctx, p.admin, { name: 'gbk.csv', bytes: gbk(csv) });
    const rows = await p.db.query<{ name: string; source: string }>(
      'SELECT name, source FROM facilities WHERE lon = 104.073',
    );
    expect(rows.rows).toEqual([{ name: '锦江区第一医院', source: '卫健委' }]);
  });

  it('refuses duplicate ids and duplicate figures, naming both rows', async () => {
    const points = `id,district_code,lon,lat,total\nd-1,510104,104.08,30.65,10\nd-1,510104,104.081,30.65,10\n`;
    const e = await expectRefusedUnchanged(
      () => importResidentialPoints(p.ctx, p.admin, { name: 'dup-ids.csv', bytes: utf8(points) }),
      { ledger: true },
    );
    expect(e.problems).toContainEqual(expect.objectContaining({ row: 3, field: 'id' }));
    const figures = 'indicator_code,area_code,year,value,source\nH05,510104,2022,1,x\nH05,510104,2022,2,x\n';
    const f = await expectRefusedUnchanged(
      () => importObservations(p.ctx, p.admin, { name: 'dup-figures.csv', bytes: utf8(figures) }),
      { ledger: true },
    );
    expect(f.problems.some((x) => x.row === 3 && /row 2/.test(x.en))).toBe(true);
  });

  it('refuses a NUL character hidden in a GeoJSON property', async () => {
    const geo = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [104.07, 30.66] },
          properties: { name: 'a\u0000b', type: 'library', district_code: '510104', seats: 3, source: 'x' },
        },
      ],
    });
    const e = await expectRefusedUnchanged(() =>
      importFacilities(p.ctx, p.admin, { name: 'nul.geojson', bytes: utf8(geo) }),
    );
    expect(e.message).toContain('NUL');
  });
});

describe(`hostile files: OSM network import (${engineName()})`, () => {
  const osmText = readFileSync(SMALL_GRID_OSM, 'utf8');
  const pbf = new Uint8Array(readFileSync(SMALL_GRID_PBF));
  let n = 0;
  const fileOf = (bytes: Uint8Array | string, ext = '.osm') => {
    const path = join(work, `f${n++}${ext}`);
    writeFileSync(path, bytes);
    return path;
  };
  const refuse = (bytes: Uint8Array | string, ext?: string) =>
    expectRefusedUnchanged(() => importNetwork(p.ctx, p.admin, fileOf(bytes, ext)));

  it('refuses empty, cut and non-OSM files', async () => {
    expect((await refuse('')).message).toContain('empty');
    const cutElement = osmText.slice(0, osmText.indexOf('<way') + 12);
    expect((await refuse(cutElement)).message).toMatch(/never closed|unclosed|malformed/);
    expect((await refuse(truncate(pbf, 0.5), '.osm.pbf')).message).toMatch(/truncated|ends inside/);
    expect((await refuse('id,lat,lon\n1,2,3\n')).message).toContain('neither with XML');
  });

  it('refuses billion laughs and external entities without expanding or opening anything', async () => {
    const laughs = await refuse(billionLaughsOsm());
    expect(laughs.message).toContain('unknown entity &lol9;');
    const xxe = await refuse(externalEntityOsm());
    expect(xxe.message).toContain('unknown entity &xxe;');
    expect(xxe.message).not.toContain('root:');
  });

  it('refuses an OSM XML file that is not UTF-8', async () => {
    const gbkOsm = gbk(osmText.replace('v="&#x5E7C;&#20799;&#x56ED; &amp; &quot;A&quot;"', 'v="幼儿园"'));
    expect((await refuse(gbkOsm)).message).toContain('not UTF-8');
  });

  it('refuses a PBF blob over 32 MiB and one cut short, without reading it', async () => {
    expect((await refuse(pbfWithBlobOf(64 * 1024 * 1024, 16), '.osm.pbf')).message).toContain(
      'at most 33554432',
    );
    expect((await refuse(pbfWithBlobOf(1000, 10), '.osm.pbf')).message).toMatch(/truncated/);
  });

  it('random corruptions of a valid OSM XML and PBF: imported whole or refused with a FuwuError', async () => {
    const corrupt = (bytes: Uint8Array) =>
      fc
        .tuple(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        )
        .map(([flips, cut]) => {
          const out = new Uint8Array(bytes);
          for (const [at, b] of flips) out[at % out.length] = b;
          return cut === null ? out : out.subarray(0, Math.floor(out.length * cut));
        });
    for (const [bytes, ext] of [
      [utf8(osmText), '.osm'],
      [pbf, '.osm.pbf'],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(corrupt(bytes), async (file) => {
          const path = fileOf(file, ext);
          const before = await tableDigests(p.db);
          const files = networkFiles();
          try {
            await importNetwork(p.ctx, p.admin, path);
          } catch (e) {
            if (!(e instanceof FuwuError)) throw e;
            expectClearError(e);
            expect(await tableDigests(p.db)).toEqual(before);
            expect(networkFiles()).toEqual(files);
          }
        }),
        { numRuns: 30, seed: 7 },
      );
    }
  });
});

describe(`hostile files: random corruptions of a CSV (${engineName()})`, () => {
  it('imports whole or refuses whole, with only FuwuErrors', async () => {
    const t = IMPORTS[1]!;
    const valid = utf8(csvOf(t, [t.row(101), t.rowWith(t.textColumn, '锦江医院'), t.row(103)]));
    const count = async () =>
      Number((await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities')).rows[0]?.n);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: valid.length - 1 })),
        async (flips, cut) => {
          const bytes = new Uint8Array(valid);
          for (const [at, b] of flips) bytes[at % bytes.length] = b;
          const file = cut === null ? bytes : bytes.subarray(0, cut);
          const before = await tableDigests(p.db);
          const facilities = await count();
          try {
            const r = (await t.run({ name: 'random.csv', bytes: file })) as { rows: number };
            // Accepted: every data row of the file, no fewer.
            const records = parseCsv(decodeText(file).text).filter((cells) =>
              cells.some((c) => c.trim() !== ''),
            );
            expect(r.rows).toBe(records.length - 1);
            expect(await count()).toBe(facilities + r.rows);
          } catch (e) {
            if (!(e instanceof FuwuError)) throw e;
            expectClearError(e);
            const after = await tableDigests(p.db);
            expect(without(after, LEDGER_TABLES)).toEqual(without(before, LEDGER_TABLES));
            expect(after.imports!.rows - before.imports!.rows).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});

describe('GBK text is read as GBK, never taken for mixed encodings', () => {
  it('holds for random lines of the Chinese the pack uses (a property)', () => {
    const chars = [
      ...new Set(readFileSync(join(DEFAULT_PACK_DIR, 'services.yaml'), 'utf8').match(/[\u4e00-\u9fff]/g)),
    ];
    const line = fc
      .array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom(',', '1', 'a', ' ', '"')), {
        minLength: 1,
        maxLength: 30,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const bytes = gbk(text);
        const decoded = decodeText(bytes);
        // The one ambiguity: GBK bytes that are also valid UTF-8 as a whole read as UTF-8.
        if (decoded.encoding === 'gbk') expect(decoded.text).toBe(text);
        else expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe(`hostile files: plan pack and catalog (${engineName()})`, () => {
  /** A copy of the shipped pack with `file` edited. */
  function packWith(file: string, edit: (text: string) => string): string {
    const dir = mkdtempSync(join(work, 'pack-'));
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const text = readFileSync(join(dir, file), 'utf8');
    const next = edit(text);
    expect(next).not.toBe(text);
    writeFileSync(join(dir, file), next);
    return dir;
  }
  const refuse = async (dir: string) => {
    const e = await expectRefusedUnchanged(() => loadPack(p.ctx, p.admin, dir));
    expect(e.code).toBe('pack_invalid');
    return e;
  };
  const firstService = (text: string, edit: (s: string) => string) => {
    const at = text.indexOf('- code: S-1-01');
    return text.slice(0, at) + edit(text.slice(at));
  };

  it('refuses a YAML alias bomb', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const e = await refuse(packWith('parameters.yaml', () => `${lines.join('\n')}\n`));
    expect(e.problems[0]).toMatchObject({ field: 'parameters.yaml' });
    expect(e.problems[0]?.en).toMatch(/alias|resource/i);
  });

  it('refuses a wrong type, an unknown key and an unknown fact, naming the service and field', async () => {
    const wrongType = await refuse(
      packWith('services.yaml', (t) =>
        firstService(t, (s) => s.replace('deadlineWorkingDays: null', 'deadlineWorkingDays: ten')),
      ),
    );
    expect(wrongType.problems.map((x) => x.field)).toContain('services.yaml:S-1-01.deadlineWorkingDays');
    const unknownKey = await refuse(
      packWith('services.yaml', (t) =>
        firstService(t, (s) => s.replace('  tier: basic', '  tier: basic\n  colour: red')),
      ),
    );
    expect(
      unknownKey.problems.some((x) => x.field.startsWith('services.yaml:S-1-01') && /colour/.test(x.en)),
    ).toBe(true);
    const unknownFact = await refuse(
      packWith('services.yaml', (t) =>
        t.replace('fact: person.planningPregnancy', 'fact: person.favouriteColour'),
      ),
    );
    expect(
      unknownFact.problems.some((x) => x.field.startsWith('services.yaml:') && /favouriteColour/.test(x.en)),
    ).toBe(true);
  });

  it('refuses a truncated pack file and a non-UTF-8 one', async () => {
    const cut = await refuse(packWith('services.yaml', (t) => t.slice(0, Math.floor(t.length * 0.53))));
    expect(cut.problems.length).toBeGreaterThan(0);
    const dir = packWith('parameters.yaml', (t) => t.replace('#', '# 参数'));
    writeFileSync(join(dir, 'parameters.yaml'), gbk(readFileSync(join(dir, 'parameters.yaml'), 'utf8')));
    const e = await refuse(dir);
    expect(e.problems.some((x) => x.field === 'parameters.yaml' && /UTF-8/.test(x.en))).toBe(true);
  });
});

describe(`hostile files over HTTP (${engineName()})`, () => {
  it('refuses an upload over 10 MB as a 400 naming the file, and changes nothing', async () => {
    const app = await buildServer(p.ctx);
    try {
      const s = await signIn(app, 'admin', ADMIN_PASSWORD);
      const boundary = 'fuwu-fuzz-boundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
            'Content-Type: text/csv\r\n\r\n',
        ),
        Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const before = await tableDigests(p.db);
      for (const url of [
        '/api/facilities/import',
        '/api/observations/import',
        '/api/residential-points/import',
      ]) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: {
            cookie: s.cookie,
            'x-fuwu-csrf': s.csrf,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          payload: body,
        });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        const e = res.json<{ zh: string; en: string; problems: { field: string }[] }>();
        expect(e.problems[0]?.field).toBe('file');
        expect(e.en).toContain('10 MB');
        expect(e.zh).toContain('10 MB');
      }
      const after = await tableDigests(p.db);
      // Signing in writes its session and audit rows; no import table changes.
      for (const t of ['facilities', 'observations', 'residential_points', 'imports', 'revisions'])
        expect(after[t], t).toEqual(before[t]);
    } finally {
      await app.close();
    }
  });
});
