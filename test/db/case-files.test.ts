/**
 * Case attachments on the real database and over HTTP (issue 6 §1): real JPEG, PNG and PDF files
 * made here, uploaded and downloaded byte for byte with their checksum; the type told by content
 * (a PDF named .jpg is a PDF, an .exe named .pdf is refused); size and count limits; the same file
 * twice is one row, also concurrently; other residents and other offices kept out; the applicant
 * stops uploading once the case is decided; staff downloads audited.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { downloadAttachment, listAttachments } from '../../src/app/cases/read-attachments.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { uploadAttachment } from '../../src/app/cases/upload-attachment.ts';
import { MAX_ATTACHMENTS_PER_CASE, MAX_ATTACHMENT_BYTES } from '../../src/domain/cases/attachment-rules.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
  USER_PASSWORD,
} from '../support/test-db.ts';

// ── Tiny real files ──────────────────────────────────────────────────────────────────────────────

/** A w×h greyscale PNG: signature, IHDR, one zlib IDAT (filter byte 0 per row), IEND, with CRCs. */
function png(w = 1, h = 1, grey = 128): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  const raw = Buffer.concat(
    Array.from({ length: h }, () => Buffer.from([0, ...Array<number>(w).fill(grey)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A 1×1 greyscale baseline JPEG: quantisation table of ones, one DC and one AC Huffman table with a
 * single one-bit code each (DC difference 0, end of block), so the scan is the bits 00 padded with ones.
 */
function jpeg(): Buffer {
  const seg = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const oneCode = [1, ...Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff,
    0xd8,
    ...seg(0xdb, [0x00, ...Array<number>(64).fill(1)]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0x00, ...oneCode]),
    ...seg(0xc4, [0x10, ...oneCode]),
    ...seg(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff,
    0xd9,
  ]);
}

/** A one-page PDF 1.4 with a correct cross-reference table; `note` makes distinct files. */
function pdf(note = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Info (${note}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Part {
  name: string;
  value?: string;
  file?: { filename: string; contentType: string; data: Buffer };
}

/** A multipart/form-data body, built by hand so the tests control every header a client could lie in. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = '----fuwu-test-boundary-7d3f';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: ${p.file.contentType}\r\n\r\n`,
        ),
        p.file.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`,
        ),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const HOME = { 'person.residenceDistrict': '510104' }; // 锦江区 → office O-510104

describe(`case attachments (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let alice: Actor; // resident, the applicant
  let bob: Actor; // another resident
  let worker: Actor; // case worker at O-510104
  let outsider: Actor; // case worker at O-510105
  let aliceS: Session;
  let workerS: Session;
  let keyNo = 0;
  const clock = fixedClock('2024-03-04T01:00:00Z');

  /** A new case of S-1-04 (materials: see the catalog) for alice. */
  async function newCase(): Promise<string> {
    const r = await submitApplication(p.ctx, alice, {
      serviceCode: 'S-1-04',
      facts: HOME,
      idempotencyKey: `files-key-${String(++keyNo).padStart(4, '0')}`,
    });
    return r.case.id;
  }

  function upload(s: Session, caseId: string, parts: Part[]) {
    const m = multipart(parts);
    return app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      headers: { cookie: s.cookie, 'x-fuwu-csrf': s.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
  }
  const file = (filename: string, contentType: string, data: Buffer): Part => ({
    name: 'file',
    file: { filename, contentType, data },
  });
  const rows = (caseId: string) =>
    countOf(p.db, 'SELECT count(*) AS n FROM case_attachments WHERE case_id = $1', [caseId]);
  const audits = (action: string, caseId: string) =>
    countOf(p.db, 'SELECT count(*) AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [
      action,
      caseId,
    ]);

  beforeAll(async () => {
    // Display names marked synthetic (示例): they show in the attachment views checked below.
    const opened = await openTestPlatformWith({
      clock,
      users: {
        alice: { role: 'resident', displayName: 'alice 示例' },
        bob: { role: 'resident', displayName: 'bob 示例' },
        worker: { role: 'caseWorker', officeCode: 'O-510104', displayName: 'worker 示例' },
        outsider: { role: 'caseWorker', officeCode: 'O-510105', displayName: 'outsider 示例' },
      },
    });
    p = opened;
    ({ alice, bob, worker, outsider } = opened.users);
    app = await buildServer(p.ctx);
    aliceS = await signIn(app, 'alice', USER_PASSWORD);
    workerS = await signIn(app, 'worker', USER_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('makes real files: the fixtures are what they claim to be', () => {
    expect(png().subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(jpeg().subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    const doc = pdf().toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(doc)![1]);
    expect(doc.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const firstObj = Number(/0000000000 65535 f \n(\d{10})/.exec(doc)![1]);
    expect(doc.slice(firstObj, firstObj + 7)).toBe('1 0 obj');
  });

  it('uploads a JPEG, a PNG and a PDF and downloads each byte for byte with its checksum', async () => {
    const id = await newCase();
    const files = [
      { name: '身份证正面.jpg', type: 'image/jpeg', data: jpeg() },
      { name: 'photo.png', type: 'image/png', data: png(3, 2) },
      { name: '户口簿.pdf', type: 'application/pdf', data: pdf('a') },
    ];
    for (const f of files) {
      const res = await upload(aliceS, id, [file(f.name, f.type, f.data)]);
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json<Record<string, unknown>>();
      expect(view).toMatchObject({
        fileName: f.name,
        mediaType: f.type,
        bytes: f.data.length,
        sha256: sha256(f.data),
        material: null,
        uploadedBy: { id: alice.id, role: 'resident', displayName: 'alice 示例' },
        uploadedAt: '2024-03-04T01:00:00.000Z',
      });
      expect(view).not.toHaveProperty('content');
      const dl = await callAs(app, workerS, 'GET', `/api/cases/${id}/attachments/${String(view.id)}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(f.data)).toBe(true);
      expect(sha256(dl.rawPayload)).toBe(view.sha256);
      expect(dl.headers['content-type']).toBe(f.type);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.headers['content-disposition']).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      );
      expect(dl.headers.digest).toBe(`sha-256=${createHash('sha256').update(f.data).digest('base64')}`);
    }
    const list = await callAs(app, aliceS, 'GET', `/api/cases/${id}/attachments`);
    expect(list.json<Array<{ fileName: string }>>().map((a) => a.fileName)).toEqual(files.map((f) => f.name));
    // The case detail lists them too, without content; uploads and staff downloads are in the audit log.
    const detail = await getCase(p.ctx, worker, id);
    expect(detail.attachments.map((a) => a.sha256)).toEqual(files.map((f) => sha256(f.data)));
    expect(JSON.stringify(detail.attachments)).not.toContain('content');
    expect(await audits('case.attachment.upload', id)).toBe(3);
    expect(await audits('case.attachment.download', id)).toBe(3);
    // The applicant reading their own file is not a read of someone else's personal data.
    const own = (await listAttachments(p.ctx, alice, id))[0]!;
    const mine = await downloadAttachment(p.ctx, alice, id, own.id);
    expect(Buffer.from(mine.content).equals(files[0]!.data)).toBe(true);
    expect(await audits('case.attachment.download', id)).toBe(3);
  });

  it('tells the type by content: a PDF named .jpg is stored as a PDF; others are refused with nothing written', async () => {
    const id = await newCase();
    const disguised = await upload(aliceS, id, [file('scan.jpg', 'image/jpeg', pdf('disguised'))]);
    expect(disguised.statusCode, disguised.body).toBe(201);
    expect(disguised.json<{ mediaType: string }>().mediaType).toBe('application/pdf');
    const refused = [
      file('page.html', 'text/html', Buffer.from('<!doctype html><script>alert(1)</script>')),
      file('setup.pdf', 'application/pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1')),
      file('notes.pdf', 'application/pdf', Buffer.from('just some text, not a PDF')),
      file('empty.png', 'image/png', Buffer.alloc(0)),
    ];
    for (const f of refused) {
      const res = await upload(aliceS, id, [f]);
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json<{ zh: string; en: string; problems: Array<{ field: string }> }>();
      expect(body.problems.map((x) => x.field)).toEqual(['file']);
      expect(body.zh).toMatch(/file：/);
    }
    expect(await rows(id)).toBe(1);
    expect(await audits('case.attachment.upload', id)).toBe(1);
  });

  it('refuses a file over 5 MiB, a missing file and an unknown material, naming the field', async () => {
    const id = await newCase();
    const big = Buffer.concat([pdf('big'), Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const res = await upload(aliceS, id, [file('big.pdf', 'application/pdf', big)]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ problems: Array<{ field: string }> }>().problems[0]!.field).toBe('file');
    const none = await upload(aliceS, id, [{ name: 'material', value: '户口簿' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json<{ problems: Array<{ field: string }> }>().problems[0]!.field).toBe('file');
    const wrong = await upload(aliceS, id, [
      { name: 'material', value: '结婚证' },
      file('a.pdf', 'application/pdf', pdf('m')),
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ problems: Array<{ field: string }> }>().problems.map((x) => x.field)).toEqual([
      'material',
    ]);
    expect(await rows(id)).toBe(0);
    // Exactly 5 MiB passes (the server's 1 MiB JSON body limit does not apply to uploads).
    const edge = Buffer.concat([pdf('edge'), Buffer.alloc(MAX_ATTACHMENT_BYTES - pdf('edge').length)]);
    const atLimit = await upload(aliceS, id, [file('edge.pdf', 'application/pdf', edge)]);
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    expect(atLimit.json<{ bytes: number }>().bytes).toBe(MAX_ATTACHMENT_BYTES);
    // A material of the service's list is kept, whichever order the parts come in.
    const service = (
      await p.db.query<{ m: string[] }>(
        `SELECT definition->'requiredMaterials' AS m FROM catalog_services WHERE code = 'S-1-04'`,
      )
    ).rows[0]!.m;
    expect(service.length).toBeGreaterThan(0);
    const ok = await upload(aliceS, id, [
      file('b.pdf', 'application/pdf', pdf('m')),
      { name: 'material', value: service[0]! },
    ]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ material: string }>().material).toBe(service[0]);
  });

  it('keeps a case to 20 files; the same file again is the first attachment, also at once', async () => {
    const id = await newCase();
    const upload1 = (data: Buffer, name = 'x.pdf') =>
      uploadAttachment(p.ctx, alice, id, { fileName: name, bytes: data });
    const same = await Promise.all(Array.from({ length: 5 }, () => upload1(pdf('same'))));
    expect(new Set(same.map((r) => r.attachment.id)).size).toBe(1);
    expect(same.filter((r) => r.created)).toHaveLength(1);
    expect(await rows(id)).toBe(1);
    const retry = await upload(aliceS, id, [file('renamed.pdf', 'application/pdf', pdf('same'))]);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ id: string; fileName: string }>()).toMatchObject({
      id: same[0]!.attachment.id,
      fileName: 'x.pdf',
    });
    for (let i = 1; i < MAX_ATTACHMENTS_PER_CASE; i++) await upload1(pdf(`n${i}`));
    expect(await rows(id)).toBe(MAX_ATTACHMENTS_PER_CASE);
    const e = await expectFuwuError(upload1(pdf('one too many')), 'invalid_input');
    expect(fieldsOf(e)).toEqual(['file']);
    expect(e.zh).toContain('20');
    expect(await rows(id)).toBe(MAX_ATTACHMENTS_PER_CASE);
    // A retry of a file already there still succeeds.
    expect((await upload1(pdf('n3'))).created).toBe(false);
  });

  it('keeps other residents and other offices out; the office staff may add and read files', async () => {
    const id = await newCase();
    const first = await uploadAttachment(p.ctx, alice, id, { fileName: 'a.png', bytes: png() });
    // Another resident's case reads as an unknown one; another office is told it is not theirs.
    await expectFuwuError(
      uploadAttachment(p.ctx, bob, id, { fileName: 'b.png', bytes: png(2, 2) }),
      'not_found',
    );
    await expectFuwuError(listAttachments(p.ctx, bob, id), 'not_found');
    await expectFuwuError(downloadAttachment(p.ctx, bob, id, first.attachment.id), 'not_found');
    await expectFuwuError(downloadAttachment(p.ctx, outsider, id, first.attachment.id), 'forbidden');
    await expectFuwuError(
      uploadAttachment(p.ctx, outsider, id, { fileName: 'o.png', bytes: png(4, 4) }),
      'forbidden',
    );
    await expectFuwuError(listAttachments(p.ctx, p.admin, id), 'forbidden');
    await expectFuwuError(downloadAttachment(p.ctx, alice, id, 'A-nope'), 'not_found');
    await expectFuwuError(listAttachments(p.ctx, alice, 'C-nope'), 'not_found');
    const bobS = await signIn(app, 'bob', USER_PASSWORD);
    expect((await upload(bobS, id, [file('b.png', 'image/png', png(5, 5))])).statusCode).toBe(404);
    expect(
      (await callAs(app, bobS, 'GET', `/api/cases/${id}/attachments/${first.attachment.id}`)).statusCode,
    ).toBe(404);
    const byWorker = await uploadAttachment(p.ctx, worker, id, { fileName: '核查记录.pdf', bytes: pdf('w') });
    expect(byWorker.attachment.uploadedBy).toEqual({
      id: worker.id,
      role: 'caseWorker',
      displayName: 'worker 示例',
    });
    expect(await rows(id)).toBe(2);
    expect(await audits('case.attachment.download', id)).toBe(0);
  });

  it('stops the applicant uploading once the case is decided; staff still may', async () => {
    const id = await newCase();
    await actOnCase(p.ctx, worker, id, 'accept', { expectedRevision: 1 });
    await actOnCase(p.ctx, worker, id, 'reject', { expectedRevision: 2, reason: '不符合条件（示例）' });
    await expectFuwuError(
      uploadAttachment(p.ctx, alice, id, { fileName: 'late.pdf', bytes: pdf('late') }),
      'conflict',
    );
    const res = await upload(aliceS, id, [file('late.pdf', 'application/pdf', pdf('late'))]);
    expect(res.statusCode).toBe(409);
    expect(await rows(id)).toBe(0);
    const letter = await uploadAttachment(p.ctx, worker, id, {
      fileName: '决定书.pdf',
      bytes: pdf('letter'),
    });
    expect(letter.created).toBe(true);
    // The applicant still reads the files of their decided case.
    expect((await listAttachments(p.ctx, alice, id)).map((a) => a.fileName)).toEqual(['决定书.pdf']);
  });
});
