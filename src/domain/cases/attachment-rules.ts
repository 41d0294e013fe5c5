/**
 * What a case attachment may be (issue 6 §1): a JPEG, PNG or PDF, told by its first bytes (the magic
 * number) — never by the client's content type or the file's extension, which the sender chooses: a
 * PDF named .jpg is stored as the PDF it is, an .exe named .pdf is refused. Size limits per file and
 * per case, and a display name that can never act as a path. Pure: bytes and counts are passed in.
 */
import type { FieldProblem } from '../shared/errors.ts';

export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/**
 * 5 MiB a file: a phone photo of an ID card or a scanned page is 1–4 MiB, and a file stays below the
 * multipart plugin's 10 MiB request limit (server.ts) so this rule, with its clear message, decides.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** 20 files a case: the longest material list in the catalog has fewer than 10 items, twice over. */
export const MAX_ATTACHMENTS_PER_CASE = 20;
/** 30 MiB a case: the files live in the database (bytea); this bounds one case's share of it. */
export const MAX_CASE_ATTACHMENT_BYTES = 30 * 1024 * 1024;
/** Display names longer than this are cut (the name is shown in lists, never used as a path). */
export const MAX_FILE_NAME_CHARS = 120;

const MAGIC: ReadonlyArray<{ type: AttachmentMediaType; bytes: readonly number[] }> = [
  // JPEG: SOI marker then the start of the next marker (FF D8 FF).
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // PNG: the eight-byte signature 89 50 4E 47 0D 0A 1A 0A.
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // PDF: "%PDF-" at the very start (we do not accept the leading garbage some readers tolerate).
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The media type the bytes' magic number says, or null for anything else. */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  for (const m of MAGIC) {
    if (bytes.length >= m.bytes.length && m.bytes.every((b, i) => bytes[i] === b)) return m.type;
  }
  return null;
}

/** The magic prefix of each allowed type (for tests and the API description). */
export function magicOf(type: AttachmentMediaType): readonly number[] {
  return MAGIC.find((m) => m.type === type)!.bytes;
}

/** C0/C1 controls, DEL, and the bidi controls that can disguise an extension (U+202E "fdp.exe"). */
function isHiddenChar(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/**
 * The name shown for a file: the last path part (either slash), without control or bidi-override
 * characters, trimmed, at most MAX_FILE_NAME_CHARS characters; `file` when nothing is left.
 */
export function displayFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  const clean = [...last]
    .filter((ch) => !isHiddenChar(ch))
    .join('')
    .trim();
  const chars = [...clean];
  const cut = chars.length > MAX_FILE_NAME_CHARS ? chars.slice(0, MAX_FILE_NAME_CHARS).join('') : clean;
  return cut === '' || cut === '.' || cut === '..' ? 'file' : cut;
}

export interface AttachmentCandidate {
  bytes: Uint8Array;
  /** The material it answers, as sent (empty or absent: none). */
  material?: string | null;
}

export interface CaseAttachmentTotals {
  files: number;
  bytes: number;
}

export interface AttachmentVerdict {
  mediaType: AttachmentMediaType | null;
  material: string | null;
  problems: FieldProblem[];
}

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

/**
 * Check one upload against the rules: its type by magic, its size, the case's totals (before it) and
 * the service's material list. Problems name the field (`file`, `material`) in both languages.
 */
export function checkAttachment(
  c: AttachmentCandidate,
  totals: CaseAttachmentTotals,
  materials: readonly string[],
): AttachmentVerdict {
  const problems: FieldProblem[] = [];
  const size = c.bytes.length;
  const mediaType = size > 0 ? sniffMediaType(c.bytes) : null;
  if (size === 0) problems.push({ field: 'file', zh: '文件为空', en: 'the file is empty' });
  else if (mediaType === null)
    problems.push({
      field: 'file',
      zh: '只接受 JPEG、PNG 图片或 PDF 文件（按文件内容判断，与扩展名无关）',
      en: 'only JPEG or PNG images and PDF files are accepted (judged by the content, not the name)',
    });
  if (size > MAX_ATTACHMENT_BYTES)
    problems.push({
      field: 'file',
      zh: `文件过大：${MiB(size)}，每个文件不超过 ${MiB(MAX_ATTACHMENT_BYTES)}`,
      en: `the file is too large: ${MiB(size)}, at most ${MiB(MAX_ATTACHMENT_BYTES)} a file`,
    });
  else if (totals.files >= MAX_ATTACHMENTS_PER_CASE)
    problems.push({
      field: 'file',
      zh: `每个案件最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件，已有 ${totals.files} 个`,
      en: `at most ${MAX_ATTACHMENTS_PER_CASE} files a case; it has ${totals.files}`,
    });
  else if (totals.bytes + size > MAX_CASE_ATTACHMENT_BYTES)
    problems.push({
      field: 'file',
      zh: `案件附件合计不超过 ${MiB(MAX_CASE_ATTACHMENT_BYTES)}，已有 ${MiB(totals.bytes)}`,
      en: `a case's files total at most ${MiB(MAX_CASE_ATTACHMENT_BYTES)}; it has ${MiB(totals.bytes)}`,
    });
  const material = c.material?.trim() ? c.material.trim() : null;
  if (material !== null && !materials.includes(material))
    problems.push({
      field: 'material',
      zh: `「${material}」不是本服务要求的材料（${materials.join('、') || '无'}）`,
      en: `"${material}" is not a material this service requires (${materials.join(', ') || 'none'})`,
    });
  return { mediaType, material, problems };
}
