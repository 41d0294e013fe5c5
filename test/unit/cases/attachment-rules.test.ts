/**
 * The attachment rules, pure: the type told by the magic bytes whatever the name says, sizes and
 * counts at their limits, the material named from the service's list, and display names that can
 * never be paths. A property: random bytes are never an allowed type unless they start with its magic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MEDIA_TYPES,
  MAX_ATTACHMENTS_PER_CASE,
  MAX_ATTACHMENT_BYTES,
  MAX_CASE_ATTACHMENT_BYTES,
  MAX_FILE_NAME_CHARS,
  checkAttachment,
  displayFileName,
  magicOf,
  sniffMediaType,
} from '../../../src/domain/cases/attachment-rules.ts';

const bytes = (...parts: Array<number[] | string>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest of a png');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const PDF = bytes('%PDF-1.4\n%%EOF\n');
const NONE = { files: 0, bytes: 0 };
const MATERIALS = ['户口簿', '身份证'];

describe('sniffMediaType', () => {
  it('knows JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffMediaType(PNG)).toBe('image/png');
    expect(sniffMediaType(JPEG)).toBe('image/jpeg');
    expect(sniffMediaType(PDF)).toBe('application/pdf');
  });

  it('refuses HTML, an executable, text, a truncated signature and nothing at all', () => {
    expect(sniffMediaType(bytes('<!doctype html><html></html>'))).toBeNull();
    expect(sniffMediaType(bytes('MZ\x90\x00\x03'))).toBeNull(); // a Windows .exe
    expect(sniffMediaType(bytes([0x7f], 'ELF'))).toBeNull();
    expect(sniffMediaType(bytes('just some text named .pdf'))).toBeNull();
    expect(sniffMediaType(bytes(' %PDF-1.4'))).toBeNull(); // not at the very start
    expect(sniffMediaType(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull(); // half a PNG signature
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });

  it('never calls random bytes an allowed type unless they start with its magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const t = sniffMediaType(b);
        if (t === null) {
          for (const type of ATTACHMENT_MEDIA_TYPES) {
            const m = magicOf(type);
            expect(m.every((x, i) => b[i] === x) && b.length >= m.length).toBe(false);
          }
        } else {
          const m = magicOf(t);
          expect(b.length).toBeGreaterThanOrEqual(m.length);
          expect([...b.slice(0, m.length)]).toEqual([...m]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the type behind any magic prefix, whatever follows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ATTACHMENT_MEDIA_TYPES), fc.uint8Array({ maxLength: 64 }), (t, rest) => {
        expect(sniffMediaType(Uint8Array.from([...magicOf(t), ...rest]))).toBe(t);
      }),
    );
  });
});

describe('checkAttachment', () => {
  it('accepts an allowed file and names its material', () => {
    expect(checkAttachment({ bytes: PDF, material: ' 户口簿 ' }, NONE, MATERIALS)).toEqual({
      mediaType: 'application/pdf',
      material: '户口簿',
      problems: [],
    });
    expect(checkAttachment({ bytes: PNG, material: '' }, NONE, MATERIALS).material).toBeNull();
  });

  it('refuses an empty file, another type and an unknown material, naming the field in both languages', () => {
    const empty = checkAttachment({ bytes: new Uint8Array() }, NONE, MATERIALS);
    expect(empty.problems).toEqual([{ field: 'file', zh: '文件为空', en: 'the file is empty' }]);
    const html = checkAttachment({ bytes: bytes('<html>'), material: '结婚证' }, NONE, MATERIALS);
    expect(html.mediaType).toBeNull();
    expect(html.problems.map((p) => p.field)).toEqual(['file', 'material']);
    expect(html.problems[0]!.zh).toContain('PDF');
    expect(html.problems[1]!.zh).toContain('结婚证');
    expect(html.problems[1]!.en).toContain('not a material');
  });

  it('holds the per-file, per-case count and per-case size limits at their edges', () => {
    const big = (n: number) => {
      const b = new Uint8Array(n);
      b.set(magicOf('application/pdf'));
      return b;
    };
    expect(checkAttachment({ bytes: big(MAX_ATTACHMENT_BYTES) }, NONE, []).problems).toEqual([]);
    const over = checkAttachment({ bytes: big(MAX_ATTACHMENT_BYTES + 1) }, NONE, []).problems;
    expect(over).toHaveLength(1);
    expect(over[0]!.en).toContain('too large');
    const nineteen = { files: MAX_ATTACHMENTS_PER_CASE - 1, bytes: 0 };
    expect(checkAttachment({ bytes: PDF }, nineteen, []).problems).toEqual([]);
    const twenty = { files: MAX_ATTACHMENTS_PER_CASE, bytes: 0 };
    expect(checkAttachment({ bytes: PDF }, twenty, []).problems[0]!.zh).toContain('最多 20 个');
    const nearlyFull = { files: 3, bytes: MAX_CASE_ATTACHMENT_BYTES - PDF.length };
    expect(checkAttachment({ bytes: PDF }, nearlyFull, []).problems).toEqual([]);
    const full = { files: 3, bytes: MAX_CASE_ATTACHMENT_BYTES - PDF.length + 1 };
    expect(checkAttachment({ bytes: PDF }, full, []).problems[0]!.en).toContain('30 MiB');
  });
});

describe('displayFileName', () => {
  it('keeps the last path part, without controls, cut to the limit', () => {
    expect(displayFileName('C:\\Users\\me\\身份证.pdf')).toBe('身份证.pdf');
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('a\u0000b\r\n\u202Efdp.exe')).toBe('abfdp.exe');
    expect(displayFileName('..')).toBe('file');
    expect(displayFileName('   ')).toBe('file');
    expect([...displayFileName('户'.repeat(500))]).toHaveLength(MAX_FILE_NAME_CHARS);
  });

  it('never returns a name with a slash, a control character, or more than the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (raw) => {
        const n = displayFileName(raw);
        expect(
          [...n].some((ch) => ch === '/' || ch === '\\' || ch.codePointAt(0)! < 0x20 || ch === '\x7f'),
        ).toBe(false);
        expect([...n].length).toBeLessThanOrEqual(MAX_FILE_NAME_CHARS);
        expect(n.length).toBeGreaterThan(0);
        expect(n === '.' || n === '..').toBe(false);
      }),
    );
  });
});
